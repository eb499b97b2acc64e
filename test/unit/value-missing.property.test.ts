import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../src/compose/context.js';
import type { Fragment } from '../../src/load/fragments.js';
import type { LoadedSpec } from '../../src/load/specs.js';
import { loadWorkspace, type Workspace } from '../../src/load/workspace.js';
import { renderPrompt } from '../../src/render/render.js';
import { Module } from '../../src/schema/spec.js';
import { EXAMPLE } from '../helpers/workspace.js';

/** Each shipped pattern and the module kind it describes. */
const PATTERNS = [
  ['stateless-api', 'service'],
  ['stateless-worker', 'worker'],
  ['stateful-postgres', 'stateful'],
  ['stateful-postgres-pgvector', 'stateful'],
  ['stateful-redis', 'stateful'],
  ['stateful-volume', 'stateful'],
] as const;

const OPTIONAL_FIELDS = ['image', 'exposure', 'similar_to', 'backup_priority', 'statefulness'] as const;

const STATEFULNESS = { decided_by: 'whether it mounts a volume', stateful_if: 'it does', otherwise: 'a cache' };

/** A module of a generated wave: a pattern, and which of the optional fields the spec writes. */
const moduleArbitrary = fc.record({
  pattern: fc.constantFrom(...PATTERNS),
  fields: fc.subarray([...OPTIONAL_FIELDS]),
});

/**
 * The same fragments with every printed expression between ⟦ and ⟧: an empty interpolation is then `⟦⟧` in the
 * output, whatever printed it (a field, a helper, a partial's parameter).
 */
function bracketed(fragments: Workspace['fragments']): Workspace['fragments'] {
  const printed = /\{\{(?![#/>!^~]|else\b)([^{}]*)\}\}/g;
  return new Map(
    [...fragments].map(([id, fragment]): [string, Fragment] => [
      id,
      { ...fragment, body: fragment.body.replace(printed, '⟦{{$1}}⟧') },
    ]),
  );
}

let workspace: Workspace;
let wave2: LoadedSpec;

beforeAll(async () => {
  const loaded = await loadWorkspace(EXAMPLE);
  if (!loaded.ok) throw new Error('the example fixture does not load');
  workspace = loaded.workspace;
  const found = await workspace.specs.find(2, 2);
  if (!found.ok) throw new Error('the example fixture has no phase 02 wave 2');
  const chain = await workspace.specs.chain(found.ref);
  if (!chain.ok) throw new Error('phase 02 wave 2 does not chain');
  wave2 = chain.chain[chain.chain.length - 1]!;
});

describe('no holes (property)', () => {
  it('a generated wave renders with no empty interpolation, or reports value-missing for a key it left out', () => {
    fc.assert(
      fc.property(fc.array(moduleArbitrary, { minLength: 1, maxLength: 3 }), fc.boolean(), (generated, withCaution) => {
        const modules = generated.map(({ pattern: [pattern, kind], fields }, i) => {
          const has = new Set<string>(fields);
          // The schema asks a stateful module for one of the two.
          if (kind === 'stateful' && !has.has('backup_priority') && !has.has('statefulness')) has.add('statefulness');
          return Module.parse({
            id: `m${i}`,
            pattern,
            kind,
            ...(has.has('image') ? { image: 'nginx:1.27' } : {}),
            ...(has.has('exposure') ? { exposure: 'tailnet only' } : {}),
            ...(has.has('similar_to') ? { similar_to: 'm0 (PR #1)' } : {}),
            ...(has.has('backup_priority') ? { backup_priority: 'important' } : {}),
            ...(has.has('statefulness') ? { statefulness: STATEFULNESS } : {}),
          });
        });
        const spec = {
          ...wave2.spec,
          modules,
          why: { ...wave2.spec.why, ...(withCaution ? { caution: 'Read before writing.' } : {}) },
          pr_plan: { ...wave2.spec.pr_plan, total: undefined },
        };
        const composed = compose(workspace, [{ ...wave2, spec }]);
        expect(composed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const composition = composed.composition!;
        const layout = wave2.spec.layout ?? workspace.config.layout;
        const plain = renderPrompt(workspace.fragments, layout, composition);
        const marked = renderPrompt(bracketed(workspace.fragments), layout, composition);

        // The two renders agree on whether a value is missing.
        expect(marked.ok).toBe(plain.ok);
        if (marked.ok) {
          expect(marked.rendered.text).not.toMatch(/⟦(undefined|null)?⟧/);
          return;
        }
        const leftOut = new Set(
          modules.flatMap((module, i) =>
            OPTIONAL_FIELDS.filter((field) => module[field] === undefined).map((field) => `modules[${i}].${field}`),
          ),
        );
        if (!withCaution) leftOut.add('why.caution');
        const reported = (plain.ok ? [] : plain.diagnostics).map((d) => {
          expect(d.code).toBe('value-missing');
          return /^(\S+) is not set/.exec(d.message)?.[1];
        });
        expect(reported.length).toBeGreaterThan(0);
        for (const key of reported) expect(leftOut).toContain(key);
      }),
      { numRuns: 40 },
    );
  });
});
