import type { Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { atxHeading, closesFence, fenceOpening, type AtxHeading, type FenceOpening } from './markdown-lines.js';

type Point = NonNullable<Root['position']>['start'];

/**
 * A fast path for the mdast the content rules read: the block structure
 * (headings, paragraphs, fenced code, lists and their items, thematic
 * breaks) with remark's positions, and inside paragraphs and headings the
 * inline code spans and the plain text. A full CommonMark parse of a 16 KB
 * prompt costs about 15 ms (and loading remark more); this costs well under
 * one. It covers the subset prompts are written in and answers `undefined`,
 * "ask remark", whenever a line or a span could mean something outside it:
 * block quotes, HTML, indented code, setext headings, tabs, links,
 * references, escapes, entities, headings or fences inside list items,
 * trailing whitespace. Emphasis is resolved with CommonMark's delimiter
 * algorithm, so plain text is what remark's is. A property test holds the
 * tree equal to remark's, position for position, wherever this answers.
 *
 * Nodes other than `inlineCode` carry no children below paragraph level:
 * emphasis is flattened into text, which is all the rules look at.
 */
export function scanBlocks(text: string): Root | undefined {
  if (/[\t\r\0]|\]:/.test(text)) return undefined;
  try {
    return new BlockScanner(text).scan();
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  }
}

/** Thrown inside the scanner when the input leaves the subset; caught at the top. */
const OUTSIDE_SUBSET = Symbol('outside the subset');
function outside(): never {
  throw OUTSIDE_SUBSET;
}

const THEMATIC_BREAK = /^(?:(?:\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ ]*$/;
const BULLET = /^([-+*])( +)(.*)$/;
const ORDERED = /^(\d{1,9})([.)])( +)(.*)$/;
/** What a list item's first line may not start with: another block's syntax. */
const BLOCK_START = /^(?:#{1,6}(?: |$)|`{3,}|~{3,}|[><]|[-+*](?: |$)|\d{1,9}[.)](?: |$))/;

interface OpenItem {
  item: ListItem;
  list: List;
  /** Column of the marker and of the item's content (0-based). */
  markerColumn: number;
  contentColumn: number;
  /** `-`, `+`, `*`, `.` or `)`: an item of another kind starts another list. */
  kind: string;
}

interface OpenParagraph {
  node: Paragraph;
  /** Each line's content (indentation removed), where it starts in the text, and whether indentation was removed. */
  lines: InlineLine[];
  lineNumbers: number[];
}

class BlockScanner {
  private readonly lines: { start: number; text: string }[] = [];
  private readonly root: Root = { type: 'root', children: [] };
  private items: OpenItem[] = [];
  private paragraph: OpenParagraph | undefined;
  private paragraphDepth = 0;

  constructor(private readonly text: string) {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      this.lines.push({ start, text: text.slice(start, newline === -1 ? text.length : newline) });
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  scan(): Root {
    for (let i = 0; i < this.lines.length; i++) i = this.line(i);
    this.closeParagraph();
    this.closeItems(0);
    this.root.position = { start: this.point(0, 0), end: this.pointAt(this.text.length) };
    return this.root;
  }

  /** Handles line `i` (and, for a fence, the lines up to its end); returns the last line handled. */
  private line(i: number): number {
    const { text } = this.lines[i]!;
    // Trailing spaces: hard breaks, positions that exclude them, whitespace-only lines remark reads as text at the end.
    if (text.endsWith(' ')) outside();
    if (text === '') {
      this.closeParagraph();
      return i;
    }
    const indent = /^ */.exec(text)![0].length;
    let matched = 0;
    while (matched < this.items.length && this.items[matched]!.contentColumn <= indent) matched++;
    const relative = indent - (matched === 0 ? 0 : this.items[matched - 1]!.contentColumn);
    const rest = text.slice(indent);

    if (relative >= 4) {
      if (!this.paragraph) outside(); // indented code
      this.continueParagraph(i, indent);
      return i;
    }
    if (this.paragraph && SETEXT_UNDERLINE.test(rest)) outside();
    const heading = atxHeading(rest);
    const fence = fenceOpening(rest);
    if (THEMATIC_BREAK.test(rest) || heading || fence) {
      if (indent !== 0) outside(); // inside a list item, or indented: positions and nesting rules this does not model
      this.closeParagraph();
      this.closeItems(0);
      if (THEMATIC_BREAK.test(rest)) {
        this.root.children.push({
          type: 'thematicBreak',
          position: { start: this.point(i, 0), end: this.point(i, text.length) },
        });
        return i;
      }
      return heading ? this.heading(i, heading) : this.fence(i, fence!);
    }
    if (rest[0] === '>' || rest[0] === '<') outside(); // block quote, HTML
    if (/^(?:[-+*]|\d{1,9}[.)])$/.test(rest)) outside(); // an empty list item

    const marker = BULLET.exec(rest) ?? ORDERED.exec(rest);
    if (marker) {
      this.listItem(i, indent, matched, marker);
      return i;
    }
    if (this.paragraph) this.continueParagraph(i, indent);
    else {
      this.closeItems(matched);
      this.openParagraph(i, indent, matched);
    }
    return i;
  }

  private heading(i: number, heading: AtxHeading): number {
    const { text } = this.lines[i]!;
    const content = heading.text;
    const contentStart = this.lines[i]!.start + heading.contentStart;
    const node: Heading = {
      type: 'heading',
      depth: heading.depth,
      children: inline([{ offset: contentStart, text: content, indented: false }], (offset) => this.pointAt(offset)),
      position: { start: this.point(i, 0), end: this.point(i, text.length) },
    };
    this.root.children.push(node);
    return i;
  }

  private fence(i: number, fence: FenceOpening): number {
    const { info } = fence;
    if (/[\\&]/.test(info)) outside();
    for (let j = i + 1; j < this.lines.length; j++) {
      const closing = this.lines[j]!.text;
      if (!closesFence(closing, fence)) continue;
      // wavec's subset closes a fence only at column 1 and without trailing spaces.
      if (closing !== closing.trim()) outside();
      const space = info.search(/ /);
      const node: Code = {
        type: 'code',
        lang: info === '' ? null : space === -1 ? info : info.slice(0, space),
        meta: space === -1 ? null : trimSpaces(info.slice(space)),
        value: this.lines
          .slice(i + 1, j)
          .map((l) => l.text)
          .join('\n'),
        position: { start: this.point(i, 0), end: this.point(j, this.lines[j]!.text.length) },
      };
      this.root.children.push(node);
      return j;
    }
    return outside(); // unclosed: runs to the end, with positions this does not model
  }

  private listItem(i: number, indent: number, matched: number, marker: RegExpExecArray): void {
    const ordered = marker.length === 5;
    const kind = ordered ? marker[2]! : marker[1]!;
    const spaces = marker[ordered ? 3 : 2]!.length;
    const content = marker[ordered ? 4 : 3]!;
    if (content === '' || spaces > 4 || BLOCK_START.test(content) || THEMATIC_BREAK.test(content)) outside();

    // A list item continues the list an open item at this level belongs to, when of the same kind.
    const sibling = this.items[matched];
    const continues = sibling !== undefined && sibling.kind === kind;
    // The first item of a new list interrupts a paragraph only when it could not be read as its continuation.
    if (this.paragraph && !continues && ordered && marker[1] !== '1') outside();
    this.closeParagraph();
    this.closeItems(matched);

    let list: List;
    if (continues) list = sibling.list;
    else {
      list = { type: 'list', ordered, start: ordered ? Number(marker[1]) : null, spread: false, children: [] };
      this.containerChildren(matched).push(list);
    }
    const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [] };
    list.children.push(item);
    const markerLength = ordered ? marker[1]!.length + 1 : 1;
    this.items.push({ item, list, markerColumn: indent, contentColumn: indent + markerLength + spaces, kind });
    item.position = { start: this.point(i, indent), end: this.point(i, indent) };
    this.openParagraph(i, indent + markerLength + spaces, matched + 1);
  }

  private containerChildren(depth: number): RootContent[] {
    return depth === 0 ? this.root.children : this.items[depth - 1]!.item.children;
  }

  private openParagraph(i: number, column: number, depth: number): void {
    const node: Paragraph = { type: 'paragraph', children: [] };
    this.containerChildren(depth).push(node);
    this.paragraph = {
      node,
      lines: [{ offset: this.lines[i]!.start + column, text: this.lines[i]!.text.slice(column), indented: false }],
      lineNumbers: [i],
    };
    this.paragraphDepth = depth;
  }

  private continueParagraph(i: number, indent: number): void {
    const paragraph = this.paragraph!;
    paragraph.lines.push({
      offset: this.lines[i]!.start + indent,
      text: this.lines[i]!.text.slice(indent),
      indented: indent > 0,
    });
    paragraph.lineNumbers.push(i);
  }

  private closeParagraph(): void {
    const paragraph = this.paragraph;
    if (!paragraph) return;
    this.paragraph = undefined;
    const first = paragraph.lines[0]!;
    const last = paragraph.lines[paragraph.lines.length - 1]!;
    paragraph.node.children = inline(paragraph.lines, (offset) => this.pointAt(offset));
    paragraph.node.position = { start: this.pointAt(first.offset), end: this.pointAt(last.offset + last.text.length) };
    // Every item the paragraph sits in now ends where it does.
    for (let d = 0; d < this.paragraphDepth; d++) this.extend(d, paragraph.node.position.end);
  }

  private extend(depth: number, end: Point): void {
    const open = this.items[depth]!;
    open.item.position!.end = end;
    open.list.position = { start: open.list.children[0]!.position!.start, end };
  }

  /** Closes the items deeper than `depth`. */
  private closeItems(depth: number): void {
    this.items.length = Math.min(this.items.length, depth);
  }

  private point(line: number, column: number): Point {
    return { line: line + 1, column: column + 1, offset: this.lines[line]!.start + column };
  }

  private pointAt(offset: number): Point {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.point(lo, offset - this.lines[lo]!.start);
  }
}

/**
 * Markdown trims spaces, not every Unicode whitespace (a no-break space is content). By index: a pattern trimming the
 * end tries every start in a run of spaces, quadratic on `x` + spaces + `x`.
 */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return text.slice(start, end);
}

interface Delimiter {
  /** Index in the content. */
  index: number;
  char: string;
  length: number;
  remaining: number;
  canOpen: boolean;
  canClose: boolean;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;

/** micromark's character classes, per UTF-16 code unit: 1 whitespace (and the edges), 2 punctuation. */
function classify(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || WHITESPACE.test(char)) return 1;
  return PUNCTUATION.test(char) ? 2 : 0;
}

/**
 * Inline content as text and code spans, with emphasis resolved away. The
 * lines are a paragraph's (or a heading's) content, indentation removed,
 * joined by line endings as remark joins them.
 */
interface InlineLine {
  offset: number;
  text: string;
  /** Indentation was removed in front of it: remark keeps it inside a code span. */
  indented: boolean;
}

function inline(lines: readonly InlineLine[], pointOf: (offset: number) => Point): PhrasingContent[] {
  const content = lines.map((l) => l.text).join('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.text.length + 1, i++) starts.push(at);
  const offsetOf = (index: number): number => {
    let line = starts.length - 1;
    while (starts[line]! > index) line--;
    return lines[line]!.offset + index - starts[line]!;
  };

  const codes: { start: number; end: number; value: string }[] = [];
  const delimiters: Delimiter[] = [];
  for (let i = 0; i < content.length;) {
    const char = content[i]!;
    if (char === '`') {
      const run = runLength(content, i);
      const close = findClosingRun(content, i + run, run);
      if (close !== -1) {
        // A code span keeps a continuation line's indentation, which the content here has lost.
        for (let k = 1; k < lines.length; k++)
          if (lines[k]!.indented && starts[k]! > i && starts[k]! <= close) outside();
        codes.push({ start: i, end: close + run, value: codeValue(content.slice(i + run, close)) });
        i = close + run;
      } else i += run;
      continue;
    }
    if (
      char === '\\' ||
      (char === '<' && /[A-Za-z/!?]/.test(content[i + 1] ?? '')) ||
      (char === ']' && content[i + 1] === '(')
    )
      outside();
    if (char === '&' && /^&#?[A-Za-z0-9]+;/.test(content.slice(i, i + 40))) outside();
    if (char === '*' || char === '_') {
      const length = runLength(content, i);
      delimiters.push({ index: i, char, length, remaining: length, ...flanking(content, i, length, char) });
      i += length;
      continue;
    }
    i++;
  }
  if (delimiters.length > 256) outside(); // resolving is quadratic in the worst case: remark's turn
  resolveEmphasis(delimiters);

  const nodes: PhrasingContent[] = [];
  let text = '';
  let at = 0;
  const flushUpTo = (end: number) => {
    for (const d of delimiters) {
      if (d.index < at || d.index >= end) continue;
      text += content.slice(at, d.index) + d.char.repeat(d.remaining);
      at = d.index + d.length;
    }
    text += content.slice(at, end);
    at = end;
  };
  for (const code of codes) {
    flushUpTo(code.start);
    if (text !== '') nodes.push({ type: 'text', value: text });
    text = '';
    nodes.push({
      type: 'inlineCode',
      value: code.value,
      position: { start: pointOf(offsetOf(code.start)), end: pointOf(offsetOf(code.end)) },
    });
    at = code.end;
  }
  flushUpTo(content.length);
  if (text !== '') nodes.push({ type: 'text', value: text });
  return nodes;
}

function runLength(text: string, at: number): number {
  let end = at;
  while (text[end] === text[at]) end++;
  return end - at;
}

/** The next run of exactly `length` backticks from `from`, or -1. */
function findClosingRun(text: string, from: number, length: number): number {
  for (let i = text.indexOf('`', from); i !== -1;) {
    const run = runLength(text, i);
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}

/**
 * A code span's value: one space or line ending stripped from each side when both have one and it is not all
 * spaces.
 */
function codeValue(inner: string): string {
  if (inner.length >= 2 && /^[ \n]/.test(inner) && /[ \n]$/.test(inner) && /[^ \n]/.test(inner))
    return inner.slice(1, -1);
  return inner;
}

/** Whether a run of `*` or `_` can open or close emphasis (CommonMark's flanking rules, as micromark classifies). */
function flanking(text: string, at: number, length: number, char: string): { canOpen: boolean; canClose: boolean } {
  const before = classify(text[at - 1]);
  const after = classify(text[at + length]);
  const open = after === 0 || (after === 2 && before !== 0);
  const close = before === 0 || (before === 2 && after !== 0);
  if (char === '*') return { canOpen: open, canClose: close };
  return { canOpen: open && (before !== 0 || !close), canClose: close && (after !== 0 || !open) };
}

/** CommonMark's "process emphasis": how much of each run is used by emphasis; what remains is literal text. */
function resolveEmphasis(delimiters: Delimiter[]): void {
  const stack = delimiters.slice();
  let current = 0;
  while (current < stack.length) {
    const closer = stack[current]!;
    if (!closer.canClose) {
      current++;
      continue;
    }
    let found = -1;
    for (let o = current - 1; o >= 0; o--) {
      const opener = stack[o]!;
      if (opener.char !== closer.char || !opener.canOpen) continue;
      // micromark's "rule of 3", on the lengths left of both runs.
      const oddMatch =
        (opener.canClose || closer.canOpen) &&
        closer.remaining % 3 !== 0 &&
        (opener.remaining + closer.remaining) % 3 === 0;
      if (oddMatch) continue;
      found = o;
      break;
    }
    if (found === -1) {
      if (!closer.canOpen) stack.splice(current, 1);
      else current++;
      continue;
    }
    const opener = stack[found]!;
    const use = opener.remaining >= 2 && closer.remaining >= 2 ? 2 : 1;
    opener.remaining -= use;
    closer.remaining -= use;
    stack.splice(found + 1, current - found - 1);
    current = found + 1;
    if (opener.remaining === 0) {
      stack.splice(found, 1);
      current--;
    }
    if (closer.remaining === 0) stack.splice(current, 1);
  }
}
