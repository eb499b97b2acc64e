import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

export const budgetLines: Rule = {
  code: 'budget-lines',
  severity: 'error',
  description: 'The prompt has no more lines than its budget allows.',
  needsSpec: false,
  check({ prompt, budget }) {
    if (prompt.stats.lines <= budget.max_lines) return [];
    return [
      diagnostic(
        this.code,
        this.severity,
        `prompt has ${prompt.stats.lines} lines, over the budget of ${budget.max_lines} by ${prompt.stats.lines - budget.max_lines}`,
        { file: prompt.path, line: budget.max_lines + 1, column: 1 },
      ),
    ];
  },
};
