/**
 * The charter roles the shipped fragments cite with `{{charter "role"}}`,
 * each with the title words that propose a charter section for it when the
 * config maps none (`wavec init` writes the proposal into the config).
 */
export const SHIPPED_CHARTER_ROLES: Readonly<Record<string, readonly string[]>> = {
  deploy: ['deploy', 'deploys', 'deployment', 'release', 'releases'],
  secrets: ['secret', 'secrets', 'credentials'],
  honesty: ['honesty', 'honest', 'truth', 'truthful', 'truthfulness', 'candour', 'candor'],
};

/** Role → § proposed from the charter's headings: the first section whose title has one of the role's words. */
export function proposeCharterRoles(sections: readonly { section: number; title: string }[]): Record<string, number> {
  const proposed: Record<string, number> = {};
  for (const [role, words] of Object.entries(SHIPPED_CHARTER_ROLES)) {
    const found = sections.find((s) => (s.title.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => words.includes(w)));
    if (found) proposed[role] = found.section;
  }
  return proposed;
}
