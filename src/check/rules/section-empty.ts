import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { sectionFindings } from '../section-findings.js';

export const sectionEmpty: Rule = {
  code: 'section-empty',
  severity: 'error',
  description: 'Every section `required_sections` names has content, not just a heading.',
  needsSpec: false,
  check(context) {
    return sectionFindings(context).flatMap((finding) => {
      if (finding.kind !== 'empty') return [];
      const heading = `${'#'.repeat(finding.heading.depth)} ${finding.heading.text}`;
      const named = finding.entry === heading ? `"${heading}"` : `"${heading}" (required as "${finding.entry}")`;
      return [
        diagnostic(this.code, this.severity, `required section ${named} is empty`, {
          file: context.prompt.path,
          line: finding.heading.line,
          column: finding.heading.column,
        }),
      ];
    });
  },
};
