import type { Nodes, Parents, Root } from 'mdast';
import { scanBlocks } from '../syntax/blocks.js';
import { headingsOf, parseMarkdown, type HeadingInfo } from '../syntax/markdown.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { LastKey } from '../util/bounded-cache.js';
import { LineIndex } from '../util/text.js';
import type { PromptUnderCheck } from './rule.js';

/**
 * What the content rules need to read a prompt the way a Markdown reader
 * does: positions, the mdast tree (which section and block a piece of text
 * sits in, and whether it is code), and the headings. Built once per prompt
 * and shared by every rule of a check run.
 */
export class PromptView {
  readonly text: string;
  private readonly index: LineIndex;
  private parsed: { root: Root; headings: HeadingInfo[] } | undefined;

  constructor(readonly prompt: PromptUnderCheck) {
    this.text = prompt.text;
    this.index = new LineIndex(prompt.text);
  }

  /**
   * Built on first use: rules that only need positions never pay for it; remark only when the fast scanner
   * declines.
   */
  get root(): Root {
    return this.markdown().root;
  }

  /** Top-level headings in document order. */
  get headings(): readonly HeadingInfo[] {
    return this.markdown().headings;
  }

  private markdown(): { root: Root; headings: HeadingInfo[] } {
    if (this.parsed) return this.parsed;
    const root = scanBlocks(this.text) ?? parseMarkdown(this.text);
    return (this.parsed = { root, headings: headingsOf(root) });
  }

  /** The diagnostic location of a text offset. */
  locate(offset: number): SourceLocation {
    const { line, column } = this.index.position(offset);
    return { file: this.prompt.path, line, column };
  }

  /** Where a heading is, or the top of the prompt when there is none with that title. */
  headingOrTop(title: string, depth?: number): SourceLocation {
    const heading = this.heading(title, depth);
    return heading
      ? { file: this.prompt.path, line: heading.line, column: heading.column }
      : { file: this.prompt.path, line: 1, column: 1 };
  }

  /** The first top-level heading with this title (case-insensitive). */
  heading(title: string, depth?: number): HeadingInfo | undefined {
    const wanted = title.toLowerCase();
    return this.headings.find((h) => h.text.toLowerCase() === wanted && (depth === undefined || h.depth === depth));
  }

  /** The text of a section: its heading line up to the next heading of the same or a higher level. */
  sectionText(heading: HeadingInfo): string {
    const next = this.headings.find((h) => h.offset > heading.offset && h.depth <= heading.depth);
    return this.text.slice(heading.offset, next ? next.offset : undefined);
  }

  /** The closest heading of at most `depth` above an offset: the section it is in. */
  sectionAt(offset: number, depth = 2): HeadingInfo | undefined {
    // Rules ask once per match: per depth, the headings of at most that depth, searched by halves.
    let candidates = this.byDepth.get(depth);
    if (!candidates) this.byDepth.set(depth, (candidates = this.headings.filter((h) => h.depth <= depth)));
    const i = lastAtOrBefore(candidates, offset, (h) => h.offset);
    return i === -1 ? undefined : candidates[i];
  }

  private readonly byDepth = new Map<number, HeadingInfo[]>();
  private readonly withPositions = new WeakMap<Parents, Nodes[]>();

  /** A node's children that have a position (the fast scanner's text nodes have none). */
  private positioned(parent: Parents): Nodes[] {
    let children = this.withPositions.get(parent);
    if (!children) {
      children = (parent.children as Nodes[]).filter(
        (c) => c.position?.start.offset !== undefined && c.position.end.offset !== undefined,
      );
      this.withPositions.set(parent, children);
    }
    return children;
  }

  /** The nodes that contain an offset, outermost (the root) first. */
  ancestorsAt(offset: number): Nodes[] {
    const path: Nodes[] = [this.root];
    let node: Nodes = this.root;
    for (;;) {
      if (!('children' in node)) return path;
      // Children are in document order: the last one starting at or before the offset is the only candidate.
      const children = this.positioned(node as Parents);
      const child = children[lastAtOrBefore(children, offset, (c) => c.position!.start.offset!)];
      const end = child?.position?.end.offset;
      if (!child || end === undefined || offset >= end) return path;
      path.push(child);
      node = child;
    }
  }

  /** True inside a code block or an inline code span: text quoted as written, not prose. */
  inCode(offset: number): boolean {
    return this.ancestorsAt(offset).some((node) => node.type === 'code' || node.type === 'inlineCode');
  }

  /** The source text of a node. */
  source(node: Nodes): string {
    return this.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  }
}

/** Index of the last item whose key is at most `offset` (keys ascending), or -1. */
function lastAtOrBefore<T>(items: readonly T[], offset: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const views = new LastKey<PromptUnderCheck, PromptView>();

/** The shared view of a prompt: every rule of one check run sees the same prompt object. */
export function viewOf(prompt: PromptUnderCheck): PromptView {
  let view = views.get(prompt);
  if (!view || view.text !== prompt.text) {
    view = new PromptView(prompt);
    views.set(prompt, view);
  }
  return view;
}

/** `§1–4, §6, §13`: runs of consecutive numbers collapse, so a long list stays readable. */
export function formatNumberRuns(numbers: Iterable<number>, prefix: string): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${prefix}${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(`${prefix}${sorted[k]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Shortens quoted text for a message. */
export function excerpt(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
