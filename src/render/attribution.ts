/**
 * Line attribution: which fragment produced which output line. Every
 * fragment's output is wrapped in private-use markers while rendering; they
 * are removed here and turned into one owner per line. This works through
 * Handlebars partial indentation and helpers without hooking its internals.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
/** Fragment indices are encoded as one character from this code point up. */
const INDEX_BASE = 0xe100;

export function openMarker(index: number): string {
  return OPEN + String.fromCharCode(INDEX_BASE + index);
}

export function closeMarker(): string {
  return CLOSE;
}

/** Marker characters in input would corrupt attribution; they have no business in a prompt. */
export const MARKER_PATTERN = /[\uE000\uE001]/;

export interface AttributedLines {
  lines: string[];
  /** Index into the fragment list, one per line. */
  owners: number[];
}

/**
 * Splits marked text into lines and their owners. A line belongs to the most
 * deeply nested fragment that put a visible character on it (a blank line,
 * to the one open at its end): a list item whose bullet comes from a section
 * and whose text comes from a constraint fragment is the constraint's line.
 */
export function attributeLines(marked: string, rootIndex: number): AttributedLines {
  const lines: string[] = [];
  const owners: number[] = [];
  const stack = [rootIndex];
  let line = '';
  let owner: number | undefined;
  let ownerDepth = 0;
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i]!;
    if (ch === OPEN) {
      stack.push(marked.charCodeAt(++i) - INDEX_BASE);
    } else if (ch === CLOSE) {
      if (stack.length > 1) stack.pop();
    } else if (ch === '\n') {
      lines.push(line);
      owners.push(owner ?? stack[stack.length - 1]!);
      line = '';
      owner = undefined;
      ownerDepth = 0;
    } else {
      if (stack.length > ownerDepth && ch !== ' ' && ch !== '\t') {
        owner = stack[stack.length - 1]!;
        ownerDepth = stack.length;
      }
      line += ch;
    }
  }
  if (line !== '' || owner !== undefined) {
    lines.push(line);
    owners.push(owner ?? stack[stack.length - 1]!);
  }
  return { lines, owners };
}
