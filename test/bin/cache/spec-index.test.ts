import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { copyWorkspace } from '../../helpers/workspace.js';

// Issue 22: a fresh compile in a new process takes each unchanged predecessor's validated spec from the cache
// folder's spec index instead of parsing its YAML. What it answers must be what --no-cache answers, a finding located
// in a predecessor (whose YAML is then parsed on demand) included.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const ws = await copyWorkspace();
  const cache = mkdtempSync(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rmSync(cache, { recursive: true, force: true }));
  const bin = (...args: string[]) => wavecBin(args, ws.root, { env: { WAVEC_CACHE_DIR: cache } });
  // Every spec of the phase validated once, in a process of its own.
  expect(bin('compile', '4', '--stdout').exit).toBe(0);
  return { ws, cache, bin };
}

describe('the spec index', () => {
  it('compiles an edited last wave from indexed predecessors as --no-cache does', async () => {
    const { ws, bin } = await setup();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('title: Honcho subsystem', 'title: Honcho, edited'));
    const fresh = bin('compile', '4', '--stdout', '--no-cache');
    expect(fresh.exit).toBe(0);
    expect(bin('compile', '4', '--stdout')).toEqual(fresh);
  });

  it("locates a finding at an indexed predecessor's value, parsing it on demand, as --no-cache does", async () => {
    const { ws, bin } = await setup();
    // wave 3 declares uptime-kuma: a second declaration in wave 4 is phase-module-unique, related at wave 3's.
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('  - id: honcho-deriver', '  - id: uptime-kuma'));
    const fresh = bin('compile', '4', '--format', 'json', '--no-cache');
    const indexed = bin('compile', '4', '--format', 'json');
    expect(indexed).toEqual(fresh);
    const finding = JSON.parse(indexed.stdout).diagnostics.find(
      (d: { code: string }) => d.code === 'phase-module-unique',
    );
    expect(finding.related).toMatchObject({ file: 'waves/phase-02/wave-3.yaml', line: 24, column: 9 });
  });

  it('is a miss, never a different answer, when its file does not verify', async () => {
    const { ws, cache, bin } = await setup();
    const folder = path.join(cache, 'specs');
    const files = readdirSync(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) writeFileSync(path.join(folder, file), '{"mac":"hmac-sha256:00","entry":{}}');
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('title: Honcho subsystem', 'title: Honcho, edited'));
    const fresh = bin('compile', '4', '--stdout', '--no-cache');
    expect(bin('compile', '4', '--stdout')).toEqual(fresh);
  });
});
