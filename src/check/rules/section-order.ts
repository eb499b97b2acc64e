import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { between, sectionFindings } from '../section-findings.js';

export const sectionOrder: Rule = {
  code: 'section-order',
  severity: 'error',
  description: 'The headings come in the order `required_sections` gives, with no heading where the list allows none.',
  needsSpec: false,
  check(context) {
    return sectionFindings(context).flatMap((finding) => {
      if (finding.kind === 'order') {
        const heading = `${'#'.repeat(finding.heading.depth)} ${finding.heading.text}`;
        const where = between(finding.after, finding.before);
        return [
          diagnostic(
            this.code,
            this.severity,
            `section "${heading}" is out of order${where ? `: required_sections puts it ${where}` : ''}`,
            {
              file: context.prompt.path,
              line: finding.heading.line,
              column: finding.heading.column,
            },
          ),
        ];
      }
      if (finding.kind === 'unexpected') {
        const heading = `${'#'.repeat(finding.heading.depth)} ${finding.heading.text}`;
        const where = between(finding.after, finding.before);
        return [
          diagnostic(
            this.code,
            this.severity,
            `unexpected section "${heading}": required_sections allows no other heading ${where || 'in this prompt'}`,
            {
              file: context.prompt.path,
              line: finding.heading.line,
              column: finding.heading.column,
            },
          ),
        ];
      }
      return [];
    });
  },
};
