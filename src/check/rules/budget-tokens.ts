import { diagnostic } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

export const budgetTokens: Rule = {
  code: 'budget-tokens',
  severity: 'error',
  description: 'The prompt fits its token budget, less the reserve kept for the agent.',
  needsSpec: false,
  check({ prompt, budget }) {
    const limit = budget.max_tokens - budget.reserve_tokens;
    if (prompt.stats.tokens <= limit) return [];
    const reserve = budget.reserve_tokens > 0 ? ` (${budget.max_tokens} max − ${budget.reserve_tokens} reserve)` : '';
    const largest = [...prompt.stats.sections].filter((s) => s.depth === 2).sort((a, b) => b.tokens - a.tokens)[0];
    const where = largest ? `; largest section: "${largest.title}" with ${largest.tokens} tokens` : '';
    return [
      diagnostic(
        this.code,
        this.severity,
        `prompt has ${prompt.stats.tokens} tokens (${prompt.stats.encoding}), over the budget of ${limit}${reserve} by ${prompt.stats.tokens - limit}${where}`,
        { file: prompt.path, line: 1, column: 1 },
      ),
    ];
  },
};
