import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleContext } from './rule.js';
import { RULES } from './rules/index.js';

/** Runs every rule that applies: spec-dependent rules only when the prompt was compiled. */
export function checkPrompt(context: RuleContext): Diagnostic[] {
  return RULES.filter((rule) => context.compiled !== undefined || !rule.needsSpec).flatMap((rule) => rule.check(context));
}
