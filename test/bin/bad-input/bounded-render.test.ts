import { describe, expect, it } from 'vitest';
import { MAX_RENDER_CHARS, MAX_RENDER_STEPS } from '../../../src/render/render-budget.js';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { lineOf, MISSION, SPEC, workspace } from '../../bad-input/harness.js';

// Issue 12, item 5: rendering is bounded while it runs. Nested loops that
// multiply fail fast with a located error instead of running for minutes.

async function refusesRender(editMission: (text: string) => string, editSpec?: (text: string) => string) {
  const ws = await workspace();
  await ws.edit(MISSION, editMission);
  if (editSpec) await ws.edit(SPEC, editSpec);
  const before = treeState(ws.root);
  const started = Date.now();
  const run = wavecBin(['compile', '4'], ws.root);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(run.exit).toBe(2);
  expect(treeState(ws.root)).toEqual(before);
  return { run, mission: await ws.read(MISSION) };
}

describe('rendering work is bounded', () => {
  it('13 nested {{#each @root.modules}} stop at the step budget, located at the loop', async () => {
    const nested = `${'{{#each @root.modules}}\n'.repeat(13)}x${'{{/each}}'.repeat(13)}\n`;
    const { run, mission } = await refusesRender((t) => `${t}\n${nested}`);
    expect(run.stderr.split('\n')[0]).toBe(
      `${MISSION}:${lineOf(mission, '{{#each @root.modules}}')}:1 error template-too-costly rendering took more ` +
        `than ${MAX_RENDER_STEPS} steps (block iterations and fragments); nested {{#each}} blocks multiply`,
    );
  });

  it('a long spec value printed in nested loops stops at the output budget', async () => {
    const nested = `${'{{#each @root.modules}}'.repeat(6)}{{@root.mission}}${'{{/each}}'.repeat(6)}\n`;
    const long = 'word '.repeat(6000).trim();
    const { run, mission } = await refusesRender(
      (t) => `${t}\n${nested}`,
      (t) => t.replace(/mission: >-\n(?: {2}.*\n)+/, `mission: ${long}\n`),
    );
    expect(run.stderr.split('\n')[0]).toBe(
      `${MISSION}:${lineOf(mission, '{{#each @root.modules}}{{#each')}:1 error template-too-costly rendering ` +
        `produced more than ${MAX_RENDER_CHARS} characters; nested {{#each}} blocks or partials multiply their ` +
        `output`,
    );
  });
});
