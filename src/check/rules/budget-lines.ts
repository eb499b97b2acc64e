import { diagnostic } from '../../diagnostics/diagnostic.js';
import { whereBudgetWent } from '../budget-breakdown.js';
import type { Rule } from '../rule.js';

export const budgetLines: Rule = {
  code: 'budget-lines',
  severity: 'error',
  description: 'The prompt has no more lines than its budget allows.',
  needsSpec: false,
  check({ prompt, budget }) {
    const { stats } = prompt;
    if (stats.lines <= budget.max_lines) return [];
    // The first line over the budget is exact for lines: point at it and name its section.
    const firstOver = budget.max_lines + 1;
    const section = [...stats.sections].reverse().find((s) => s.depth <= 2 && s.line <= firstOver);
    const where = whereBudgetWent(stats, 'lines');
    return [
      diagnostic(
        this.code,
        this.severity,
        `prompt has ${stats.lines} lines, over the budget of ${budget.max_lines} by ${stats.lines - budget.max_lines}` +
          `${section ? `; the budget runs out in "${section.title}"` : ''}${where ? `; ${where}` : ''}`,
        { file: prompt.path, line: firstOver, column: 1 },
      ),
    ];
  },
};
