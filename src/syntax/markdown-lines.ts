/**
 * The one reader of Markdown's line-level structure: fenced code blocks and
 * ATX and setext headings, by CommonMark's rules. Every scanner that walks a
 * Markdown text line by line (the render stage's normaliser, the outline and
 * block fast paths, the analysis limits, the inert-text check of spec
 * strings, the hand-back reader) asks it, so a fence is a fence for all of
 * them.
 *
 * A fence is opened by a run of at least three backticks or tildes indented
 * by at most three spaces (a backtick fence's info string may not contain a
 * backtick) and closed by a run of the same character at least as long,
 * indented by at most three spaces, with nothing after it but spaces or tabs.
 * The indentation is counted from the line's start: a scanner that knows a
 * line sits in a container (a list item) passes the container's content
 * instead, and one that knows nothing of containers passes the line without
 * its indentation, so that a fence at any depth counts.
 */

export interface FenceOpening {
  /** The fence character. */
  char: '`' | '~';
  /** Length of the run. */
  length: number;
  /** Spaces in front of the run. */
  indent: number;
  /** The info string without the spaces or tabs around it: `ts` in `` ```ts ``. */
  info: string;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const CLOSING = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The fence `line` opens, when it opens one. */
export function fenceOpening(line: string): FenceOpening | undefined {
  const match = OPENING.exec(line);
  if (!match) return undefined;
  const run = match[2]!;
  const info = match[3]!;
  if (run[0] === '`' && info.includes('`')) return undefined;
  // By index: a pattern trimming the end tries every start in a run of spaces, quadratic on `x` + spaces + `x`.
  let start = 0;
  let end = info.length;
  while (start < end && isBlank(info[start])) start++;
  while (end > start && isBlank(info[end - 1])) end--;
  const trimmed = info.slice(start, end);
  return { char: run[0] as '`' | '~', length: run.length, indent: match[1]!.length, info: trimmed };
}

/** Whether `line` closes the fence `opening` opened. */
export function closesFence(line: string, opening: Pick<FenceOpening, 'char' | 'length'>): boolean {
  const match = CLOSING.exec(line);
  return match !== null && match[1]![0] === opening.char && match[1]!.length >= opening.length;
}

/** Where a line stands with respect to fenced code. */
export type FenceState = 'open' | 'inside' | 'close' | 'outside';

/**
 * Follows the fences of a text line by line: `next(line)` says whether the
 * line opens a fence, is inside one, closes it, or is outside every fence.
 * A fence left open runs to the end of the text.
 */
export class FenceTracker {
  private opening: FenceOpening | undefined;

  next(line: string): FenceState {
    if (this.opening) {
      if (!closesFence(line, this.opening)) return 'inside';
      this.opening = undefined;
      return 'close';
    }
    this.opening = fenceOpening(line);
    return this.opening ? 'open' : 'outside';
  }
}

export interface AtxHeading {
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  /** Spaces in front of the `#` run. */
  indent: number;
  /** The raw content: without the `#` run, a closing `#` sequence and the spaces or tabs around it. */
  text: string;
  /** Offset of the content in the line (the line's length when there is none). */
  contentStart: number;
}

/** The `#` run of an ATX heading: followed by a space, a tab or the end of the line. */
const ATX_OPENING = /^( {0,3})(#{1,6})(?=[ \t]|$)/;

const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/**
 * The ATX heading `line` is (`## Mission`), outside a fence. Read by index, not by one regex: a pattern that
 * trims both ends of the content backtracks over a long run of spaces, and headings come from untrusted text.
 */
export function atxHeading(line: string): AtxHeading | undefined {
  const opening = ATX_OPENING.exec(line);
  if (!opening) return undefined;
  let start = opening[0].length;
  while (isBlank(line[start])) start++;
  let end = line.length;
  while (end > start && isBlank(line[end - 1])) end--;
  // A closing sequence: a run of `#` at the end, alone or after a space or tab.
  let hashes = end;
  while (hashes > start && line[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === start || isBlank(line[hashes - 1]))) {
    end = hashes;
    while (end > start && isBlank(line[end - 1])) end--;
  }
  const text = line.slice(start, end);
  const contentStart = text === '' ? line.length : start;
  return { depth: opening[2]!.length as AtxHeading['depth'], indent: opening[1]!.length, text, contentStart };
}

const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/**
 * The level a setext underline gives the paragraph line above it (`===` 1, `---` 2), when `line` is one. Whether it
 * is one depends on that line being paragraph text: the caller knows.
 */
export function setextUnderline(line: string): 1 | 2 | undefined {
  const match = SETEXT.exec(line);
  if (!match) return undefined;
  return match[1]![0] === '=' ? 1 : 2;
}
