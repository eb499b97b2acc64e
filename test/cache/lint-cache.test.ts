import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, copyWorkspace } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup() {
  const ws = await copyWorkspace();
  const cache = await mkdtemp(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rm(cache, { recursive: true, force: true }));
  await ws.write(
    'draft.md',
    '# Draft\n\n## Mission\n\nA hand-written prompt that says <|endoftext|>. TODO: finish it.\n',
  );
  const lint = async (...argv: string[]) => {
    const io = captureIo(ws.root, { WAVEC_CACHE_DIR: cache });
    const code = await run(['lint', ...argv, '--root', ws.root], io);
    return { code, out: io.out(), err: io.err() };
  };
  const entries = () => readdir(path.join(cache, 'lint')).catch(() => [] as string[]);
  return { ws, cache, lint, entries };
}

describe('the lint cache', () => {
  it.each([
    ['compiled prompts with --drift, human', ['prompts', '--drift']],
    ['compiled prompts, JSON', ['prompts', '--format', 'json']],
    ['a hand-written prompt, SARIF, --strict', ['draft.md', '--format', 'sarif', '--strict']],
  ])('gives %s byte for byte as a fresh lint does', async (_, argv) => {
    const { lint, entries } = await setup();
    const fresh = await lint(...argv, '--no-cache');
    expect(await entries()).toEqual([]);
    const stored = await lint(...argv);
    expect((await entries()).length).toBeGreaterThan(0);
    expect(stored).toEqual(fresh);
    expect(await lint(...argv)).toEqual(fresh);
  });

  it.each([
    [
      'the prompt',
      'prompts/phase-02-wave-4.md',
      (t: string) => t.replace('## Mission', '## Mission\n\nAn edit by hand.'),
    ],
    [
      'its sidecar',
      'prompts/phase-02-wave-4.provenance.json',
      (t: string) => t.replace(/"hash": "sha256:[0-9a-f]{6}/, '"hash": "sha256:000000'),
    ],
    [
      'a fragment',
      'templates/sections/mission.md',
      (t: string) => t.replace('You are {{agent.name}}', 'You are CODEX'),
    ],
    [
      'another spec of the phase',
      'waves/phase-02/wave-2.yaml',
      (t: string) => t.replace(/^title: .*$/m, 'title: Renamed wave 2'),
    ],
    [
      'the config',
      'wavec.config.yaml',
      (t: string) => `${t}required_sections:\n  headings: ['# *', '## Preface', '*']\n`,
    ],
  ])('is not used once %s changed', async (_, file, change) => {
    const { ws, lint } = await setup();
    const before = await lint('prompts', '--drift', '--format', 'json');
    expect(await lint('prompts', '--drift', '--format', 'json')).toEqual(before);
    await ws.edit(file, change);
    const after = await lint('prompts', '--drift', '--format', 'json');
    expect(after).not.toEqual(before);
    expect(after).toEqual(await lint('prompts', '--drift', '--format', 'json', '--no-cache'));
  });

  it('keeps results apart by options: --strict and --drift are part of the key', async () => {
    const { lint } = await setup();
    const plain = await lint('draft.md');
    const strict = await lint('draft.md', '--strict');
    expect(strict).not.toEqual(plain);
    expect(await lint('draft.md')).toEqual(plain);
    expect(await lint('draft.md', '--strict')).toEqual(strict);
  });

  it("stores the workspace's inputs once, not in every prompt's entry (each entry lists no spec)", async () => {
    const { ws, cache, lint, entries } = await setup();
    const fresh = await lint('prompts', '--drift');
    const names = await entries();
    const snapshots = names.filter((n) => n.startsWith('inputs-'));
    expect(snapshots).toHaveLength(1);
    const prompts = (await readdir(path.join(ws.root, 'prompts'))).filter((n) => n.endsWith('.md'));
    expect(names.length - snapshots.length).toBe(prompts.length);
    for (const name of names.filter((n) => !n.startsWith('inputs-'))) {
      const text = await readFile(path.join(cache, 'lint', name), 'utf8');
      expect(text).not.toContain('waves/phase-');
    }
    expect(await readFile(path.join(cache, 'lint', snapshots[0]!), 'utf8')).toContain('waves/phase-02/wave-2.yaml');
    expect(await lint('prompts', '--drift')).toEqual(fresh);
  });

  it('proves no entry without its stored snapshot of inputs: the prompts are linted again', async () => {
    const { cache, lint, entries } = await setup();
    const before = await lint('prompts', '--drift', '--format', 'json');
    const [snapshot] = (await entries()).filter((n) => n.startsWith('inputs-'));
    await rm(path.join(cache, 'lint', snapshot!));
    // A hit writes nothing; only a fresh lint stores the snapshot again.
    expect(await lint('prompts', '--drift', '--format', 'json')).toEqual(before);
    expect((await entries()).filter((n) => n.startsWith('inputs-'))).toEqual([snapshot]);
  });
});
