import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 21, items 2 and 9: every write stays inside the workspace, resolved by real path when it is written, and a
// writer checks everything before it writes anything; what stands in the way is a located error, never an internal
// one.

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function outsideFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wavec-outside-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs wavec and expects exit 2, exactly the located errors given, no internal error and nothing changed. */
function refuses(roots: string[], cwd: string, args: string[], expected: string[]) {
  const before = roots.map((root) => treeState(root));
  const run = wavecBin(args, cwd);
  expect(run.stderr).not.toContain('internal error');
  expect(run.exit).toBe(2);
  expect(`${run.stdout}${run.stderr}`.split('\n').filter((line) => /^\S+:\d+:\d+ error /.test(line))).toEqual(expected);
  expect(roots.map((root) => treeState(root))).toEqual(before);
}

describe('wavec new', () => {
  it('through a waves/phase-NN link that points outside is a located error, nothing written', async () => {
    const ws = await workspace();
    const outside = outsideFolder();
    symlinkSync(outside, path.join(ws.root, 'waves/phase-03'));
    refuses(
      [ws.root, outside],
      ws.root,
      ['new', '1', '--phase', '3', '--from', '2:4'],
      [
        `waves/phase-03/wave-1.yaml:1:1 error output-outside-workspace output folder waves/phase-03 resolves outside ` +
          `the workspace (${realpathSync(outside)})`,
      ],
    );
  });
});

describe('wavec schema', () => {
  it('--out naming a file is a located error, nothing written', async () => {
    const ws = await workspace();
    writeFileSync(path.join(ws.root, 'editor'), 'a file\n');
    refuses(
      [ws.root],
      ws.root,
      ['schema', '--out', 'editor'],
      [
        'editor/wave-spec.schema.json:1:1 error output-write-failed could not create the output folder editor ' +
          '(EEXIST: file already exists); nothing was written',
      ],
    );
  });

  it('--out outside the workspace is refused', async () => {
    const ws = await workspace();
    const outside = outsideFolder();
    refuses(
      [ws.root, outside],
      ws.root,
      ['schema', '--out', outside],
      [
        `${path.relative(ws.root, path.join(outside, 'wave-spec.schema.json')).split(path.sep).join('/')}:1:1 error ` +
          `output-outside-workspace output path ` +
          `${path.relative(ws.root, path.join(outside, 'wave-spec.schema.json')).split(path.sep).join('/')} ` +
          'is outside the workspace',
      ],
    );
  });
});

describe('wavec init', () => {
  it('of a file is a located error', () => {
    const parent = outsideFolder();
    writeFileSync(path.join(parent, 'platform'), 'a file\n');
    refuses(
      [parent],
      parent,
      ['init', 'platform'],
      [
        'platform:1:1 error init-exists platform is not a folder; wavec init lays a workspace out in a folder ' +
          '(a new or an empty one)',
      ],
    );
  });

  it('with a file where a folder goes, or a dangling link, writes nothing and locates each', () => {
    const parent = outsideFolder();
    mkdirSync(path.join(parent, 'platform'));
    writeFileSync(path.join(parent, 'platform/schemas'), 'a file\n');
    symlinkSync(path.join(parent, 'gone'), path.join(parent, 'platform/charter'));
    refuses(
      [parent],
      parent,
      ['init', 'platform'],
      [
        'charter:1:1 error init-exists charter is a link to nothing (a dangling link); wavec init puts files under ' +
          'it and never replaces what is there',
        'schemas:1:1 error init-exists schemas exists and is not a folder; wavec init puts files under it and never ' +
          'replaces what is there',
      ],
    );
  });
});

describe('a folder whose name starts with two dots', () => {
  it('is inside the workspace: compile writes into ..prompts', async () => {
    const ws = await workspace();
    await ws.edit('wavec.config.yaml', (t) => t.replace(/^output_dir: .*$/m, 'output_dir: ..prompts'));
    const run = wavecBin(['compile', '4'], ws.root);
    expect(run.stderr).toBe('');
    expect(run.exit).toBe(0);
    expect(run.stdout).toContain('..prompts/phase-02-wave-4.md written');
  });
});
