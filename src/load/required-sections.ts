import type { FragmentRole } from '../schema/fragment-roles.js';
import type { FragmentLibrary } from './fragments.js';

/**
 * The roles whose section every wave's prompt has, whatever its spec: the default `required_sections` names their
 * headings, in the layout's order. The other sections render only when a wave has something to say in them, so the
 * list allows any headings (`*`) where they stand.
 */
export const ALWAYS_RENDERED_ROLES: readonly FragmentRole[] = [
  'mission',
  'charter-references',
  'hard-constraints',
  'modules',
  'pr-plan',
  'honesty',
  'hand-back',
  'trigger',
];

export interface DerivedSections {
  headings: string[];
  /** Charter roles a required heading cites that the role map lacks: the heading cannot be known. */
  unmapped: string[];
}

const PARTIAL = /^\s*\{\{>\s*([\w-]+)[^}]*\}\}\s*$/;
const CHARTER_CITATION = /\{\{\s*charter\s+"([a-z][a-z0-9-]*)"(\s+"title")?\s*\}\}/g;

/**
 * The default `required_sections` of a layout: its title line as `# *`, then the heading of each section whose role
 * always renders (its `{{charter "role"}}` citations resolved through `roles`, a cited title through `titles`),
 * with `*` wherever sections that may render nothing stand between them. A heading with any other template
 * expression is required as `## *`.
 */
export function deriveRequiredSections(
  layoutId: string,
  fragments: FragmentLibrary,
  roles: Readonly<Record<string, number>>,
  titles: ReadonlyMap<number, string>,
): DerivedSections | undefined {
  const layout = fragments.get(layoutId);
  if (!layout) return undefined;
  const headings: string[] = [];
  const unmapped: string[] = [];
  let optionalBetween = false;
  const allowAny = () => {
    if (optionalBetween && headings.at(-1) !== '*') headings.push('*');
    optionalBetween = false;
  };
  for (const line of layout.body.split('\n')) {
    if (/^# \S/.test(line)) {
      headings.push('# *');
      continue;
    }
    const id = PARTIAL.exec(line)?.[1];
    if (id === undefined) continue;
    const fragment = fragments.get(id);
    const role = fragment?.meta.role;
    const heading = fragment?.body.split('\n').find((l) => /^#{1,6} \S/.test(l));
    if (!fragment || !role || !ALWAYS_RENDERED_ROLES.includes(role) || heading === undefined) {
      optionalBetween = true;
      continue;
    }
    allowAny();
    headings.push(resolveHeading(heading, roles, titles, unmapped));
  }
  allowAny();
  return { headings, unmapped };
}

function resolveHeading(
  heading: string,
  roles: Readonly<Record<string, number>>,
  titles: ReadonlyMap<number, string>,
  unmapped: string[],
): string {
  const resolved = heading.replace(CHARTER_CITATION, (whole, role: string, title: string | undefined) => {
    const section = roles[role];
    // A mapped section the charter lacks is the render's located error; the heading is then unknown here.
    if (section !== undefined) return (title ? titles.get(section) : `§${section}`) ?? whole;
    unmapped.push(role);
    return whole;
  });
  return resolved.includes('{{') ? `${heading.slice(0, heading.indexOf(' '))} *` : resolved;
}
