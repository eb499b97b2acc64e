import { hiddenKind, isVariationSelector } from '../util/hidden-characters.js';

/**
 * Text that came from outside wavec (a file name, a value quoted in a
 * message) made safe to print: a control character would end a line, start
 * a terminal escape or, in CI logs, a workflow command (a file name holding
 * a newline and `::error`). Each is shown as a visible escape instead.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** C0 controls but tab, DEL, C1 controls, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- intended: finding control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A source line for an excerpt, and where its caret goes: every character a reader would not see (controls, bidi
 * controls, zero-width and filler characters, private use, tags, a variation selector after another) is shown as its
 * escape (`\u202e`, `\u{e0041}`), never raw, so the excerpt shows what the finding is about and cannot reorder or
 * hide the rest of the line. The caret moves with the escapes before it. Tab stays a tab (the caret line keeps it).
 */
export function printableExcerpt(line: string, caret: number): { text: string; caret: number } {
  let text = '';
  let shownCaret = -1;
  let previousWasSelector = false;
  for (let i = 0; i < line.length;) {
    if (i >= caret && shownCaret === -1) shownCaret = text.length;
    const codePoint = line.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const selector = isVariationSelector(codePoint);
    const hidden =
      codePoint === 0x0a ||
      codePoint === 0x0d ||
      codePoint === 0x2028 ||
      codePoint === 0x2029 ||
      hiddenKind(codePoint) !== undefined ||
      (selector && (previousWasSelector || i === 0));
    text += hidden ? escapeCodePoint(codePoint) : line.slice(i, i + width);
    previousWasSelector = selector;
    i += width;
  }
  return { text, caret: shownCaret === -1 ? text.length : shownCaret };
}

function escapeCodePoint(codePoint: number): string {
  const hex = codePoint.toString(16);
  return codePoint > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}
