import { headingsOf, parseMarkdown, type HeadingInfo } from './markdown.js';

/**
 * A fast path for the one thing most checks need from a prompt: its
 * top-level headings. A full CommonMark parse of a 16 KB prompt costs about
 * 15 ms; this line scan costs well under one. It handles the subset wavec's
 * own output uses (ATX headings at column 1, fenced code at column 1,
 * paragraphs, lists, tables) and answers `undefined` — "ask the real parser" —
 * whenever a line could mean something outside that subset. A property test
 * holds it equal to remark on every input where it answers.
 */
export function scanHeadings(text: string): HeadingInfo[] | undefined {
  const headings: HeadingInfo[] = [];
  const lines = text.split('\n');
  let fence: { char: string; length: number } | undefined;
  let previousIsParagraph = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
    if (open) {
      // A fence that is not at column 1 may belong to a list item and end with it.
      if (open[1] !== '' || (open[2]![0] === '`' && open[3]!.includes('`'))) return undefined;
      fence = { char: open[2]![0]!, length: open[2]!.length };
      previousIsParagraph = false;
      continue;
    }
    if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && previousIsParagraph) return undefined; // setext heading
    if (/^ {0,3}</.test(line)) return undefined; // HTML block
    if (/^ {0,3}\t/.test(line)) return undefined; // tab indentation: column arithmetic
    const heading = /^( {0,3})(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (heading) {
      if (heading[1] !== '') return undefined; // may sit inside a list item
      const content = (heading[3] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
      // Inline markup changes the plain text: let the parser decide. An
      // underscore inside a word (OPEN_LOOPS) is not emphasis.
      if (/[\\`*[\]<>&!~]/.test(content) || /(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])/u.test(content))
        return undefined;
      headings.push({ depth: heading[2]!.length, text: content, line: i + 1, column: 1 });
      previousIsParagraph = false;
      continue;
    }
    previousIsParagraph = line.trim() !== '' && !/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(line);
  }
  return headings;
}

/** A text's top-level headings: the scanner's answer when it has one, else remark's. */
export function topLevelHeadings(text: string): HeadingInfo[] {
  return scanHeadings(text) ?? headingsOf(parseMarkdown(text));
}
