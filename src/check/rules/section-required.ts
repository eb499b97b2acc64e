import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { between, headingRef, sectionFindings } from '../section-findings.js';

export const sectionRequired: Rule = {
  code: 'section-required',
  severity: 'error',
  description: 'Every heading that `required_sections` names (or asks for with `?`, `+` or `## *`) is in the prompt.',
  needsSpec: false,
  check(context) {
    return sectionFindings(context).flatMap((finding) => {
      if (finding.kind !== 'missing') return [];
      const where = between(finding.after, finding.before);
      const variant = finding.caseVariant
        ? `; ${headingRef(finding.caseVariant)} differs only in case, and match_case is on`
        : '';
      return [
        diagnostic(
          this.code,
          this.severity,
          `required section ${finding.description} is missing${where ? `; expected ${where}` : ''}${variant}`,
          // Where it belongs: at the heading it should precede, else at the end (as MD043 reports it).
          {
            file: context.prompt.path,
            line: finding.before?.line ?? Math.max(1, context.prompt.stats.lines),
            column: 1,
          },
        ),
      ];
    });
  },
};
