import type { RankTable } from './rank-table.js';

/**
 * Counts a text's tokens the way tiktoken encodes it: the text made
 * well-formed (a lone surrogate is U+FFFD, as tiktoken receives it), cut by
 * the encoding's pre-tokenizer, and each cut that is not a token itself
 * merged from its UTF-8 bytes, lowest-ranked adjacent pair first.
 * Special-token text (`<|endoftext|>`) is plain text here.
 */
export function bpeCounter(table: RankTable): (text: string) => number {
  const split = new RegExp(table.pattern, 'gu');
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(1024);
  // Words repeat (prose, Markdown markup, code): their counts are kept, up to a bound, then started afresh.
  const words = new Map<string, number>();

  const countWord = (word: string): number => {
    if (word.length === 1 && word.charCodeAt(0) < 0x80) return 1;
    const known = words.get(word);
    if (known !== undefined) return known;
    if (scratch.length < word.length * 3) scratch = new Uint8Array(word.length * 3);
    const { written } = encoder.encodeInto(word, scratch);
    const count = table.rank(scratch, 0, written) >= 0 ? 1 : mergeCount(table, scratch, written);
    if (words.size >= 65_536) words.clear();
    words.set(word, count);
    return count;
  };

  return (text) => {
    const wellFormed = (text as unknown as { toWellFormed(): string }).toWellFormed();
    let total = 0;
    split.lastIndex = 0;
    for (let match = split.exec(wellFormed); match !== null; match = split.exec(wellFormed))
      total += countWord(match[0]);
    return total;
  };
}

/** The number of parts byte-pair merging leaves of `bytes[0..length)`. */
function mergeCount(table: RankTable, bytes: Uint8Array, length: number): number {
  // starts[i]: where part i begins (parts end where the next begins); ranks[i]: the rank of parts i and i+1 joined.
  const starts: number[] = [];
  const ranks: number[] = [];
  for (let i = 0; i <= length; i++) {
    starts.push(i);
    ranks.push(i < length - 1 ? rankOf(table, bytes, i, i + 2) : Infinity);
  }
  const pairRank = (i: number) => (i + 2 < starts.length ? rankOf(table, bytes, starts[i]!, starts[i + 2]!) : Infinity);
  while (starts.length > 1) {
    let lowest = Infinity;
    let at = -1;
    for (let i = 0; i < ranks.length - 1; i++) {
      if (ranks[i]! < lowest) {
        lowest = ranks[i]!;
        at = i;
      }
    }
    if (at === -1) break;
    starts.splice(at + 1, 1);
    ranks.splice(at, 1);
    ranks[at] = pairRank(at);
    if (at > 0) ranks[at - 1] = pairRank(at - 1);
  }
  return starts.length - 1;
}

function rankOf(table: RankTable, bytes: Uint8Array, start: number, end: number): number {
  const rank = table.rank(bytes, start, end);
  return rank === -1 ? Infinity : rank;
}
