import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { markdownParserLoaded } from '../../src/syntax/markdown.js';
import { tokenizerLoaded } from '../../src/analyse/tokens.js';
import { run } from '../../src/cli/run.js';
import { captureIo, copyWorkspace, REPO_ROOT } from '../helpers/workspace.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

// One process, in order: nothing here may load a vocabulary or remark.
it('a compile answered from the cache counts no token and parses no Markdown', async () => {
  const ws = await copyWorkspace();
  const cache = await mkdtemp(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rm(cache, { recursive: true, force: true }));
  // Another process fills the cache; this one, which has loaded nothing yet, reads it.
  await promisify(execFile)(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/wavec.js'), 'compile', '4', '--root', ws.root],
    { env: { ...process.env, WAVEC_CACHE_DIR: cache } },
  );
  const io = captureIo(ws.root, { WAVEC_CACHE_DIR: cache });
  expect(await run(['compile', '4', '--root', ws.root], io)).toBe(0);
  expect(io.out()).toContain('prompts/phase-02-wave-4.md unchanged\n  lines     ');
  expect(tokenizerLoaded()).toBe(false);
  expect(markdownParserLoaded()).toBe(false);
});

it('a lint answered from the cache counts no token and parses no Markdown', async () => {
  const ws = await copyWorkspace();
  const cache = await mkdtemp(path.join(tmpdir(), 'wavec-cache-'));
  cleanups.push(ws.cleanup, () => rm(cache, { recursive: true, force: true }));
  await ws.write('draft.md', '# Draft\n\n## Mission\n\nA hand-written prompt.\n');
  await promisify(execFile)(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/wavec.js'), 'lint', 'prompts', 'draft.md', '--drift', '--root', ws.root],
    { cwd: ws.root, env: { ...process.env, WAVEC_CACHE_DIR: cache } },
  ).catch(() => undefined);
  const io = captureIo(ws.root, { WAVEC_CACHE_DIR: cache });
  await run(['lint', 'prompts', 'draft.md', '--drift', '--root', ws.root], io);
  expect(io.out()).toContain('4 prompts linted');
  expect(tokenizerLoaded()).toBe(false);
  expect(markdownParserLoaded()).toBe(false);
});
