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

/** A source line for an excerpt: controls become U+FFFD one for one, so the caret under it still lines up. */
export function printableLine(line: string): string {
  return line.replace(CONTROL, '\uFFFD');
}
