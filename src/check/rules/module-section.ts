import { diagnostic } from '../../diagnostics/diagnostic.js';
import { viewOf } from '../prompt-view.js';
import { roleSectionsOf } from '../role-sections.js';
import type { Rule } from '../rule.js';

export const moduleSection: Rule = {
  code: 'module-section',
  severity: 'error',
  description: 'Every module of the wave spec has its own heading in the prompt.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const current = compiled.chain[compiled.chain.length - 1]!;
    const view = viewOf(prompt);
    return current.spec.modules.flatMap((module, i) => {
      if (view.headings.some((heading) => namesModule(heading.text, module.id))) return [];
      return [
        diagnostic(
          this.code,
          this.severity,
          `module "${module.id}" has no section: no heading names it`,
          roleSectionsOf(view, prompt, compiled).headingOrTop('modules'),
          {
            related: {
              message: `module "${module.id}" is declared here`,
              ...current.yaml.locate(['modules', i, 'id']),
            },
          },
        ),
      ];
    });
  },
};

/**
 * `### 1. honcho-postgres`, `### honcho-postgres (PR 1)`: the id as a whole
 * word. Ids contain hyphens, so a hyphen is part of the word: a heading for
 * `honcho-postgres-backup` is not one for `honcho-postgres`.
 */
function namesModule(heading: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(heading);
}
