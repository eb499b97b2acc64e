import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openCacheFolder, type CacheFolder } from '../../src/cache/folder.js';
import { SpecIndexFile } from '../../src/cache/spec-index.js';
import type { ParsedSpecIndex, WaveRef } from '../../src/load/specs.js';
import { loadWorkspaceWith } from '../../src/load/workspace.js';
import type { WaveSpec } from '../../src/schema/spec.js';
import { copyWorkspace } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function cacheFolder(): Promise<CacheFolder> {
  const directory = await mkdtemp(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  const opened = openCacheFolder(directory);
  if (!opened.ok) throw new Error(opened.reason);
  return opened.folder;
}

async function loadSpecOf(root: string, wave: number, parsedSpecs?: ParsedSpecIndex) {
  const loaded = await loadWorkspaceWith(root, { parsedSpecs });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const found = await loaded.workspace.specs.find(wave, 2);
  if (!found.ok) throw new Error(found.message);
  return { ref: found.ref, result: await loaded.workspace.specs.load(found.ref) };
}

describe('the spec index file', () => {
  it('gives back exactly the spec a parse makes, or nothing, whatever text a spec holds', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const cache = await cacheFolder();
    const original = await ws.read('waves/phase-02/wave-2.yaml');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (mission) => {
        await ws.write(
          'waves/phase-02/wave-2.yaml',
          original.replace(/^mission: >-\n(?: {2}.*\n)+/m, `mission: ${JSON.stringify(`A ${mission}`)}\n`),
        );
        const index = new SpecIndexFile(cache, ws.root);
        const { ref, result } = await loadSpecOf(ws.root, 2, index);
        index.save();
        if (!result.ok) return;
        const reread = new SpecIndexFile(cache, ws.root).get(ref, result.loaded.file.hash);
        if (reread !== undefined) expect(reread).toStrictEqual(result.loaded.spec);
      }),
      { numRuns: 40 },
    );
    await ws.write('waves/phase-02/wave-2.yaml', original);
    const index = new SpecIndexFile(cache, ws.root);
    const { ref, result } = await loadSpecOf(ws.root, 2, index);
    index.save();
    if (!result.ok) throw new Error('the example spec does not load');
    expect(new SpecIndexFile(cache, ws.root).get(ref, result.loaded.file.hash)).toStrictEqual(result.loaded.spec);
  });

  it('answers only for the text, place and wave it recorded', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const cache = await cacheFolder();
    const index = new SpecIndexFile(cache, ws.root);
    const { ref, result } = await loadSpecOf(ws.root, 3, index);
    index.save();
    if (!result.ok) throw new Error('the example spec does not load');
    const reread = new SpecIndexFile(cache, ws.root);
    const hash = result.loaded.file.hash;
    expect(reread.get(ref, hash)).toBeDefined();
    expect(reread.get(ref, `sha256:${'0'.repeat(64)}`)).toBeUndefined();
    expect(reread.get({ ...ref, wave: 4 }, hash)).toBeUndefined();
    expect(reread.get({ ...ref, path: 'waves/phase-02/wave-9.yaml' }, hash)).toBeUndefined();
    const other = await copyWorkspace();
    cleanups.push(other.cleanup);
    expect(new SpecIndexFile(cache, other.root).get(ref, hash)).toBeUndefined();
  });

  it('keeps only the specs the workspace still lists when it is saved', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const cache = await cacheFolder();
    const index = new SpecIndexFile(cache, ws.root);
    const two = await loadSpecOf(ws.root, 2, index);
    const three = await loadSpecOf(ws.root, 3, index);
    if (!two.result.ok || !three.result.ok) throw new Error('the example specs do not load');
    // Wave 2's spec is gone from the listing (deleted, say): its entry goes with the next save.
    index.set(three.ref, `sha256:${'1'.repeat(64)}`, three.result.loaded.spec);
    index.save([three.ref.path]);
    const reread = new SpecIndexFile(cache, ws.root);
    expect(reread.get(two.ref, two.result.loaded.file.hash)).toBeUndefined();
    expect(reread.get(three.ref, `sha256:${'1'.repeat(64)}`)).toStrictEqual(three.result.loaded.spec);
  });
});

describe('a workspace loaded with a parsed-spec index', () => {
  it('takes an indexed spec without parsing it, and locates its values as the parse does', async () => {
    const first = await copyWorkspace();
    const second = await copyWorkspace();
    cleanups.push(first.cleanup, second.cleanup);
    const recorded = new Map<string, WaveSpec>();
    let answered = 0;
    const index: ParsedSpecIndex = {
      get(ref: WaveRef, hash: string) {
        const spec = recorded.get(`${ref.path}\0${hash}`);
        if (spec) answered++;
        return spec;
      },
      set: (ref: WaveRef, hash: string, spec: WaveSpec) => void recorded.set(`${ref.path}\0${hash}`, spec),
    };
    const parsed = await loadSpecOf(first.root, 3, index);
    // Another copy: the process's own cache of parsed specs is by place, so only the index can answer.
    const indexed = await loadSpecOf(second.root, 3, index);
    expect(answered).toBe(1);
    if (!parsed.result.ok || !indexed.result.ok) throw new Error('the example spec does not load');
    expect(indexed.result.loaded.spec).toStrictEqual(parsed.result.loaded.spec);
    expect(indexed.result.loaded.yaml.value).toStrictEqual(parsed.result.loaded.yaml.value);
    for (const at of [['modules', 1, 'id'], ['predecessor'], ['charter_refs', 0, 'section']])
      expect(indexed.result.loaded.yaml.locate(at)).toEqual(parsed.result.loaded.yaml.locate(at));
  });
});
