import type { HandBackPart, HandBackPartKind } from '../compose/hand-back.js';
import { atxHeading, closesFence, fenceOpening, type FenceOpening } from '../syntax/markdown-lines.js';

/**
 * The structure of an agent's reply, read leniently and in time linear in
 * its length: a part of the hand-back starts with a heading (`## PR URLs`),
 * a list item or a line whose label names it (`1. Per module:`,
 * `**Noticed, not done:** none`, `Health: all running`), or with its number
 * in the prompt's list. Order, case and Markdown form are free; what each
 * part must contain is checked in check.ts. Text inside HTML comments is not
 * part of the reply.
 */

export interface ReplyLine {
  /** 1-based; 0 for a blank line, one shared object that no finding points at. */
  number: number;
  /** The line as written, with HTML comments blanked to spaces (so columns still point into the file). */
  text: string;
  /** Inside a fenced code block, or one of its fences. */
  fenced: boolean;
  /** Nothing but white space (or a comment). */
  blank: boolean;
  /** Heading level, 0 when the line is not a heading. */
  heading: number;
  /** Leading white space, a tab counting as one. */
  indent: number;
  /** The list item the line starts, if any. */
  list: 'ordered' | 'bullet' | undefined;
  /** The number of an ordered list item (`3.` or `3)`), or of a heading that starts with one (`## 3. Health`). */
  ordinal: number | undefined;
  /** Offset of the text after the heading or list marker (and a task box, `[x]`). */
  contentStart: number;
  /** The text from `contentStart`, without leading emphasis and trailing white space, `#`, `*` and `_`. */
  content: string;
  /** A bold lead-in (`**Health:** none`): its bold text and what follows it. */
  bold: { label: string; rest: string } | undefined;
  table: boolean;
  /** For a table row: the line number of its table's first row (the header). */
  tableStart: number;
  /** What a module's own line starts with, lower-cased: the first table cell, or the content after `1.`, `PR n:`. */
  lead: string;
}

export interface Part {
  kind: HandBackPartKind;
  /** The contract part it answers (`item:2` for the second extra item). */
  key: string;
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

/** What a reply is read against: the parts asked for, and the names that stand for a planned PR. */
export interface ReadingContract {
  parts: readonly HandBackPart[];
  /** Module and task ids, module services and containers: a label naming one is that entry's line, not a part. */
  entryNames: readonly string[];
  subsystem: string;
}

const LIST_ITEM = /^[ \t]*(?:([-*+])|(\d{1,9})[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?/;
const HEADING_ORDINAL = /^(\d{1,9})[.)](?:\s|$)/;

/** What a part header's label says, tested in this order. */
const PART_LABELS: readonly [HandBackPartKind, RegExp][] = [
  ['noticed', /\bnoticed\b|\bnot done\b/i],
  ['health', /\bhealth\b|\bcontainers?\b/i],
  ['modules', /\bper[- ]module\b|^modules?\b|\bmodule (?:parts?|summar(?:y|ies)|notes|reports?|lines)\b/i],
  ['prs', /\b(?:prs?|pull requests?|merge requests?|urls?|links?)\b/i],
];

/** The longest label (in words) a header may have; a longer line is prose. */
const MAX_LABEL_WORDS = 16;
/** The longest line without a colon that may be a header by itself (`Honcho subsystem health (end of run)`). */
const MAX_BARE_LABEL_WORDS = 8;

export function readLines(text: string): ReplyLine[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const lines: ReplyLine[] = [];
  let fence: FenceOpening | undefined;
  let inComment = false;
  let start = 0;
  for (let number = 1; start <= raw.length; number++) {
    const newline = raw.indexOf('\n', start);
    const end = newline === -1 ? raw.length : newline;
    let line = raw.slice(start, end);
    start = end + 1;
    let fenced = fence !== undefined;
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
    } else {
      const blanked = blankComments(line, inComment);
      line = blanked.text;
      inComment = blanked.open;
      fence = fenceOpening(line);
      if (fence) fenced = true;
    }
    lines.push(describe(line, number, fenced, lines[lines.length - 1]));
    if (newline === -1) break;
  }
  return lines;
}

/** The line with every HTML comment (`<!-- … -->`, possibly opened on an earlier line) turned into spaces. */
function blankComments(line: string, open: boolean): { text: string; open: boolean } {
  if (!open && !line.includes('<!--')) return { text: line, open };
  let out = '';
  let at = 0;
  let inside = open;
  while (at < line.length) {
    if (inside) {
      const close = line.indexOf('-->', at);
      const stop = close === -1 ? line.length : close + 3;
      out += ' '.repeat(stop - at);
      at = stop;
      if (close !== -1) inside = false;
    } else {
      const opening = line.indexOf('<!--', at);
      if (opening === -1) {
        out += line.slice(at);
        break;
      }
      out += line.slice(at, opening);
      at = opening;
      inside = true;
    }
  }
  return { text: out, open: inside };
}

function describe(text: string, number: number, fenced: boolean, previous: ReplyLine | undefined): ReplyLine {
  const indent = leadingSpace(text);
  if (indent === text.length) {
    // Blank lines are most of a padded reply, and nothing is read in them: one shared line stands for each.
    return fenced ? BLANK_FENCED : BLANK;
  }
  const heading = fenced ? undefined : atxHeading(text);
  const item = fenced || heading ? null : LIST_ITEM.exec(text);
  const contentStart = heading ? heading.contentStart : item ? item[0].length : indent;
  const table = !fenced && text.charCodeAt(indent) === 0x7c; // |
  const rawContent = text.slice(contentStart);
  const marker = rawContent.slice(0, 2);
  const close = marker === '**' || marker === '__' ? rawContent.indexOf(marker, 2) : -1;
  const bold = close > 2 ? { label: rawContent.slice(2, close), rest: rawContent.slice(close + 2) } : undefined;
  // Code spans keep their backticks: `docker compose ps` is the text of a claim.
  const content = trimEnd(rawContent.replace(/^[*_\s]+/, ''));
  const headingOrdinal = heading ? HEADING_ORDINAL.exec(content) : null;
  const first = (table ? text.slice(indent + 1) : content).replace(/^[\s*_`]+/, '');
  return {
    number,
    text,
    fenced,
    blank: false,
    heading: heading ? heading.depth : 0,
    indent,
    list: item ? (item[1] ? 'bullet' : 'ordered') : undefined,
    ordinal: item?.[2] !== undefined ? Number(item[2]) : headingOrdinal ? Number(headingOrdinal[1]) : undefined,
    contentStart,
    content,
    bold,
    table,
    tableStart: table ? (previous?.table ? previous.tableStart : number) : 0,
    lead: first.replace(/^(?:\d+[.)]|module|pr\s*#?\d+)\s*[:.\-–—]?\s*[*_`]*/i, '').toLowerCase(),
  };
}

/** A blank line: `number` 0 and `text` empty (no finding points at one); every field written, one shape for all. */
function blankLine(fenced: boolean): ReplyLine {
  return {
    number: 0,
    text: '',
    fenced,
    blank: true,
    heading: 0,
    indent: 0,
    list: undefined,
    ordinal: undefined,
    contentStart: 0,
    content: '',
    bold: undefined,
    table: false,
    tableStart: 0,
    lead: '',
  };
}

const BLANK = Object.freeze(blankLine(false));
const BLANK_FENCED = Object.freeze(blankLine(true));

function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Without trailing white space, `#`, `*` and `_`: a loop, because a regex anchored at the end is quadratic. */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t#*_'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** The line's content, as {@link ReplyLine.content} (kept for callers that hold only a line). */
export function contentOf(line: ReplyLine): string {
  return line.content;
}

/** A header's label: a bold lead-in's bold text, the text before the first colon, or the whole short line. */
function labelOf(line: ReplyLine): { label: string; bare: boolean } | undefined {
  const content = line.content;
  if (content === '') return undefined;
  if (line.bold) return { label: stripMarks(line.bold.label).replace(/:$/, ''), bare: false };
  const colon = content.indexOf(':');
  if (colon !== -1) return { label: stripMarks(content.slice(0, colon)), bare: false };
  if (line.heading > 0) return { label: stripMarks(content), bare: false };
  return { label: stripMarks(content), bare: true };
}

function stripMarks(text: string): string {
  return text.replace(/[*_`]+/g, '').trim();
}

function wordCount(text: string, limit: number): number {
  let count = 0;
  for (const _ of text.matchAll(/\S+/g)) if (++count > limit) break;
  return count;
}

/**
 * The contract part a line starts, if its label names one: a fixed part
 * (PR URLs, per module, health, noticed) by its words, an extra item by its
 * key words or its number in the prompt's list. A label that names a module
 * or a task (`honcho-redis (PR 2):`) is that entry's line, not a part.
 */
export function partOf(line: ReplyLine, contract: ReadingContract): HandBackPart | undefined {
  if (line.fenced || line.table || line.blank) return undefined;
  if (line.heading === 0 && line.indent > 3) return undefined;
  const labelled = labelOf(line);
  if (!labelled || labelled.label === '') return undefined;
  const { label, bare } = labelled;
  const words = wordCount(label, MAX_LABEL_WORDS + 1);
  if (words > MAX_LABEL_WORDS || (bare && (words > MAX_BARE_LABEL_WORDS || /[.!?]$/.test(label)))) return undefined;
  // "The n8n subsystem health" names the subsystem, not the module n8n.
  const subsystem = `${contract.subsystem.toLowerCase()} subsystem`;
  const withoutSubsystem = contract.subsystem === '' ? label : label.toLowerCase().split(subsystem).join(' ');
  if (mentions(withoutSubsystem, contract.entryNames).length > 0) return undefined;
  const kind = PART_LABELS.find(([, pattern]) => pattern.test(label))?.[0];
  if (kind) return contract.parts.find((part) => part.kind === kind);
  const items = contract.parts.filter((part) => part.kind === 'item');
  const byWords = items.find((part) => namesItem(line.content, bare ? '' : label, part.text));
  if (byWords) return byWords;
  return line.ordinal === undefined ? undefined : items.find((part) => part.number === line.ordinal);
}

const STOP_WORDS = new Set(
  (
    'about above after again against also been before being below between both each every from have here into ' +
    'itself more most only other over same should some such than that their them then there these they this ' +
    'those through under until very were what when where which while with within would your yours whether ' +
    'reply write name give list state tell says said'
  ).split(' '),
);

/** The words that identify an item: four letters or more, not a stop word, lower-cased and stemmed. */
function keyWords(text: string, limit = Infinity): string[] {
  const found: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[a-z]{4,}/g)) {
    if (!STOP_WORDS.has(match[0])) found.push(stem(match[0]));
    if (found.length >= limit) break;
  }
  return found;
}

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '');
}

/**
 * Whether a line names an item: its label is made of the item's key words (`Retention period:` for "The retention
 * period the store runs with"), or its first words share two of them (its only one, when it has one).
 */
function namesItem(content: string, label: string, item: string): boolean {
  const wanted = new Set(keyWords(item));
  if (wanted.size === 0) return false;
  const labelWords = keyWords(label, MAX_LABEL_WORDS);
  if (labelWords.length > 0 && labelWords.every((word) => wanted.has(word))) return true;
  const said = new Set(keyWords(content, MAX_LABEL_WORDS));
  let shared = 0;
  for (const word of said) if (wanted.has(word)) shared++;
  return shared >= Math.min(2, wanted.size);
}

/**
 * Reads the reply's parts. A line starts a part when its label names one and
 * it has the shape of a part header where it stands: inside a part started
 * by a heading, only another heading; inside one started by a list item,
 * another item of that list (or a plain line at most as indented); inside
 * one started by a plain or bold line, another such line that is labelled
 * (`Health: …`) or starts a paragraph. A non-heading header never interrupts a part before it has any
 * content, so a word in the first line of a list ("health" in a noticed
 * item) never moves that line to another part.
 */
export function readReply(text: string, contract: ReadingContract): Reply {
  const lines = readLines(text);
  const parts: Part[] = [];
  const partOfLine: (Part | undefined)[] = [];
  let current: Part | undefined;
  let hasContent = false;
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const may = canStartPart(line, previous, current, hasContent);
    const labelled = may ? partOf(line, contract) : undefined;
    const numbered = may && !labelled ? nextByNumber(line, current, contract) : undefined;
    const asked = labelled ?? numbered;
    if (asked) {
      current = { kind: asked.kind, key: asked.key, header: line, lines: [] };
      parts.push(current);
      // A part answered by its number alone has no label: the whole line is its answer.
      hasContent = numbered !== undefined || afterLabel(line) !== '';
    } else if (current && line.heading > 0 && closesPart(line, current, contract)) {
      current = undefined;
    } else if (current && !line.blank) hasContent = true;
    current?.lines.push(line);
    partOfLine.push(current);
  });
  return { lines, parts, partOf: partOfLine };
}

/**
 * In a reply that numbers its parts as the prompt does (`3. Health: …` answering the prompt's third part), the next
 * item of that list answers the part of its number whatever it says (`4. 38 GB, by a count query.`). Only then: a
 * number alone elsewhere (the fourth of a list of PR URLs) says nothing about which part a line answers.
 */
function nextByNumber(line: ReplyLine, current: Part | undefined, contract: ReadingContract): HandBackPart | undefined {
  if (line.list !== 'ordered' || line.ordinal === undefined || !current) return undefined;
  const header = current.header;
  if (header.list !== 'ordered' || header.indent !== line.indent) return undefined;
  const answered = contract.parts.find((part) => part.key === current.key);
  if (answered?.number !== header.ordinal) return undefined;
  return contract.parts.find((part) => part.kind === 'item' && part.number === line.ordinal);
}

function canStartPart(
  line: ReplyLine,
  previous: ReplyLine | undefined,
  current: Part | undefined,
  hasContent: boolean,
): boolean {
  if (line.heading > 0) return true;
  if (line.indent > 3) return false;
  const paragraphStart = !previous || previous.blank || previous.list !== undefined || previous.heading > 0;
  if (!current) return line.list !== undefined || paragraphStart || previous?.table === true;
  if (!hasContent) return false;
  const header = current.header;
  if (header.heading > 0) return false;
  if (header.list !== undefined) {
    if (line.list !== undefined) return line.list === header.list && line.indent <= header.indent;
    return line.indent <= header.indent;
  }
  if (line.list !== undefined) return false;
  // A labelled line (`Health: …`) starts a part under a plain one even without a blank line before it, as a terse
  // reply writes one part per line; a bare label needs a paragraph of its own.
  return paragraphStart || previous === header || line.bold !== undefined || line.content.includes(':');
}

/** A heading closes a part started by another line, or one at the same or a higher level; not a module's own. */
function closesPart(line: ReplyLine, current: Part, contract: ReadingContract): boolean {
  if (current.header.heading === 0) return true;
  if (line.heading > current.header.heading) return false;
  return !(current.kind === 'modules' && contract.entryNames.some((name) => startsWithName(line, name)));
}

/** The text after a header's label: `none` in `**Noticed, not done:** none`. */
export function afterLabel(line: ReplyLine): string {
  const content = line.content;
  if (line.bold) return trimEnd(stripMarks(line.bold.rest).replace(/^[:\s—–-]+/, ''));
  const colon = content.indexOf(':');
  return colon === -1 ? '' : stripMarks(content.slice(colon + 1));
}

/** Names lower-cased and longest first, prepared once per list. */
const prepared = new WeakMap<readonly string[], { id: string; needle: string }[]>();

function prepare(names: readonly string[]): { id: string; needle: string }[] {
  let list = prepared.get(names);
  if (!list) {
    list = [...new Set(names)]
      .map((id) => ({ id, needle: id.toLowerCase() }))
      .filter((n) => n.needle !== '')
      .sort((a, b) => b.needle.length - a.needle.length);
    prepared.set(names, list);
  }
  return list;
}

/**
 * Where `names` are named in `text` (case-insensitive), leaving out a name
 * inside a longer one (`n8n` in `n8n-worker`); a container name around the
 * name (`apps-honcho-api-1`) still names it.
 */
export function mentions(text: string, names: readonly string[]): { id: string; index: number }[] {
  const lower = text.toLowerCase();
  const list = prepare(names);
  if (!list.some((n) => lower.includes(n.needle))) return [];
  const found: { id: string; index: number }[] = [];
  // Which occurrence of a longer name covers each character: linear in the text per name, whatever the input.
  const owner = new Int32Array(lower.length).fill(-1);
  let occurrence = 0;
  for (const { id, needle } of list) {
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

/** Whether the line starts with `name` as a whole word (after a `1.`, `module` or `PR n:` prefix). */
export function startsWithName(line: ReplyLine, name: string): boolean {
  const lead = line.lead;
  const lower = name.toLowerCase();
  return lead.startsWith(lower) && !/[a-z0-9_-]/.test(lead.charAt(lower.length));
}
