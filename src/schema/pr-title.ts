import { expandPlaceholders, placeholdersIn } from '../util/placeholders.js';

/**
 * What a PR title pattern may name: `{phase}`, `{wave}`, `{title}`, `{subsystem}`, `{agent}` (the name the prompt
 * addresses), and `{phase:02}`-style zero padding.
 */
export const TITLE_PLACEHOLDERS = ['phase', 'wave', 'title', 'subsystem', 'agent'] as const;

/** `docs(prompts): Phase 01 wave 2 master prompt for Codex (Billing subsystem)`. */
export const DEFAULT_PR_TITLE =
  'docs(prompts): Phase {phase:02} wave {wave} master prompt for {agent} ({subsystem} subsystem)';

/** The placeholders a pattern names that are not among TITLE_PLACEHOLDERS. */
export function unknownTitlePlaceholders(pattern: string): string[] {
  return placeholdersIn(pattern)
    .map((placeholder) => placeholder.name)
    .filter((name) => !(TITLE_PLACEHOLDERS as readonly string[]).includes(name));
}

/** Expands a title pattern; spec values are inserted as written, never expanded again. */
export function expandTitle(
  pattern: string,
  values: Record<(typeof TITLE_PLACEHOLDERS)[number], string | number>,
): string {
  return expandPlaceholders(pattern, values);
}
