import { createRequire } from 'node:module';
import type { Heading, Root, RootContent } from 'mdast';

/**
 * remark, loaded on first use: most prompts, fragments and charters are read
 * by the fast scanners (outline.ts, blocks.ts), so a compile usually never
 * loads it. Loaded synchronously (Node ≥ 20.19 can `require` an ES module)
 * because its callers, the rules among them, are synchronous.
 */
let parser: { parse(text: string): Root } | undefined;

function loadParser(): { parse(text: string): Root } {
  const load = createRequire(import.meta.url);
  const { unified } = load('unified') as typeof import('unified');
  const remarkParse = (load('remark-parse') as typeof import('remark-parse')).default;
  // One processor: building one is not free, and parsing is stateless.
  return unified().use(remarkParse);
}

export function parseMarkdown(text: string): Root {
  parser ??= loadParser();
  return parser.parse(text);
}

export interface HeadingInfo {
  depth: number;
  /** Plain text of the heading, inline markup removed. */
  text: string;
  line: number;
  column: number;
  /** UTF-16 offset of the heading's first character. */
  offset: number;
}

/** Top-level headings in document order (headings inside lists or quotes do not structure a prompt). */
export function headingsOf(root: Root): HeadingInfo[] {
  return root.children
    .filter((node): node is Heading => node.type === 'heading')
    .map((heading) => ({
      depth: heading.depth,
      text: plainText(heading).trim(),
      line: heading.position?.start.line ?? 1,
      column: heading.position?.start.column ?? 1,
      offset: heading.position?.start.offset ?? 0,
    }));
}

export function plainText(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}
