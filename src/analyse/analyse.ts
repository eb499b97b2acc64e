import { splitLines } from '../util/text.js';
import { topLevelHeadings } from '../syntax/outline.js';
import { nextSameOrHigher } from './section-ends.js';
import type { Tokenizer } from './tokens.js';
import type { FragmentStats, PromptStats } from '../schema/stats.js';

/**
 * Measures a prompt: lines, tokens, and the same per section (from the
 * Markdown headings, as remark reads them) and, when line owners are known,
 * per fragment. Per-part token counts are counted on each part's own text,
 * so they add up to about, not exactly, the total.
 */
export function analysePrompt(
  text: string,
  tokenizer: Tokenizer,
  lineOwners?: { owners: readonly string[]; files: ReadonlyMap<string, string> },
): PromptStats {
  const lines = splitLines(text);
  const headings = topLevelHeadings(text).filter((h) => h.depth <= 3);
  const nextIndex = nextSameOrHigher(headings);
  const sections = headings.map((heading, i) => {
    const next = headings[nextIndex[i]!];
    const endLine = next ? next.line - 1 : lines.length;
    const body = lines.slice(heading.line, endLine);
    const sectionText = lines.slice(heading.line - 1, endLine).join('\n');
    return {
      title: heading.text,
      depth: heading.depth,
      line: heading.line,
      endLine,
      lines: endLine - heading.line + 1,
      tokens: tokenizer.count(sectionText),
      empty: body.every((line) => line.trim() === ''),
    };
  });

  const fragments: FragmentStats[] = [];
  if (lineOwners) {
    const byFragment = new Map<string, string[]>();
    lines.forEach((line, i) => {
      const id = lineOwners.owners[i]!;
      let bucket = byFragment.get(id);
      if (!bucket) byFragment.set(id, (bucket = []));
      bucket.push(line);
    });
    for (const [id, owned] of byFragment) {
      fragments.push({
        id,
        file: lineOwners.files.get(id) ?? '',
        lines: owned.length,
        tokens: tokenizer.count(owned.join('\n')),
      });
    }
    fragments.sort((a, b) => b.tokens - a.tokens || (a.id < b.id ? -1 : 1));
  }

  return { lines: lines.length, tokens: tokenizer.count(text), encoding: tokenizer.encoding, sections, fragments };
}
