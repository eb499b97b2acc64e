import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// The loader skips what the watcher skips (one list of editor-noise names): an emacs lock, a backup or a swap file
// beside a fragment is not a fragment.

describe('editor noise in templates/', () => {
  it('changes nothing: compile answers as without it', async () => {
    const ws = await workspace();
    const clean = wavecBin(['compile', '4', '--stdout', '--no-cache'], ws.root);
    expect(clean.exit).toBe(0);
    // An emacs lock is a dangling link named .#<file>.
    symlinkSync('user@host.1234:1700000000', path.join(ws.root, 'templates/sections/.#mission.md'));
    await ws.write('templates/sections/mission.md~', '---\nid: mission\nkind: section\n---\nbackup\n');
    await ws.write('templates/sections/#mission.md#', 'auto-save\n');
    await ws.write('templates/sections/.mission.md.swp', 'swap\n');
    await ws.write('templates/sections/.hidden-copy.md', '---\nid: mission\nkind: section\n---\nhidden\n');
    expect(wavecBin(['compile', '4', '--stdout', '--no-cache'], ws.root)).toEqual(clean);
    expect(wavecBin(['lint', '--no-cache'], ws.root).exit).toBe(0);
  });
});
