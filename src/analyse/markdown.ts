import type { Heading, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** One parser instance: building a unified processor is not free, and it is stateless. */
const parser = unified().use(remarkParse);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export interface HeadingInfo {
  depth: number;
  /** Plain text of the heading, inline markup removed. */
  text: string;
  line: number;
  column: number;
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
    }));
}

export function plainText(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}
