import { findHiddenCharacters } from '../../util/hidden-characters.js';
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

export const hiddenCharacter: Rule = {
  code: 'hidden-character',
  severity: 'error',
  description:
    'The prompt has no invisible characters: controls, zero-width characters and fillers, bidirectional ' +
    'controls, U+2028/U+2029, private-use or Unicode tag characters, runs of variation selectors.',
  needsSpec: false,
  check({ prompt }) {
    const found = findHiddenCharacters(prompt.text);
    if (found.length === 0) return [];
    const view = viewOf(prompt);
    return found.map((c) =>
      diagnostic(
        this.code,
        this.severity,
        `hidden character ${c.label}: the agent reads it, a reviewer does not see it`,
        view.locate(c.offset),
        {
          hint: 'delete it; if it came from a spec or fragment, fix it there and recompile',
        },
      ),
    );
  },
};
