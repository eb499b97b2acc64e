import { headingsOf, parseMarkdown, type HeadingInfo } from './markdown.js';
import { atxHeading, closesFence, fenceOpening, setextUnderline, type FenceOpening } from './markdown-lines.js';

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
  let fence: FenceOpening | undefined;
  let previousIsParagraph = false;

  for (let i = 0, offset = 0; i < lines.length; offset += lines[i]!.length + 1, i++) {
    const line = lines[i]!;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const open = fenceOpening(line);
    if (open) {
      // A fence that is not at column 1 may belong to a list item and end with it.
      if (open.indent !== 0) return undefined;
      fence = open;
      previousIsParagraph = false;
      continue;
    }
    if (setextUnderline(line) && previousIsParagraph) return undefined; // setext heading
    if (/^ {0,3}</.test(line)) return undefined; // HTML block
    if (/^ {0,3}\t/.test(line)) return undefined; // tab indentation: column arithmetic
    const heading = atxHeading(line);
    if (heading) {
      if (heading.indent !== 0) return undefined; // may sit inside a list item
      // Trimmed as remark's plain text is (headingsOf): a no-break space at either end goes too.
      const content = heading.text.trim();
      // Inline markup changes the plain text: let the parser decide. An
      // underscore inside a word (OPEN_LOOPS) is not emphasis.
      if (/[\\`*[\]<>&!~]/.test(content) || /(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])/u.test(content))
        return undefined;
      headings.push({ depth: heading.depth, text: content, line: i + 1, column: 1, offset });
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
