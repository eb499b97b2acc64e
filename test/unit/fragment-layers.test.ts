import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFragments } from '../../src/load/fragments.js';
import { DEFAULT_READ_LIMITS } from '../../src/load/read-source.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const fragment = (id: string, body: string) => `---\nid: ${id}\nkind: section\ntitle: ${id}\n---\n${body}\n`;

/** A package library (`base/`) and a workspace (`ws/`) beside it, each with the files given. */
async function layers(base: Record<string, string>, user: Record<string, string>) {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'wavec-layers-')));
  made.push(dir);
  for (const [file, text] of [
    ...Object.entries(base).map(([f, t]) => [`base/${f}`, t] as const),
    ...Object.entries(user).map(([f, t]) => [`ws/${f}`, t] as const),
  ]) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  await mkdir(path.join(dir, 'ws'), { recursive: true });
  const load = (userFolderRequired = false, templatesDir = 'templates', baseDir = path.join(dir, 'base')) =>
    loadFragments(path.join(dir, 'ws'), templatesDir, DEFAULT_READ_LIMITS, { baseDir, userFolderRequired });
  return { dir, load };
}

describe('the layered fragment library', () => {
  it("lays the user's fragments by id: an override replaces, a new id adds, the rest is the base", async () => {
    const { load } = await layers(
      { 'sections/a.md': fragment('a', 'base a'), 'sections/b.md': fragment('b', 'base b') },
      { 'templates/a.md': fragment('a', 'my a'), 'templates/own/c.md': fragment('c', 'my c') },
    );
    const { fragments, diagnostics, base } = await load();
    expect(diagnostics).toEqual([]);
    const summary = [...fragments.values()].map((f) => [f.id, f.layer, f.file.path, f.body.trim()]);
    expect(summary.sort()).toEqual([
      ['a', 'user', 'templates/a.md', 'my a'],
      ['b', 'base', 'wavec/templates/sections/b.md', 'base b'],
      ['c', 'user', 'templates/own/c.md', 'my c'],
    ]);
    expect(fragments.get('a')!.overrides!.file.path).toBe('wavec/templates/sections/a.md');
    expect(fragments.get('c')!.overrides).toBeUndefined();
    // The base layer lists every file, the overridden one too: the cache keys on all of them.
    expect(base!.files.map(([file]) => file)).toEqual(['sections/a.md', 'sections/b.md']);
  });

  it('two user fragments with one id are still a duplicate, whatever the base holds', async () => {
    const { load } = await layers(
      { 'a.md': fragment('a', 'base a') },
      { 'templates/a.md': fragment('a', 'one'), 'templates/z.md': fragment('a', 'two') },
    );
    const { diagnostics } = await load();
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`)).toEqual([
      'templates/z.md:2 fragment-duplicate-id fragment id "a" is already used by templates/a.md',
    ]);
  });

  it('a missing user folder is an empty layer, unless the config names it', async () => {
    const { load } = await layers({ 'a.md': fragment('a', 'base a') }, {});
    const unset = await load(false);
    expect(unset.diagnostics).toEqual([]);
    expect([...unset.fragments.keys()]).toEqual(['a']);
    const named = await load(true);
    expect(named.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(['templates templates-not-found']);
  });

  it("a user folder that is the package's own library is read once, as the base, under its own path", async () => {
    const { dir, load } = await layers({}, { 'templates/a.md': fragment('a', 'shipped a') });
    const { fragments, base, diagnostics } = await load(true, 'templates', path.join(dir, 'ws/templates'));
    expect(diagnostics).toEqual([]);
    expect(base).toBeNull();
    expect(fragments.get('a')).toMatchObject({ layer: 'base', file: { path: 'templates/a.md' } });
  });
});
