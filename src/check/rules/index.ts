import type { Rule } from '../rule.js';
import { budgetLines } from './budget-lines.js';
import { budgetTokens } from './budget-tokens.js';

/** Every rule, in the order their findings are listed when positions tie. */
export const RULES: readonly Rule[] = [budgetTokens, budgetLines];
