import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { useStarterWorkspaces } from '../../helpers/starter-workspace.js';
import { workspace } from '../../bad-input/harness.js';

const starter = useStarterWorkspaces();

// Issue 21, item 9: a dangling link where a writer would write is a located error (exit 2, nothing written, no
// internal error) in every writer that takes a path: schema --out, new, pr --write, eject (init: writes-stay-inside).

/** `starter`: in a workspace init laid out (only the base layer), where a fragment can be ejected. */
const WRITERS: { name: string; link: string; args: string[]; code: string; starter?: boolean }[] = [
  { name: 'schema --out', link: 'out', args: ['schema', '--out', 'out'], code: 'output-write-failed' },
  { name: 'new', link: 'waves/phase-02/wave-5.yaml', args: ['new', '5', '--phase', '2'], code: 'new-exists' },
  {
    name: 'pr --write',
    link: 'prompts/phase-02-wave-2.pr.md',
    args: ['pr', '2', '--phase', '2', '--write'],
    code: 'output-outside-workspace',
  },
  {
    name: 'eject',
    link: 'templates/constraints/no-merge.md',
    args: ['eject', 'no-merge'],
    code: 'eject-exists',
    starter: true,
  },
];

describe('a dangling link where a writer writes', () => {
  for (const writer of WRITERS) {
    it(`${writer.name}: a located ${writer.code}, exit 2, nothing written`, async () => {
      const ws = writer.starter ? await starter() : await workspace();
      const target = path.join(ws.root, writer.link);
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(path.join(ws.root, 'nothing-here', 'gone'), target);
      const before = treeState(ws.root);
      const run = wavecBin(writer.args, ws.root);
      expect(run.stderr).not.toContain('internal error');
      expect(run.exit).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^\\S+:\\d+:\\d+ error ${writer.code} `, 'm'));
      expect(treeState(ws.root)).toEqual(before);
    });
  }
});
