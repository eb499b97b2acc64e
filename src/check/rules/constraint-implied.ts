import type { ResolvedConstraint } from '../../compose/constraints.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { excerpt, viewOf } from '../prompt-view.js';
import { roleSectionsOf } from '../role-sections.js';
import type { CompileFacts, Rule } from '../rule.js';

/** Which module's pattern implies a constraint, for every constraint the current wave's patterns imply. */
function impliedByPatterns(compiled: CompileFacts): Map<string, { module: string; pattern: string }> {
  const current = compiled.chain[compiled.chain.length - 1]!.spec;
  const implied = new Map<string, { module: string; pattern: string }>();
  for (const module of current.modules) {
    const pattern = compiled.composition.patterns.get(module.id);
    for (const id of pattern?.constraints ?? [])
      if (!implied.has(id)) implied.set(id, { module: module.id, pattern: module.pattern });
  }
  return implied;
}

/**
 * The composition decides which hard constraints are in force: inherited
 * along the predecessor chain, added by the spec, implied by the modules'
 * patterns (pgvector verification for a pgvector module, the pg_dump gate
 * for postgres). This rule holds the prompt to it:
 * - a spec may not drop or reword a constraint one of its patterns implies
 *   (reported at the spec entry);
 * - every constraint in force appears, with the text the compiler renders
 *   for it, in the section of the fragment whose role is hard-constraints
 *   (reported at that section), whatever its heading says.
 */
export const constraintImplied: Rule = {
  code: 'constraint-implied',
  severity: 'error',
  description:
    "Every hard constraint the composition puts in force (inherited, added, or implied by a module's pattern) " +
    'is in the hard-constraints section (the one its fragment declares `role: hard-constraints`) with its full text.',
  needsSpec: true,
  check({ prompt, compiled }) {
    if (!compiled) return [];
    const found: Diagnostic[] = [];
    const current = compiled.chain[compiled.chain.length - 1]!;
    const implied = impliedByPatterns(compiled);
    const why = (c: ResolvedConstraint) => {
      const source = implied.get(c.id);
      if (source) return `implied by pattern "${source.pattern}" of module "${source.module}"`;
      if (c.origin.kind === 'pattern')
        return `implied in wave ${c.origin.wave} by pattern "${c.origin.pattern}" of module "${c.origin.module}"`;
      return c.origin.wave === current.spec.wave
        ? `added by wave ${c.origin.wave}`
        : `inherited from wave ${c.origin.wave}`;
    };

    const view = viewOf(prompt);
    const roles = roleSectionsOf(view, prompt, compiled);
    const heading = roles.heading('hard-constraints');
    const section = roles.sectionText('hard-constraints') ?? '';
    const at = roles.headingOrTop('hard-constraints');
    const inForce = compiled.composition.constraints.all;
    for (const constraint of inForce) {
      const text = compiled.constraintTexts.get(constraint.id);
      if (text === undefined || (heading && section.includes(text))) continue;
      const where = heading
        ? `is not in the "${heading.text}" section`
        : 'is missing: the prompt has no hard-constraints section';
      found.push(
        diagnostic(
          this.code,
          this.severity,
          `hard constraint "${constraint.id}" (${why(constraint)}) ${where}; expected "${excerpt(text)}"`,
          at,
        ),
      );
    }
    return found;
  },
};
