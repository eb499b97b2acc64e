import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../load/specs.js';
import type { Fragment, FragmentLibrary } from '../load/fragments.js';
import { LineIndex, splitLines } from '../util/text.js';
import { stringLeaves } from '../util/string-leaves.js';

/**
 * Rules whose finding is about a piece of text (a placeholder, a hidden
 * character, a command): the place to fix it is where that text was written,
 * a spec value or a fragment, not the generated prompt.
 */
const TEXT_RULES: ReadonlySet<string> = new Set([
  'leftover-placeholder',
  'hidden-character',
  'special-token-text',
  'destructive-command',
  'constraint-lapsed-subject',
  'pr-reference-unknown',
  'charter-section-unknown',
  'hand-back-contract',
]);

export interface PromptSources {
  /** Workspace-relative path of the prompt the diagnostics name. */
  path: string;
  text: string;
  /** The fragment id that produced each line of `text`. */
  lineOwners: readonly string[];
  /** Oldest first; the wave's own spec is searched first. */
  chain: readonly LoadedSpec[];
  fragments: FragmentLibrary;
}

/**
 * Moves each text finding from the prompt to the spec value or fragment its
 * text came from, keeping the prompt position as the related location. A
 * finding whose text is found in neither stays where it is.
 */
export function locateAtSources(diagnostics: readonly Diagnostic[], sources: PromptSources): Diagnostic[] {
  const lines = splitLines(sources.text);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const moved = relocate(d, lines, sources);
    if (moved === d) {
      out.push(d);
      continue;
    }
    // A value printed twice (the title in the heading and in the mission) is one thing to fix: reported once, at its
    // first use.
    const key = JSON.stringify([moved.code, moved.file, moved.line, moved.column, moved.message]);
    if (!seen.has(key)) out.push(moved);
    seen.add(key);
  }
  return out;
}

function relocate(d: Diagnostic, lines: readonly string[], sources: PromptSources): Diagnostic {
  if (d.file !== sources.path || !TEXT_RULES.has(d.code) || d.related) return d;
  const line = lines[d.line - 1];
  if (line === undefined) return d;
  const at =
    inSpecs(line, d.column - 1, sources.chain) ??
    inFragment(line, d.column - 1, sources.fragments.get(sources.lineOwners[d.line - 1] ?? ''));
  if (!at) return d;
  const { endLine: _endLine, endColumn: _endColumn, ...rest } = d;
  return {
    ...rest,
    ...at,
    related: { message: 'the prompt line it produced', file: d.file, line: d.line, column: d.column },
  };
}

/** The word (up to 24 characters) at `index`, what is searched for in the sources. */
function wordAt(text: string, index: number): string {
  return /^\S{1,24}/.exec(text.slice(index))?.[0] ?? '';
}

function inSpecs(line: string, column: number, chain: readonly LoadedSpec[]): SourceLocation | undefined {
  for (const loaded of [...chain].reverse()) {
    let best: { path: (string | number)[]; value: string; offset: number; length: number } | undefined;
    for (const { path, value } of stringLeaves(loaded.yaml.value)) {
      let valueOffset = 0;
      for (const valueLine of value.split('\n')) {
        const piece = valueLine.trim();
        const pieceOffset = valueOffset + valueLine.indexOf(piece);
        valueOffset += valueLine.length + 1;
        if (piece.length < 2 || (best && piece.length <= best.length)) continue;
        for (let i = line.indexOf(piece); i !== -1 && i <= column; i = line.indexOf(piece, i + 1)) {
          if (column < i + piece.length) {
            best = { path, value, offset: pieceOffset + column - i, length: piece.length };
            break;
          }
        }
      }
    }
    if (best)
      return positionInFile(loaded.file.text, loaded.file.path, loaded.yaml.locate(best.path), best.value, best.offset);
  }
  return undefined;
}

function inFragment(line: string, column: number, fragment: Fragment | undefined): SourceLocation | undefined {
  if (!fragment) return undefined;
  const word = wordAt(line, column);
  if (word === '') return undefined;
  const lines = splitLines(fragment.body);
  for (const [i, bodyLine] of lines.entries()) {
    const found = bodyLine.indexOf(word);
    if (found !== -1) return { file: fragment.file.path, line: fragment.bodyFirstLine + i, column: found + 1 };
  }
  return undefined;
}

/**
 * The file position of `value[offset]`, given where the value's node starts:
 * the same occurrence of the word there in the file text after that start
 * (quotes, block scalar indentation and folding move text around, the words
 * stay), or the node's start when the word is not found.
 */
function positionInFile(
  fileText: string,
  file: string,
  start: SourceLocation,
  value: string,
  offset: number,
): SourceLocation {
  const word = wordAt(value, offset);
  if (word === '') return { file, line: start.line, column: start.column };
  let nth = 0;
  for (let i = value.indexOf(word); i !== -1 && i < offset; i = value.indexOf(word, i + 1)) nth++;
  const index = new LineIndex(fileText);
  const lines = splitLines(fileText);
  let from = lines.slice(0, start.line - 1).reduce((sum, l) => sum + l.length + 1, 0) + start.column - 1;
  let found = -1;
  for (let k = 0; k <= nth; k++) {
    found = fileText.indexOf(word, from);
    if (found === -1) return { file, line: start.line, column: start.column };
    from = found + 1;
  }
  const p = index.position(found);
  return { file, line: p.line, column: p.column };
}
