import { diagnostic } from '../../diagnostics/diagnostic.js';
import { sectionWhereBudgetRunsOut, whereBudgetWent } from '../budget-breakdown.js';
import type { Rule } from '../rule.js';

export const budgetTokens: Rule = {
  code: 'budget-tokens',
  severity: 'error',
  description: 'The prompt fits its token budget, less the reserve kept for the agent.',
  needsSpec: false,
  check({ prompt, budget }) {
    const { stats } = prompt;
    const limit = budget.max_tokens - budget.reserve_tokens;
    if (stats.tokens <= limit) return [];
    const reserve = budget.reserve_tokens > 0 ? ` (${budget.max_tokens} max − ${budget.reserve_tokens} reserve)` : '';
    const runsOut = sectionWhereBudgetRunsOut(stats, 'tokens', limit);
    const where = whereBudgetWent(stats, 'tokens');
    return [
      diagnostic(
        this.code,
        this.severity,
        `prompt has ${stats.tokens} tokens (${stats.encoding}), ` +
          `over the budget of ${limit}${reserve} by ${stats.tokens - limit}` +
          `${runsOut ? `; the budget runs out in "${runsOut.title}"` : ''}${where ? `; ${where}` : ''}`,
        { file: prompt.path, line: runsOut?.line ?? 1, column: 1 },
      ),
    ];
  },
};
