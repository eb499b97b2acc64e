import { findHiddenCharacters } from '../../analyse/hidden-characters.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

/** An emoji, optionally with its variation selector or skin tone, on either side of a joiner. */
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;

export const hiddenCharacter: Rule = {
  code: 'hidden-character',
  severity: 'error',
  description: 'The prompt has no invisible characters: zero-width characters, bidirectional controls or Unicode tag characters.',
  needsSpec: false,
  check({ prompt }) {
    const found = findHiddenCharacters(prompt.text).filter((c) => !isEmojiJoiner(prompt.text, c.offset, c.codePoint));
    if (found.length === 0) return [];
    const view = viewOf(prompt);
    return found.map((c) =>
      diagnostic(this.code, this.severity, `hidden character ${c.label}: the agent reads it, a reviewer does not see it`, view.locate(c.offset), {
        hint: 'delete it; if it came from a spec or fragment, fix it there and recompile',
      }),
    );
  },
};

/** A zero-width joiner between two emoji builds one visible emoji (👩‍💻); it hides nothing. */
function isEmojiJoiner(text: string, offset: number, codePoint: number): boolean {
  if (codePoint !== 0x200d) return false;
  return PICTOGRAPH_BEFORE.test(text.slice(Math.max(0, offset - 4), offset)) && PICTOGRAPH_AFTER.test(text.slice(offset + 1, offset + 3));
}
