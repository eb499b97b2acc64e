import { analysePrompt } from '../../src/analyse/analyse.js';
import { getTokenizer } from '../../src/analyse/tokens.js';
import { checkPrompt } from '../../src/check/check.js';
import type { Rule, RuleContext } from '../../src/check/rule.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { WavecConfig } from '../../src/schema/config.js';

/** A hand-written prompt's rule context, with config overrides validated like wavec.config.yaml. */
export async function contextFor(
  text: string,
  config: Record<string, unknown> = {},
  path = 'prompts/draft.md',
): Promise<RuleContext> {
  const parsed = WavecConfig.parse(config);
  const stats = analysePrompt(text, await getTokenizer(parsed.encoding));
  return { prompt: { path, text, stats }, budget: parsed.budget, compiled: undefined, config: parsed };
}

/** One rule's findings as `line:col message`, the way a reader scans them. */
export async function findings(rule: Rule, text: string, config: Record<string, unknown> = {}): Promise<string[]> {
  return rule.check(await contextFor(text, config)).map((d) => `${d.line}:${d.column} ${d.message}`);
}

/** Every applicable rule through the central check, with config severities applied. */
export async function checkAll(text: string, config: Record<string, unknown> = {}): Promise<Diagnostic[]> {
  return checkPrompt(await contextFor(text, config));
}
