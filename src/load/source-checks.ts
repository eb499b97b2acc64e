import { findHiddenCharacters, hiddenKind } from '../util/hidden-characters.js';
import { markdownLimitProblem } from '../syntax/markdown-limits.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../util/text.js';

/**
 * Checks on the text of an input file, reported where the user edits it:
 * the prompt-level rules see the same problems only after rendering, at a
 * line of a prompt that was never written.
 */

/**
 * Hidden characters (the one table of util/hidden-characters.ts) in a spec, a
 * fragment or the charter. All are errors: each reaches the agent while a reviewer of the
 * file sees nothing (tag characters can spell a whole instruction).
 */
export function hiddenCharacterDiagnostics(
  file: string,
  text: string,
  /** Characters another check of this file reports in its own words. */
  reportedElsewhere: (codePoint: number) => boolean = () => false,
): Diagnostic[] {
  const found = findHiddenCharacters(text).filter((c) => !reportedElsewhere(c.codePoint));
  if (found.length === 0) return [];
  const index = new LineIndex(text);
  return found.map((c) =>
    diagnostic(
      'source-hidden-character',
      'error',
      `hidden character ${c.label}: a reviewer does not see it, the agent reads it`,
      { file, ...index.position(c.offset) },
      {
        hint: 'delete it (most editors can show invisible characters)',
      },
    ),
  );
}

/**
 * Markdown that remark or the tokenizer would take too long on; `firstLine` shifts positions (a fragment body starts
 * after its front matter).
 */
export function markdownLimitDiagnostics(file: string, text: string, firstLine = 1): Diagnostic[] {
  const problem = markdownLimitProblem(text);
  if (!problem) return [];
  const position = new LineIndex(text).position(problem.offset);
  return [
    diagnostic(problem.code, 'error', problem.message, {
      file,
      line: position.line + firstLine - 1,
      column: position.column,
    }),
  ];
}

/** In a spec, controls and private-use characters are reported at the value they are in (`spec-text-character`). */
export const REPORTED_AT_SPEC_VALUES = (codePoint: number): boolean => {
  const kind = hiddenKind(codePoint);
  return kind === 'control' || kind === 'private-use';
};

/** In a fragment, wavec's own marker characters are `template-private-use`. */
export const REPORTED_AS_MARKERS = (codePoint: number): boolean => codePoint === 0xe000 || codePoint === 0xe001;
