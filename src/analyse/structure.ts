import type { Heading } from 'mdast';
import { splitLines } from '../util/text.js';
import { parseMarkdown } from '../syntax/markdown.js';
import { scanHeadings } from '../syntax/outline.js';
import { nextSameOrHigher } from './section-ends.js';

/** A heading as a required-structure check sees it. */
export interface StructureHeading {
  depth: number;
  /**
   * The heading's source text without the `#` marks, as markdownlint's MD043
   * compares it: `## \`pg_dump\` gate` keeps its backticks.
   */
  text: string;
  line: number;
  column: number;
  /** Last line of the heading itself (a setext heading spans two). */
  headingEndLine: number;
  /**
   * True when its section (up to the next heading of the same or a higher level) holds nothing but blank lines and
   * headings.
   */
  empty: boolean;
}

/**
 * The top-level headings of a prompt with their source text and whether each
 * section is empty. The line scanner answers for wavec's own output (its
 * headings carry no inline markup, so their source text is their plain
 * text); anything else goes through remark.
 */
export function structureOf(text: string): StructureHeading[] {
  const located =
    scanHeadings(text)?.map((h) => ({
      depth: h.depth,
      text: h.text,
      line: h.line,
      column: h.column,
      headingEndLine: h.line,
    })) ?? parsedHeadings(text);
  const lines = splitLines(text);
  const headingLines = new Set<number>();
  for (const h of located) for (let l = h.line; l <= h.headingEndLine; l++) headingLines.add(l);
  const nextIndex = nextSameOrHigher(located);
  return located.map((heading, i) => {
    const next = located[nextIndex[i]!];
    const end = next ? next.line - 1 : lines.length;
    let empty = true;
    for (let l = heading.headingEndLine + 1; l <= end && empty; l++) {
      if (!headingLines.has(l) && lines[l - 1]!.trim() !== '') empty = false;
    }
    // Spelled out: in Node 20, V8 allocated each `{ ...heading, empty }` copy in the old generation, where a lint
    // of thousands of prompts left them as garbage until the next full collection (3 KB a prompt).
    const { depth, text: headingText, line, column, headingEndLine } = heading;
    return { depth, text: headingText, line, column, headingEndLine, empty };
  });
}

function parsedHeadings(text: string): Omit<StructureHeading, 'empty'>[] {
  return parseMarkdown(text)
    .children.filter((node): node is Heading => node.type === 'heading')
    .map((heading) => {
      const first = heading.children[0]?.position?.start.offset;
      const last = heading.children[heading.children.length - 1]?.position?.end.offset;
      const source = first === undefined || last === undefined ? '' : text.slice(first, last);
      return {
        depth: heading.depth,
        // A setext heading's text may span lines; MD043 joins them with a space.
        text: source.replace(/[\r\n]+/g, ' ').trim(),
        line: heading.position?.start.line ?? 1,
        column: heading.position?.start.column ?? 1,
        headingEndLine: heading.position?.end.line ?? 1,
      };
    });
}
