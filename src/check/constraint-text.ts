import type { ResolvedConstraint } from '../compose/constraints.js';
import type { Composition, RenderContext } from '../compose/context.js';
import type { Fragment } from '../load/fragments.js';
import type { Workspace } from '../load/workspace.js';
import { FragmentMeta } from '../schema/fragment.js';
import { splitLines } from '../util/text.js';
import { renderPrompt } from '../render/render.js';

/** Id of the layout this module renders constraints with; not a valid fragment id, so it cannot clash. */
const PROBE_ID = 'wavec:constraint-probe';
const PROBE_FIELD = 'wavec_constraint_probe';

/**
 * The text each constraint has in a prompt compiled from `composition`, by id:
 * inline spec text as written, fragment text rendered through the render
 * stage itself (same helpers, same strictness, same normalisation), so the
 * check compares with what the compiler really writes. A constraint whose
 * text cannot be rendered is left out: its fragment's problem is reported
 * by the compile, not here.
 */
export function constraintTexts(
  workspace: Workspace,
  composition: Composition,
  constraints: readonly ResolvedConstraint[],
): Map<string, string> {
  const texts = new Map<string, string>();
  const fromFragments: ResolvedConstraint[] = [];
  for (const constraint of constraints) {
    if (constraint.fragment === undefined) texts.set(constraint.id, normalise(constraint.text ?? ''));
    else fromFragments.push(constraint);
  }
  if (fromFragments.length === 0) return texts;

  // Each constraint on its own lines; the render stage attributes every line to the fragment that wrote it.
  const body = `{{#each ${PROBE_FIELD}}}\n{{constraint this}}\n\n{{/each}}\n`;
  const probe: Fragment = {
    id: PROBE_ID,
    meta: FragmentMeta.parse({ id: 'constraint-probe', kind: 'layout', title: 'Constraint probe' }),
    file: { path: '(constraint probe)', absolutePath: '', text: body, hash: '' },
    body,
    bodyFirstLine: 1,
  };
  const fragments = new Map(workspace.fragments).set(PROBE_ID, probe);
  const context = { ...composition.context, [PROBE_FIELD]: fromFragments } as RenderContext;
  const rendered = renderPrompt(fragments, PROBE_ID, { ...composition, context });
  if (!rendered.ok) return texts;

  const lines = splitLines(rendered.rendered.text);
  const owned = new Map<string, string[]>();
  lines.forEach((line, i) => {
    const owner = rendered.rendered.lineOwners[i]!;
    if (owner === PROBE_ID) return;
    let bucket = owned.get(owner);
    if (!bucket) owned.set(owner, (bucket = []));
    bucket.push(line);
  });
  for (const constraint of fromFragments) {
    const text = owned.get(constraint.fragment!);
    if (text) texts.set(constraint.id, normalise(text.join('\n')));
  }
  return texts;
}

/** The render stage strips trailing whitespace per line; inline text gets the same treatment. */
function normalise(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
}
