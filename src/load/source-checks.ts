import { findHiddenCharacters } from '../util/hidden-characters.js';
import { markdownLimitProblem } from '../syntax/markdown-limits.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../util/text.js';

/**
 * Checks on the text of an input file, reported where the user edits it:
 * the prompt-level rules see the same problems only after rendering, at a
 * line of a prompt that was never written.
 */

/**
 * Zero-width, bidirectional-control and tag characters in a spec or a
 * fragment. All are errors: each reaches the agent while a reviewer of the
 * file sees nothing (tag characters can spell a whole instruction).
 */
export function hiddenCharacterDiagnostics(file: string, text: string): Diagnostic[] {
  const found = findHiddenCharacters(text);
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
