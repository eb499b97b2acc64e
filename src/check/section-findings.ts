import { structureOf } from '../analyse/structure.js';
import type { RequiredSections } from '../schema/config.js';
import { matchRequiredSections, type SectionFinding } from './required-sections.js';
import type { PromptUnderCheck, RuleContext } from './rule.js';
import { LastKey } from '../util/bounded-cache.js';

/** A prompt checked without a workspace (whose layout derives the list) is held to no structure. */
const DEFAULTS: RequiredSections = { headings: ['*'], match_case: false };
const cache = new LastKey<PromptUnderCheck, { required: RequiredSections; findings: SectionFinding[] }>();

/** The section findings of a prompt, computed once for the three section rules. */
export function sectionFindings(context: RuleContext): SectionFinding[] {
  const required = context.config?.required_sections ?? DEFAULTS;
  const cached = cache.get(context.prompt);
  if (cached && cached.required === required) return cached.findings;
  const findings = matchRequiredSections(structureOf(context.prompt.text), required);
  cache.set(context.prompt, { required, findings });
  return findings;
}

/** `"## Modules" (line 99)`: how findings name a heading they point to. */
export function headingRef(heading: { depth: number; text: string; line: number }): string {
  return `"${'#'.repeat(heading.depth)} ${heading.text}" (line ${heading.line})`;
}

/** `after "## A" (line 3) and before "## B" (line 9)`, or whichever side exists. */
export function between(
  after: Parameters<typeof headingRef>[0] | undefined,
  before: Parameters<typeof headingRef>[0] | undefined,
): string {
  if (after && before) return `after ${headingRef(after)} and before ${headingRef(before)}`;
  if (after) return `after ${headingRef(after)}`;
  if (before) return `before ${headingRef(before)}`;
  return '';
}
