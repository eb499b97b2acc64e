import type { Rule } from '../rule.js';
import { budgetLines } from './budget-lines.js';
import { budgetTokens } from './budget-tokens.js';
import { promptDrift } from './prompt-drift.js';
import { sectionEmpty } from './section-empty.js';
import { sectionOrder } from './section-order.js';
import { sectionRequired } from './section-required.js';
import { specialTokenText } from './special-token-text.js';

/** Every rule, in the order their findings are listed when positions tie. */
export const RULES: readonly Rule[] = [budgetTokens, budgetLines, sectionRequired, sectionOrder, sectionEmpty, specialTokenText, promptDrift];
