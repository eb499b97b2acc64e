import { describe, expect, it } from 'vitest';
import { earlierChainChange, type ChainChangeMemo } from '../../src/check/chain-change.js';
import { chainDigests } from '../../src/load/chain-digest.js';
import type { Provenance } from '../../src/schema/provenance.js';
import { lintPrompt } from '../../src/lint.js';
import { run } from '../../src/cli/run.js';
import { captureIo, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('drift in the chain before a prompt’s predecessor', () => {
  it('names the earlier wave whose spec changed, found through the predecessors’ sidecars', async () => {
    const ws = await workspace();
    // Wave 4 follows 3, which follows 2: wave 4's sidecar records only wave 3 and the digest of the chain up to it.
    await ws.edit('waves/phase-02/wave-2.yaml', (t) => `${t}# a comment: the prompt stays the same\n`);
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' }, { drift: true });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'prompts/phase-02-wave-4.provenance.json is out of date: waves/phase-02/wave-2.yaml changed since it was ' +
        'recorded, though the prompt compiles to the same text',
    ]);
  });

  it('says the chain changed, without a name, once the sidecars on the way were rewritten', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-2.yaml', (t) => `${t}# a comment: the prompt stays the same\n`);
    // Recompiling wave 3 rewrites the only record of what wave 4 was made from before it.
    expect(await run(['compile', '3', '--phase', '2', '--root', ws.root], captureIo(ws.root))).toBe(0);
    const result = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-4.md' }, { drift: true });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'prompts/phase-02-wave-4.provenance.json is out of date: a wave before waves/phase-02/wave-3.yaml in its chain ' +
        'changed since it was recorded, though the prompt compiles to the same text',
    ]);
  });
});

describe('earlierChainChange', () => {
  const N = 200;
  const links = Array.from({ length: N }, (_, i) => ({ file: { path: `waves/w-${i}.yaml`, hash: `h${i}` } }));
  const before = chainDigests(links);
  // Every wave's sidecar as recorded before the first spec changed.
  const sidecars = new Map(
    links.map((link, i) => [
      link,
      {
        chain: before[i]!,
        predecessor: i === 0 ? null : { ...links[i - 1]!.file, chain: before[i - 1]! },
      } as unknown as Provenance,
    ]),
  );
  const changed = [{ file: { path: 'waves/w-0.yaml', hash: 'h0-edited' } }, ...links.slice(1)];

  it('reads each sidecar once for a whole programme, however far back the change is', async () => {
    const memo: ChainChangeMemo = new Map();
    let reads = 0;
    const recordedOf = async (link: { file: { path: string } }) => {
      reads++;
      return sidecars.get(links.find((l) => l.file.path === link.file.path)!);
    };
    for (let w = 2; w < N; w++) {
      const found = await earlierChainChange(
        { ...links[w - 1]!.file, chain: before[w - 1]! },
        changed.slice(0, w),
        recordedOf,
        memo,
      );
      expect(found).toEqual({ description: 'waves/w-0.yaml changed', recordedHash: 'h0' });
    }
    expect(reads).toBeLessThanOrEqual(N);
  });
});
