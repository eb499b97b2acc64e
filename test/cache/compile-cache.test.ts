import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDirectory } from '../../src/cache/location.js';
import { run } from '../../src/cli/run.js';
import { captureIo, copyWorkspace, snapshot } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup() {
  const ws = await copyWorkspace();
  const cache = await mkdtemp(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rm(cache, { recursive: true, force: true }));
  /** `wavec <argv>` in process with the cache folder set; what it printed and the prompts folder after it. */
  const wavec = async (argv: string[]) => {
    const io = captureIo(ws.root, { WAVEC_CACHE_DIR: cache });
    const code = await run([...argv, '--root', ws.root], io);
    return { code, out: io.out(), err: io.err(), prompts: await snapshot(path.join(ws.root, 'prompts')) };
  };
  const entries = async () => readdir(path.join(cache, 'compile')).catch(() => [] as string[]);
  return { ws, cache, wavec, entries };
}

describe('the compile cache', () => {
  it.each([
    ['the summary', ['compile', '4']],
    ['JSON', ['compile', '4', '--format', 'json']],
    ['the prompt on stdout', ['compile', '3', '--stdout']],
    ['an over-budget prompt (exit 1, nothing written)', ['compile', '2']],
  ])('gives %s byte for byte as a fresh compile does', async (_, argv) => {
    const { ws, wavec, entries } = await setup();
    if (argv[1] === '2')
      await ws.edit('waves/phase-02/wave-2.yaml', (t) => t.replace(/max_tokens: \d+/, 'max_tokens: 100'));
    const fresh = await wavec([...argv, '--no-cache']);
    expect(await entries()).toEqual([]);
    const stored = await wavec(argv);
    expect(await entries()).toHaveLength(1);
    const cached = await wavec(argv);
    expect(stored).toEqual(fresh);
    expect(cached).toEqual(fresh);
  });

  it.each([
    [
      'a fragment the wave uses',
      'templates/sections/mission.md',
      (t: string) => t.replace('You are {{agent.name}}', 'You are CODEX'),
    ],
    ['a fragment no wave uses', 'templates/patterns/stateful-redis.md', (t: string) => `${t}{{#if}}\n`],
    [
      'the spec',
      'waves/phase-02/wave-4.yaml',
      (t: string) => t.replace('title: Honcho subsystem', 'title: Honcho SUBSYSTEM'),
    ],
    [
      'a predecessor spec',
      'waves/phase-02/wave-3.yaml',
      (t: string) => t.replace(/^title: .*$/m, 'title: Renamed wave 3'),
    ],
    ['the charter', 'charter/PLATFORM_CHARTER.md', (t: string) => t.replace(/^## §13.*$/m, '## §13 Honesty on waking')],
    [
      'the config',
      'wavec.config.yaml',
      (t: string) => `${t}required_sections:\n  headings: ['# *', '## Mission', '## Not in the prompt', '*']\n`,
    ],
  ])('is not used once %s changed', async (_, file, change) => {
    const { ws, wavec } = await setup();
    const before = await wavec(['compile', '4', '--stdout']);
    expect(await wavec(['compile', '4', '--stdout'])).toEqual(before);
    await ws.edit(file, change);
    const after = await wavec(['compile', '4', '--stdout']);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await wavec(['compile', '4', '--stdout', '--no-cache']));
  });

  it('is not used once a fragment or a spec is added', async () => {
    const { ws, wavec } = await setup();
    await wavec(['compile', '4', '--format', 'json']);
    await ws.write(
      'templates/sections/extra.md',
      '---\nid: mission\nkind: section\ntitle: Extra\n---\nA second mission.\n',
    );
    const duplicate = await wavec(['compile', '4']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.err).toContain('fragment-duplicate-id');
    await rm(path.join(ws.root, 'templates/sections/extra.md'));
    await mkdir(path.join(ws.root, 'waves/phase-03'));
    await ws.write(
      'waves/phase-03/wave-4.yaml',
      (await ws.read('waves/phase-02/wave-4.yaml')).replace('phase: 2', 'phase: 3'),
    );
    const ambiguous = await wavec(['compile', '4']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('wave 4 exists in phases 2, 3');
  });

  it('ignores a corrupt or foreign entry and writes a good one over it', async () => {
    const { cache, wavec, entries } = await setup();
    const fresh = await wavec(['compile', '4', '--format', 'json', '--no-cache']);
    await wavec(['compile', '4', '--format', 'json']);
    const [name] = await entries();
    const file = path.join(cache, 'compile', name!);
    const good = await readFile(file, 'utf8');
    const { mac, entry } = JSON.parse(good);
    for (const bad of [
      '{"wavec": "compile-cache", "version": "0.1.0", "trunc',
      JSON.stringify(entry),
      JSON.stringify({ mac, entry: { ...entry, version: '0.0.0-other' } }),
      JSON.stringify({ mac, entry: { ...entry, result: { ...entry.result, prompt: { path: 'x.md', text: 42 } } } }),
      // An edit that keeps the entry well-formed: only the signature shows it.
      JSON.stringify({
        mac,
        entry: { ...entry, result: { ...entry.result, prompt: { ...entry.result.prompt, text: 'edited\n' } } },
      }),
      '[]',
    ]) {
      await writeFile(file, bad);
      expect(await wavec(['compile', '4', '--format', 'json'])).toEqual(fresh);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(good));
    }
  });

  it('writes the compile result there, and nothing with --no-cache', async () => {
    const { cache, wavec } = await setup();
    expect((await wavec(['compile', '4', '--no-cache'])).code).toBe(0);
    expect(await readdir(cache)).toEqual([]);
    expect((await wavec(['compile', '4'])).code).toBe(0);
    expect((await readdir(cache)).sort()).toEqual(['compile', 'key']);
  });
});

describe('cacheDirectory', () => {
  it('is $WAVEC_CACHE_DIR, else $XDG_CACHE_HOME/wavec, else ~/.cache/wavec, else none', () => {
    expect(cacheDirectory({ WAVEC_CACHE_DIR: '/c/w', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(path.resolve('/c/w'));
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(path.join(path.resolve('/x'), 'wavec'));
    expect(cacheDirectory({ HOME: '/h' })).toBe(path.join('/h', '.cache', 'wavec'));
    expect(cacheDirectory({})).toBeUndefined();
  });
});
