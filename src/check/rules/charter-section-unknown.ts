import { diagnostic } from '../../diagnostics/diagnostic.js';
import { formatNumberRuns, viewOf } from '../prompt-view.js';
import type { Rule } from '../rule.js';

/** `§3`, `§ 13`: a charter section reference as prompts write it. */
export const CHARTER_REFERENCE = /§\s?(\d+)/g;

export const charterSectionUnknown: Rule = {
  code: 'charter-section-unknown',
  severity: 'error',
  description: 'Every `§N` the prompt cites is a section of the charter file.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const { charter } = compiled.workspace;
    const view = viewOf(prompt);
    const known = formatNumberRuns(charter.sections.keys(), '§') || 'no § headings';
    return [...prompt.text.matchAll(CHARTER_REFERENCE)]
      .filter((match) => !charter.sections.has(Number(match[1])))
      .map((match) =>
        diagnostic(
          this.code,
          this.severity,
          `§${match[1]} is not a section of ${charter.file.path} (it has ${known})`,
          view.locate(match.index),
        ),
      );
  },
};
