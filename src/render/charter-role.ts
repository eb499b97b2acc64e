import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { RenderContext } from '../compose/context.js';
import { closestMatch } from '../util/similar.js';
import type { CheckedTemplate } from './template-check.js';

/**
 * A fragment cites a charter role the config does not map (or maps to a
 * section the charter lacks): located at the `{{charter "role"}}` call,
 * naming the role, listing the charter's headings, and proposing the section
 * whose title names the role.
 */
export function charterRoleDiagnostic(
  checked: CheckedTemplate,
  role: string,
  context: RenderContext,
  charterRolesAt?: SourceLocation,
): Diagnostic {
  const { fragment } = checked;
  const at = charterCall(checked.ast, role);
  const call: SourceLocation = {
    file: fragment.file.path,
    line: (at?.line ?? 1) + fragment.bodyFirstLine - 1,
    column: (at?.column ?? 0) + 1,
  };
  // wavec's own fragment is not the user's to edit: the error stands where they map roles, the citation related.
  const own = fragment.layer === 'base' && charterRolesAt !== undefined;
  const headings = context.charter_sections.map((s) => `§${s.section} ${s.title}`).join(', ') || 'no § sections';
  const missing = context.charter_roles_missing[role];
  const why =
    missing === undefined
      ? 'is not mapped in charter_roles (wavec.config.yaml)'
      : `is mapped to §${missing} in charter_roles (wavec.config.yaml), which the charter lacks`;
  const likely = likeliestSection(role, context.charter_sections);
  return diagnostic(
    'charter-role-unmapped',
    'error',
    `charter role "${role}" ${why}; the charter has ${headings}`,
    own ? charterRolesAt : call,
    {
      ...(own ? { related: { ...call, message: `wavec's fragment "${fragment.id}" cites the role here` } } : {}),
      hint: likely
        ? `did you mean §${likely.section} "${likely.title}"? add \`${role}: ${likely.section}\` under charter_roles`
        : `add \`${role}: N\` under charter_roles, N the § of your charter that plays this role`,
    },
  );
}

/** The section whose title has a word closest to the role's words (`secrets` → "Secrets and keys"). */
function likeliestSection(
  role: string,
  sections: readonly { section: number; title: string }[],
): { section: number; title: string } | undefined {
  for (const word of role.split('-')) {
    for (const section of sections) {
      const words = section.title.toLowerCase().match(/[a-z0-9]+/g) ?? [];
      if (closestMatch(word, words) !== undefined) return section;
    }
  }
  return undefined;
}

/** Where `{{charter "role"}}` is written in a template (0-based column), if it is. */
function charterCall(node: unknown, role: string): { line: number; column: number } | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const candidate = node as {
    type?: string;
    path?: { original?: unknown };
    params?: { value?: unknown }[];
    loc?: { start: { line: number; column: number } };
  };
  if (
    (candidate.type === 'MustacheStatement' || candidate.type === 'SubExpression') &&
    candidate.path?.original === 'charter' &&
    candidate.params?.[0]?.value === role &&
    candidate.loc
  )
    return candidate.loc.start;
  for (const child of Object.values(node)) {
    for (const item of Array.isArray(child) ? child : [child]) {
      const found = charterCall(item, role);
      if (found) return found;
    }
  }
  return undefined;
}
