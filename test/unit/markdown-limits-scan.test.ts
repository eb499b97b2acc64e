import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_LIMITS, markdownLimitProblem, type MarkdownLimitProblem } from '../../src/syntax/markdown-limits.js';

// The limit check as it was before its run and marker scans were made cheap
// (commit a4f800f's version): the two must give the same answer for any text.
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ORDERED_MARKER = /^\d{1,9}[.)](?=[ \t]|$)/;
const INLINE_MARKER = /[*_[]/g;
/** Runs the o200k/cl100k pre-tokenizers keep whole: letters, symbols, whitespace. Digits are split in threes. */
const RUN = /[\p{L}\p{M}]+|[^\s\p{L}\p{M}\p{N}]+|\s+/gu;

/** The first limit `text` exceeds, or undefined when it is safe to parse and count. */
function referenceLimitProblem(text: string): MarkdownLimitProblem | undefined {
  const L = MARKDOWN_LIMITS;
  if (text.length > L.maxChars) {
    return {
      code: 'markdown-too-large',
      offset: L.maxChars,
      message: `Markdown is ${text.length} characters long; wavec analyses at most ${L.maxChars}`,
    };
  }
  for (const match of text.matchAll(RUN)) {
    if (match[0].length > L.maxRun) {
      return {
        code: 'markdown-too-complex',
        offset: match.index,
        message:
          `a run of ${match[0].length} characters without a break (the limit is ${L.maxRun}); token counting ` +
          'slows down quadratically on such runs',
      };
    }
  }

  let containers = 0;
  let lines = 0;
  let setext = 0;
  let inlineMarkers = 0;
  let fence: string | undefined;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (++lines > L.maxLines) {
      return {
        code: 'markdown-too-large',
        offset: lineStart,
        message: `Markdown has more than ${L.maxLines} lines; wavec analyses at most ${L.maxLines}`,
      };
    }
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (
        fenceMatch &&
        fenceMatch[1]![0] === fence[0] &&
        fenceMatch[1]!.length >= fence.length &&
        line.trim() === fenceMatch[1]
      )
        fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
      previousBlank = true;
    } else {
      const prefix = containerPrefix(line);
      containers += prefix.markers.length;
      if (prefix.markers.length > L.maxNesting) {
        return {
          code: 'markdown-too-deep',
          offset: lineStart + prefix.markers[L.maxNesting]!,
          message: `lists and block quotes are nested more than ${L.maxNesting} levels deep`,
        };
      }
      if (prefix.indentColumns > L.maxIndentColumns) {
        return {
          code: 'markdown-too-deep',
          offset: lineStart + prefix.length,
          message:
            `a line is indented by ${prefix.indentColumns} columns; wavec analyses at most ${L.maxIndentColumns} ` +
            'outside code fences',
        };
      }
      if (containers > L.maxContainers) {
        return {
          code: 'markdown-too-complex',
          offset: lineStart,
          message: `more than ${L.maxContainers} list items and block quotes`,
        };
      }
      const blank = line.trim() === '';
      if (!previousBlank && SETEXT_UNDERLINE.test(line) && ++setext > L.maxSetextHeadings) {
        return {
          code: 'markdown-too-complex',
          offset: lineStart,
          message: `more than ${L.maxSetextHeadings} setext headings (text underlined with === or ---)`,
        };
      }
      // A paragraph ends at a blank line and at a new list item or quote; each is parsed on its own.
      if (blank || prefix.markers.length > 0) inlineMarkers = 0;
      for (const marker of line.slice(prefix.length).matchAll(INLINE_MARKER)) {
        if (++inlineMarkers > L.maxInlineMarkers) {
          return {
            code: 'markdown-too-complex',
            offset: lineStart + prefix.length + marker.index,
            message: `a paragraph has more than ${L.maxInlineMarkers} emphasis and link markers (*, _, [)`,
          };
        }
      }
      previousBlank = blank;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return undefined;
}

/** Block-quote and list markers at the start of a line, with the indentation around them. */
function containerPrefix(line: string): { markers: number[]; indentColumns: number; length: number } {
  const markers: number[] = [];
  let indentColumns = 0;
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') indentColumns += line[i++] === '\t' ? 4 : 1;
    const rest = line.slice(i, i + 12);
    if (line[i] === '>') {
      markers.push(i);
      i += 1;
    } else if (
      (line[i] === '-' || line[i] === '*' || line[i] === '+') &&
      (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')
    ) {
      markers.push(i);
      i += 1;
    } else {
      const ordered = ORDERED_MARKER.exec(rest);
      if (!ordered) break;
      markers.push(i);
      i += ordered[0].length;
    }
  }
  return { markers, indentColumns, length: i };
}

const piece = fc.constantFrom(
  'a',
  'word ',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '*',
  '_',
  '[',
  '**x** ',
  '- ',
  '> ',
  '1. ',
  '```\n',
  '~~~\n',
  '===\n',
  '---\n',
  '\t',
  '\u00a0',
  '\u3000',
  'é',
  '日本',
  '🙂',
  '#',
  '12',
  '.',
  '/',
  'x'.repeat(300),
  '-'.repeat(300),
  ' '.repeat(300),
  '\u00a0'.repeat(300),
  '𝔘'.repeat(200),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('markdownLimitProblem', () => {
  it('answers as the reference scan does (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(markdownLimitProblem(t)).toEqual(referenceLimitProblem(t));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a long letter run', 'x'.repeat(MARKDOWN_LIMITS.maxRun + 1)],
    ['a long run of astral letters', '𝔘'.repeat(MARKDOWN_LIMITS.maxRun / 2 + 1)],
    ['a long symbol run after words', `words first ${'-'.repeat(MARKDOWN_LIMITS.maxRun + 1)}`],
    ['a long run of no-break spaces', '\u00a0'.repeat(MARKDOWN_LIMITS.maxRun + 1)],
    ['many markers in one paragraph', `${'*a* '.repeat(200)}\n`],
  ])('finds %s where the reference does', (_, t) => {
    expect(markdownLimitProblem(t)).toBeDefined();
    expect(markdownLimitProblem(t)).toEqual(referenceLimitProblem(t));
  });
});
