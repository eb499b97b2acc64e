import type { HandBackPart } from '../../compose/hand-back.js';
import { diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.js';
import { excerpt, viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

const WHAT: Record<HandBackPart['kind'], string> = {
  prs: 'the PR URLs',
  modules: 'the per-module lines',
  health: 'the health observation',
  item: 'an extra item of hand_back.items',
  noticed: 'the "noticed, not done" list',
};

/**
 * `wavec handback` checks a reply against the parts of the composition's
 * hand-back contract (`hand_back.parts` and `hand_back.noticed`); this rule
 * holds the prompt to asking for each of them, so editing the Hand-back
 * fragment can never make the prompt and the checker disagree unseen. The
 * finding is reported at the section's heading, which the compile moves to
 * the fragment line that wrote it.
 */
export const handBackContract: Rule = {
  code: 'hand-back-contract',
  severity: 'error',
  description:
    'The prompt asks for every part `wavec handback` checks a reply for: the PR URLs, the per-module lines, the ' +
    'health observation, each extra hand_back item and the noticed-not-done list, each with the text of ' +
    '`hand_back.parts` / `hand_back.noticed`.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const { parts, noticed } = compiled.composition.context.hand_back;
    const all = [...parts, noticed];
    const offsets = all.map((part) => prompt.text.indexOf(part.text));
    const missing = all.filter((_, i) => offsets[i] === -1);
    if (missing.length === 0) return [];
    const view = viewOf(prompt);
    const stated = offsets.find((offset) => offset !== -1);
    const section =
      stated === undefined ? view.headings.find((h) => /hand[- ]?back/i.test(h.text)) : view.sectionAt(stated, 6);
    const at: SourceLocation = section
      ? { file: prompt.path, line: section.line, column: section.column }
      : { file: prompt.path, line: 1, column: 1 };
    return missing.map((part) =>
      diagnostic(
        this.code,
        this.severity,
        `the prompt does not ask for ${WHAT[part.kind]}` +
          `${part.number === null ? '' : ` (hand-back part ${part.number})`}, which \`wavec handback\` checks ` +
          `a reply for: "${excerpt(part.text)}"`,
        at,
        {
          hint:
            'render every part in the Hand-back fragment ({{#each hand_back.parts}}{{number}}. {{text}}{{/each}} ' +
            'and {{hand_back.noticed.text}}); word the section around them as you like',
        },
      ),
    );
  },
};
