import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 12, item 3: the output location is validated. output_name is
// checked as a whole when the config is loaded (every command), and a
// compile refuses a prompt path that is an input file, another wave's
// prompt, or lacks the phase in a workspace of several phases.

const CONFIG = 'wavec.config.yaml';
const NAME_AT = `${CONFIG}:8:14`;

async function withOutputName(name: string, extra: (root: string) => void = () => {}) {
  const ws = await workspace();
  await ws.edit(CONFIG, (t) => t.replace('output_name: phase-{phase:02}-wave-{wave}.md', `output_name: ${name}`));
  extra(ws.root);
  return ws;
}

function refuses(root: string, args: string[], expected: string) {
  const before = treeState(root);
  const run = wavecBin(args, root);
  expect(run.exit).toBe(2);
  expect(`${run.stdout}${run.stderr}`.split('\n').filter((line) => /^\S+:\d+:\d+ error /.test(line))).toEqual([
    expected,
  ]);
  expect(run.stderr).not.toContain('internal error');
  expect(treeState(root)).toEqual(before);
}

describe('output_name, checked when the config is loaded', () => {
  for (const [name, problem] of [
    [
      'x-{stage}.md',
      'unknown placeholder {stage}; output_name takes {phase} and {wave}, optionally padded as {phase:02}',
    ],
    ['x-{wave:999999}.md', '{wave:999999} pads to 999999 digits; the width is 1 to 9'],
    ['x-{wave.md', '"{wave.md" opens a placeholder that is never closed; write {phase} or {wave}'],
    ['phase-{phase}.md', 'must contain {wave}: without it every wave writes the same file'],
    [
      '../waves/phase-{phase:02}/wave-{wave}.yaml',
      'must end in ".md": lint finds prompts by it, and the sidecar is named after it',
    ],
  ] as const) {
    it(`refuses "${name}" in compile and in lint, located, nothing written`, async () => {
      const ws = await withOutputName(name);
      const expected = `${NAME_AT} error config-invalid output_name: ${problem}`;
      refuses(ws.root, ['compile', '4', '--force'], expected);
      refuses(ws.root, ['lint', 'prompts'], expected);
    });
  }

  it('refuses an output folder inside the fragment library', async () => {
    const ws = await withOutputName('../templates/sections/wave-{wave}.md');
    refuses(
      ws.root,
      ['compile', '4', '--force'],
      `${NAME_AT} error output-location prompts would be written into templates_dir (templates), where wavec ` +
        `reads its inputs`,
    );
  });
});

describe('the resolved prompt path', () => {
  it('may not be an input file', async () => {
    const ws = await withOutputName('../charter/charter-{wave}.md');
    await ws.edit(CONFIG, (t) => t.replace('charter: charter/PLATFORM_CHARTER.md', 'charter: charter/charter-4.md'));
    writeFileSync(path.join(ws.root, 'charter/charter-4.md'), await ws.read('charter/PLATFORM_CHARTER.md'));
    refuses(
      ws.root,
      ['compile', '4', '--force'],
      `${NAME_AT} error output-location the prompt's path charter/charter-4.md is an input file (the charter); ` +
        `compiling would replace it`,
    );
  });

  it('must name the phase when the workspace has several', async () => {
    const ws = await withOutputName('wave-{wave}.md');
    mkdirSync(path.join(ws.root, 'waves/phase-03'));
    await ws.write(
      'waves/phase-03/wave-2.yaml',
      (await ws.read('waves/phase-02/wave-2.yaml')).replace('phase: 2', 'phase: 3'),
    );
    refuses(
      ws.root,
      ['compile', '4', '--force'],
      `${NAME_AT} error output-location output_name "wave-{wave}.md" has no {phase}, but waves has phases 2, 3: ` +
        `their waves would write the same prompts`,
    );
  });
  it(
    "may not be another wave's prompt (a name without a separator can collide: " +
      'phase 21 wave 4 and phase 2 wave 14 are both p214)',
    async () => {
      const ws = await withOutputName('p{phase}{wave}.md');
      mkdirSync(path.join(ws.root, 'waves/phase-21'));
      await ws.write(
        'waves/phase-21/wave-4.yaml',
        (await ws.read('waves/phase-02/wave-2.yaml')).replace('phase: 2', 'phase: 21').replace('wave: 2', 'wave: 4'),
      );
      await ws.write('waves/phase-02/wave-14.yaml', await ws.read('waves/phase-02/wave-4.yaml'));
      refuses(
        ws.root,
        ['compile', '4', '--phase', '21'],
        `${NAME_AT} error output-location phase 21 wave 4 and phase 2 wave 14 would both write prompts/p214.md`,
      );
    },
  );
});

describe('two files for one wave', () => {
  it('is an error naming both files, with or without --phase', async () => {
    const ws = await workspace();
    await ws.write('waves/phase-02/wave-4.yml', await ws.read('waves/phase-02/wave-4.yaml'));
    const expected =
      'waves/phase-02/wave-4.yaml:1:1 error spec-duplicate-file wave 4 of phase 2 has 2 spec files: ' +
      'waves/phase-02/wave-4.yaml and waves/phase-02/wave-4.yml; keep one';
    refuses(ws.root, ['compile', '4'], expected);
    refuses(ws.root, ['compile', '4', '--phase', '2'], expected);
  });
});
