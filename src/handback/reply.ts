import { atxHeading, FenceTracker } from '../syntax/markdown-lines.js';

/**
 * The structure of an agent's reply, read leniently: a part of the
 * hand-back may start with a heading (`## PR URLs`), a top-level list item
 * or a line ending its label with a colon (`1. Per module:`,
 * `**Noticed, not done:** none`), or a bold line. Order, case and Markdown
 * form are free; what each part must contain is checked in check.ts.
 */

export type PartKind = 'prs' | 'modules' | 'health' | 'noticed';

export interface ReplyLine {
  /** 1-based. */
  number: number;
  text: string;
  /** Inside a fenced code block, or one of its fences. */
  fenced: boolean;
  /** Heading level, 0 when the line is not a heading. */
  heading: number;
  indent: number;
  /** The number of an ordered list item (`3.` or `3)`). */
  ordinal: number | undefined;
  /** Offset of the text after the heading or list marker. */
  contentStart: number;
  table: boolean;
  /** For a table row: the line number of its table's first row (the header). */
  tableStart: number;
}

export interface Part {
  kind: PartKind;
  header: ReplyLine;
  /** The header and every line up to the next part. */
  lines: ReplyLine[];
}

export interface Reply {
  lines: ReplyLine[];
  parts: Part[];
  /** The part each line belongs to (by line index), if any. */
  partOf: (Part | undefined)[];
}

const LIST_ITEM = /^([ \t]*)(?:[-*+]|(\d{1,9})[.)])[ \t]+/;

/** What a part header's label says, tested in this order. */
const PART_LABELS: readonly [PartKind, RegExp][] = [
  ['noticed', /\bnoticed\b|\bnot done\b/i],
  ['health', /\bhealth\b|\bcontainers?\b/i],
  ['modules', /\bper[- ]module\b|^modules?\b|\bmodule (?:parts?|summar(?:y|ies)|notes|reports?)\b/i],
  ['prs', /\b(?:prs?|pull requests?|merge requests?|urls?|links?)\b/i],
];

export function readLines(text: string): ReplyLine[] {
  const lines: ReplyLine[] = [];
  const fences = new FenceTracker();
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const fenced = fences.next(raw) !== 'outside';
      const heading = fenced ? undefined : atxHeading(raw);
      const item = fenced || heading ? null : LIST_ITEM.exec(raw);
      lines.push({
        number: i + 1,
        text: raw,
        fenced,
        heading: heading ? heading.depth : 0,
        indent: /^[ \t]*/.exec(raw)![0].length,
        ordinal: item?.[2] === undefined ? undefined : Number(item[2]),
        contentStart: heading ? heading.contentStart : item ? item[0].length : /^[ \t]*/.exec(raw)![0].length,
        table: !fenced && /^\s*\|/.test(raw),
        tableStart: 0,
      });
      const line = lines[lines.length - 1]!;
      const previous = lines[lines.length - 2];
      if (line.table) line.tableStart = previous?.table ? previous.tableStart : line.number;
    });
  return lines;
}

/** The line's text after its heading or list marker, without leading emphasis. */
export function contentOf(line: ReplyLine): string {
  return line.text.slice(line.contentStart).replace(/^[*_`\s]+/, '');
}

/**
 * The part a line starts, if it is a part header: a heading, or a top-level
 * line whose short label (up to a colon, or the whole line) names a part.
 * A label that names a module or a task (`honcho-redis (PR 2):`) is that
 * entry's line, not a part.
 */
export function partHeaderKind(line: ReplyLine, entryIds: readonly string[], subsystem = ''): PartKind | undefined {
  if (line.fenced || line.table) return undefined;
  const content = contentOf(line).replace(/[\s#*_]+$/, '');
  if (content === '') return undefined;
  const colon = content.indexOf(':');
  if (line.heading === 0 && (line.indent > 0 || (colon === -1 && content.split(/\s+/).length > 8))) return undefined;
  const label = (colon === -1 ? content : content.slice(0, colon)).replace(/[*_`]+/g, '').trim();
  if (label === '' || label.split(/\s+/).length > 16) return undefined;
  // "The n8n subsystem health" names the subsystem, not the module n8n.
  const withoutSubsystem =
    subsystem === '' ? label : label.toLowerCase().split(`${subsystem.toLowerCase()} subsystem`).join(' ');
  if (mentions(withoutSubsystem, entryIds).length > 0) return undefined;
  return PART_LABELS.find(([, pattern]) => pattern.test(label))?.[0];
}

export function readReply(text: string, entryIds: readonly string[], subsystem = ''): Reply {
  const lines = readLines(text);
  const parts: Part[] = [];
  const partOf: (Part | undefined)[] = [];
  let current: Part | undefined;
  for (const line of lines) {
    const kind = partHeaderKind(line, entryIds, subsystem);
    if (kind) {
      current = { kind, header: line, lines: [] };
      parts.push(current);
    } else if (
      current &&
      current.header.heading > 0 &&
      line.heading > 0 &&
      line.heading <= current.header.heading &&
      !(current.kind === 'modules' && entryIds.some((id) => startsWithId(line, id)))
    ) {
      // A module's own heading at the level of "Per module" stays in that part.
      current = undefined;
    }
    current?.lines.push(line);
    partOf.push(current);
  }
  return { lines, parts, partOf };
}

/**
 * Where `ids` are named in `text` (case-insensitive), leaving out a name
 * inside a longer one (`n8n` in `n8n-worker`); a container name around the
 * id (`apps-honcho-api-1`) still names it.
 */
export function mentions(text: string, ids: readonly string[]): { id: string; index: number }[] {
  const lower = text.toLowerCase();
  const found: { id: string; index: number }[] = [];
  // Which occurrence of a longer id covers each character: linear in the text per id, whatever the input.
  const owner = new Int32Array(lower.length).fill(-1);
  let occurrence = 0;
  for (const id of [...ids].sort((a, b) => b.length - a.length)) {
    const needle = id.toLowerCase();
    if (needle === '') continue;
    const mine: number[] = [];
    for (let index = lower.indexOf(needle); index !== -1; index = lower.indexOf(needle, index + 1)) {
      const end = index + needle.length;
      if (owner[index] !== -1 && owner[index] === owner[end - 1]) continue;
      found.push({ id, index });
      mine.push(index);
    }
    for (const index of mine) owner.fill(occurrence++, index, index + needle.length);
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Whether the line's content starts with `id` (after a `1.`, `module` or `PR n:` prefix), as a module's own heading or
 * item does.
 */
export function startsWithId(line: ReplyLine, id: string): boolean {
  const content = line.table ? line.text.replace(/^\s*\|\s*/, '').replace(/^[*_`\s]+/, '') : contentOf(line);
  const rest = content.replace(/^(?:\d+[.)]|module|pr\s*#?\d+)\s*[:.\-–—]?\s*[*_`]*/i, '').toLowerCase();
  return rest.startsWith(id.toLowerCase()) && !/^[a-z0-9_-]/.test(rest.slice(id.length));
}
