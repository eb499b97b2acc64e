import { FenceTracker } from './markdown-lines.js';

/**
 * Limits on the Markdown wavec analyses. remark (micromark) and the BPE
 * tokenizer are far from linear on some shapes of input, measured on this
 * machine: 10,000 lines of `- - x` take 12 s, 1,000 nested list levels 25 s,
 * 20,000 setext headings 76 s, one 100 KB paragraph of `*_*_` 100 s, a
 * 100,000-character run of `<` 3.5 s to count. No prompt, fragment or charter
 * comes near these shapes, so each is refused with a clear message before
 * the parser sees it; within the limits every analysis stays under about two
 * seconds. The scan itself is one linear pass.
 */
export const MARKDOWN_LIMITS = {
  /** Characters (UTF-16 code units) in one text: about 64k tokens, ten budgets' worth. */
  maxChars: 256 * 1024,
  /** Lines in one text: forty times the wave 4 prompt; parse time grows with lines times list items. */
  maxLines: 10_000,
  /** List and block-quote markers opening on one line. */
  maxNesting: 32,
  /** Columns of indentation in front of a line's content, outside code fences. */
  maxIndentColumns: 128,
  /** List items and block-quote markers in one text. */
  maxContainers: 2000,
  /** Setext headings (text underlined with `===` or `---`). */
  maxSetextHeadings: 200,
  /** Emphasis and link markers (`*`, `_`, `[`) in one paragraph; resolving them is quadratic per paragraph. */
  maxInlineMarkers: 256,
  /** Characters in one run the tokenizer sees as a single piece (letters, symbols or spaces without a break). */
  maxRun: 1024,
} as const;

export interface MarkdownLimitProblem {
  code: 'markdown-too-large' | 'markdown-too-deep' | 'markdown-too-complex';
  /** UTF-16 offset in the text where the limit is crossed. */
  offset: number;
  message: string;
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ORDERED_MARKER = /^\d{1,9}[.)](?=[ \t]|$)/;
/** Runs the o200k/cl100k pre-tokenizers keep whole: letters, symbols, whitespace. Digits are split in threes. */
const RUN = /[\p{L}\p{M}]+|[^\s\p{L}\p{M}\p{N}]+|\s+/gu;

/** The first run longer than the limit (`maxRun`) in `text`: the check a spec value gets before it reaches a prompt. */
export function longRun(text: string): { offset: number; length: number } | undefined {
  for (const match of mayHaveLongRun(text, MARKDOWN_LIMITS.maxRun) ? text.matchAll(RUN) : []) {
    if (match[0].length > MARKDOWN_LIMITS.maxRun) return { offset: match.index, length: match[0].length };
  }
  return undefined;
}

/** The first limit `text` exceeds, or undefined when it is safe to parse and count. */
export function markdownLimitProblem(text: string): MarkdownLimitProblem | undefined {
  const L = MARKDOWN_LIMITS;
  if (text.length > L.maxChars) {
    return {
      code: 'markdown-too-large',
      offset: L.maxChars,
      message: `Markdown is ${text.length} characters long; wavec analyses at most ${L.maxChars}`,
    };
  }
  for (const match of mayHaveLongRun(text, L.maxRun) ? text.matchAll(RUN) : []) {
    if (match[0].length > L.maxRun) {
      return {
        code: 'markdown-too-complex',
        offset: match.index,
        message:
          `a run of ${match[0].length} characters without a break (the limit is ${L.maxRun}); ` +
          'token counting slows down quadratically on such runs',
      };
    }
  }

  let containers = 0;
  let lines = 0;
  let setext = 0;
  let inlineMarkers = 0;
  // Containers are not followed here, so a fence counts at any indentation (in a list item it is one).
  const fences = new FenceTracker();
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
    const fenced = fences.next(line.replace(/^[ \t]+/, ''));
    if (fenced === 'open') previousBlank = true;
    else if (fenced === 'outside') {
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
            `a line is indented by ${prefix.indentColumns} columns; ` +
            `wavec analyses at most ${L.maxIndentColumns} outside code fences`,
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
      for (let i = prefix.length; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if ((c === 0x2a || c === 0x5f || c === 0x5b) && ++inlineMarkers > L.maxInlineMarkers) {
          return {
            code: 'markdown-too-complex',
            offset: lineStart + i,
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

/**
 * Whether RUN could find a run longer than `limit`: one pass over the char
 * codes instead of a match object per word (the check runs on every prompt
 * linted). A letter or symbol run has no whitespace in it, so it lies in a
 * stretch without an ASCII space, tab or line break; a whitespace run is a
 * stretch of whitespace. When neither stretch is longer than the limit, no
 * run is; otherwise the exact scan decides.
 */
function mayHaveLongRun(text: string, limit: number): boolean {
  let withoutAsciiSpace = 0;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const asciiSpace = c === 0x20 || (c >= 0x09 && c <= 0x0d);
    withoutAsciiSpace = asciiSpace ? 0 : withoutAsciiSpace + 1;
    spaces = asciiSpace || (c >= 0x80 && WHITESPACE.test(text[i]!)) ? spaces + 1 : 0;
    if (withoutAsciiSpace > limit || spaces > limit) return true;
  }
  return false;
}

const WHITESPACE = /\s/;

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
