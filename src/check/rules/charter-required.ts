import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';
import { CHARTER_REFERENCE } from './charter-section-unknown.js';

export const charterRequired: Rule = {
  code: 'charter-required',
  severity: 'error',
  description: 'Every charter section the wave spec requires (`charter_refs`) is cited in the prompt as `§N`.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const current = compiled.chain[compiled.chain.length - 1]!;
    const view = viewOf(prompt);
    const cited = new Set([...prompt.text.matchAll(CHARTER_REFERENCE)].map((match) => Number(match[1])));
    return current.spec.charter_refs.flatMap((ref, i) => {
      if (cited.has(ref.section)) return [];
      return [
        diagnostic(
          this.code,
          this.severity,
          `the prompt never cites §${ref.section}, which ${current.file.path} requires (charter_refs)`,
          view.headingOrTop('Charter references'),
          {
            related: {
              message: `§${ref.section} is required here`,
              ...current.yaml.locate(['charter_refs', i, 'section']),
            },
          },
        ),
      ];
    });
  },
};
