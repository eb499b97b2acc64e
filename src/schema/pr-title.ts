/**
 * What a PR title pattern may name: `{phase}`, `{wave}`, `{title}`, `{subsystem}`, and `{phase:02}`-style zero
 * padding.
 */
export const TITLE_PLACEHOLDERS = ['phase', 'wave', 'title', 'subsystem'] as const;

/** The seed PR's title: `docs(prompts): Phase 02 wave 4 master prompt for Codex (Honcho subsystem)`. */
export const DEFAULT_PR_TITLE =
  'docs(prompts): Phase {phase:02} wave {wave} master prompt for Codex ({subsystem} subsystem)';

const PLACEHOLDER = /\{(\w+)(?::(\d+))?\}/g;

/** The placeholders a pattern names that are not among TITLE_PLACEHOLDERS. */
export function unknownTitlePlaceholders(pattern: string): string[] {
  return [...pattern.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((key) => !(TITLE_PLACEHOLDERS as readonly string[]).includes(key));
}

/** Expands a title pattern; spec values are inserted as written, never expanded again. */
export function expandTitle(
  pattern: string,
  values: Record<(typeof TITLE_PLACEHOLDERS)[number], string | number>,
): string {
  return pattern.replace(PLACEHOLDER, (whole, key: string, width: string | undefined) => {
    if (!(key in values)) return whole;
    const value = String(values[key as keyof typeof values]);
    return width ? value.padStart(Number(width), '0') : value;
  });
}
