/**
 * A byte-pair encoding's ranks as one flat buffer: an open-addressing hash
 * table over the tokens' bytes that is used where it lies, so a process that
 * reads it from disk has nothing to build before counting (building the
 * same lookup from gpt-tokenizer's vocabulary costs about a tenth of a
 * second per start). `npm run build` writes one per encoding
 * (scripts/token-tables.mjs); a process that finds none, or one made for
 * another vocabulary or format, builds the same buffer in memory instead.
 *
 * Layout (integers in the byte order of the machine that wrote it, checked
 * by a marker): magic, format version, byte-order marker, header length, a
 * JSON header, then four arrays: hash slots (token index + 1, 0 = empty),
 * ranks and byte offsets by token index, and the tokens' bytes end to end.
 */

const MAGIC = 'WVCRANKS';
const FORMAT = 1;
const BYTE_ORDER = 0x01020304;

/** What a table was made from: a table is used only for the vocabulary and pre-tokenizer it was made for. */
export interface RankTableHeader {
  /** The vocabulary's source and version, e.g. `gpt-tokenizer@4.0.0 o200k_base`. */
  vocabulary: string;
  /** The pre-tokenizer's regular expression (source; flags `gu`). */
  pattern: string;
}

export interface RankTable extends RankTableHeader {
  /** The rank of the token whose bytes are `bytes[start..end)`, or -1 if there is none. */
  rank(bytes: Uint8Array, start: number, end: number): number;
}

/** FNV-1a over a byte range: cheap, and spreads tokens well enough for a table kept under half full. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** The table for tokens given by rank (holes allowed), as one buffer. */
export function encodeRankTable(tokens: readonly (Uint8Array | undefined)[], header: RankTableHeader): Uint8Array {
  const ranks: number[] = [];
  const bodies: Uint8Array[] = [];
  tokens.forEach((token, rank) => {
    if (token === undefined) return;
    ranks.push(rank);
    bodies.push(token);
  });
  const count = ranks.length;
  let slotCount = 1;
  while (slotCount < count * 2) slotCount *= 2;
  const byteLength = bodies.reduce((sum, body) => sum + body.length, 0);
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...header, count, slotCount, byteLength }));
  const headerEnd = align4(20 + headerBytes.length);
  const total = headerEnd + 4 * (slotCount + count + count + 1) + byteLength;

  const buffer = new Uint8Array(total);
  buffer.set(new TextEncoder().encode(MAGIC), 0);
  const words = new Uint32Array(buffer.buffer, 8, 3);
  words[0] = FORMAT;
  words[1] = BYTE_ORDER;
  words[2] = headerBytes.length;
  buffer.set(headerBytes, 20);
  const { slots, rankOf, offsets, bytes } = views(buffer, headerEnd, slotCount, count, byteLength);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    rankOf[i] = ranks[i]!;
    offsets[i] = offset;
    bytes.set(bodies[i]!, offset);
    offset += bodies[i]!.length;
  }
  offsets[count] = offset;
  const mask = slotCount - 1;
  for (let i = 0; i < count; i++) {
    let slot = hashBytes(bytes, offsets[i]!, offsets[i + 1]!) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  return buffer;
}

/**
 * The table in `buffer` if it is one of this format, whole, in this
 * machine's byte order and made from `vocabulary`; otherwise undefined (the
 * caller builds one from the vocabulary instead).
 */
export function readRankTable(buffer: Uint8Array, vocabulary: string): RankTable | undefined {
  if (buffer.length < 20 || new TextDecoder().decode(buffer.subarray(0, 8)) !== MAGIC) return undefined;
  if (buffer.byteOffset % 4 !== 0) buffer = new Uint8Array(buffer); // a copy, aligned for the 32-bit views
  const [format, byteOrder, headerLength] = new Uint32Array(buffer.buffer, buffer.byteOffset + 8, 3);
  if (format !== FORMAT || byteOrder !== BYTE_ORDER || 20 + headerLength! > buffer.length) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(buffer.subarray(20, 20 + headerLength!)));
  } catch {
    return undefined;
  }
  if (!isHeader(header) || header.vocabulary !== vocabulary) return undefined;
  const { count, slotCount, byteLength } = header;
  const headerEnd = align4(20 + headerLength!);
  if (
    buffer.length !== headerEnd + 4 * (slotCount + count + count + 1) + byteLength ||
    (slotCount & (slotCount - 1)) !== 0
  )
    return undefined;
  const { slots, rankOf, offsets, bytes } = views(buffer, headerEnd, slotCount, count, byteLength);
  const mask = slotCount - 1;
  return {
    vocabulary: header.vocabulary,
    pattern: header.pattern,
    rank(key, start, end) {
      const length = end - start;
      for (let slot = hashBytes(key, start, end) & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot]!;
        if (entry === 0) return -1;
        const offset = offsets[entry - 1]!;
        if (offsets[entry]! - offset !== length) continue;
        let i = 0;
        while (i < length && bytes[offset + i] === key[start + i]) i++;
        if (i === length) return rankOf[entry - 1]!;
      }
    },
  };
}

interface StoredHeader extends RankTableHeader {
  count: number;
  slotCount: number;
  byteLength: number;
}

function isHeader(value: unknown): value is StoredHeader {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const size = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0 && (n as number) < 2 ** 30;
  return (
    typeof v.vocabulary === 'string' &&
    typeof v.pattern === 'string' &&
    size(v.count) &&
    size(v.slotCount) &&
    size(v.byteLength)
  );
}

function views(buffer: Uint8Array, start: number, slotCount: number, count: number, byteLength: number) {
  const at = buffer.byteOffset + start;
  const slots = new Uint32Array(buffer.buffer, at, slotCount);
  const rankOf = new Uint32Array(buffer.buffer, at + 4 * slotCount, count);
  const offsets = new Uint32Array(buffer.buffer, at + 4 * (slotCount + count), count + 1);
  const bytes = new Uint8Array(buffer.buffer, at + 4 * (slotCount + 2 * count + 1), byteLength);
  return { slots, rankOf, offsets, bytes };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
