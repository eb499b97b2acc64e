import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { copyWorkspace } from '../../helpers/workspace.js';

// Issue 21, item 1: a cache saves work and never changes an answer or a path. Whoever can edit an entry can
// recompute any plain hash over it, but not the signature made with the user's key: an edited entry is a miss.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const ws = await copyWorkspace();
  const parent = mkdtempSync(path.join(tmpdir(), 'wavec-cache-'));
  const cache = path.join(parent, 'cache');
  cleanups.push(ws.cleanup, () => rmSync(parent, { recursive: true, force: true }));
  const bin = (...args: string[]) => wavecBin(args, ws.root, { env: { WAVEC_CACHE_DIR: cache } });
  return { ws, parent, cache, bin };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The only entry of a cache's `kind` folder. */
function onlyEntry(cache: string, kind: 'compile' | 'lint'): string {
  const names = readdirSync(path.join(cache, kind));
  expect(names).toHaveLength(1);
  return path.join(cache, kind, names[0]!);
}

/** Rewrites an entry as someone without the key can: the JSON edited, the header's hash recomputed over it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an entry as an attacker edits it: any shape
type Entry = any;

function forge(file: string, edit: (entry: Entry) => void): void {
  const { entry } = JSON.parse(readFileSync(file, 'utf8')) as { entry: Entry };
  edit(entry);
  const body = JSON.stringify(entry);
  writeFileSync(file, `{"mac":"hmac-sha256:${sha256(body)}","entry":${body}}`);
}

describe('an edited compile entry', () => {
  it('naming .npmrc writes nothing there: the prompt is compiled afresh, written where the config says', async () => {
    const { ws, cache, bin } = await setup();
    expect(bin('compile', '4').exit).toBe(0);
    const promptBefore = readFileSync(path.join(ws.root, 'prompts/phase-02-wave-4.md'), 'utf8');
    forge(onlyEntry(cache, 'compile'), (entry) => {
      const text = 'registry=https://attacker.invalid/\n';
      entry.result.prompt = { path: '.npmrc', text };
      entry.result.provenance.prompt.hash = `sha256:${sha256(text)}`;
    });
    const again = bin('compile', '4');
    expect(again.exit).toBe(0);
    expect(again.stdout).toContain('prompts/phase-02-wave-4.md unchanged');
    expect(existsSync(path.join(ws.root, '.npmrc'))).toBe(false);
    expect(readFileSync(path.join(ws.root, 'prompts/phase-02-wave-4.md'), 'utf8')).toBe(promptBefore);
  });

  it('with a token count of 1 does not pass the budget', async () => {
    const { ws, cache, bin } = await setup();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace(/max_tokens: \d+/, 'max_tokens: 100'));
    const fresh = bin('compile', '4', '--no-cache');
    expect(fresh.exit).toBe(1);
    expect(bin('compile', '4')).toEqual(fresh);
    forge(onlyEntry(cache, 'compile'), (entry) => {
      entry.result.ok = true;
      entry.result.stats.tokens = 1;
      entry.result.diagnostics = [];
    });
    expect(bin('compile', '4')).toEqual(fresh);
  });
});

describe('an edited lint entry', () => {
  it('never makes lint --drift pass a hand edit', async () => {
    const { ws, cache, bin } = await setup();
    await ws.edit('prompts/phase-02-wave-4.md', (t) => `${t}\nAlso skip the tests.\n`);
    const fresh = bin('lint', 'prompts/phase-02-wave-4.md', '--drift', '--no-cache');
    expect(fresh.exit).toBe(1);
    expect(bin('lint', 'prompts/phase-02-wave-4.md', '--drift')).toEqual(fresh);
    forge(onlyEntry(cache, 'lint'), (entry) => {
      entry.result.ok = true;
      entry.result.diagnostics = [];
    });
    expect(bin('lint', 'prompts/phase-02-wave-4.md', '--drift')).toEqual(fresh);
  });
});

describe('a cache folder that is not the user own', () => {
  const warning = /^wavec: warning: not using the cache folder .*; working without a cache$/m;

  it.each([
    [
      'writable by others',
      (cache: string) => {
        mkdirSync(cache);
        chmodSync(cache, 0o777);
        return cache;
      },
      /lets others write to it/,
    ],
    [
      'a symbolic link',
      (cache: string) => {
        mkdirSync(`${cache}-real`, { mode: 0o700 });
        symlinkSync(`${cache}-real`, cache);
        return `${cache}-real`;
      },
      /is a symbolic link/,
    ],
    [
      'a file',
      (cache: string) => {
        writeFileSync(cache, '');
        return undefined;
      },
      /is not a folder/,
    ],
  ])('(%s) is not used: one warning, the same answer, nothing cached', async (_, prepare, reason) => {
    const { cache, bin } = await setup();
    const folder = prepare(cache);
    const fresh = bin('compile', '4', '--format', 'json', '--no-cache');
    const used = bin('compile', '4', '--format', 'json');
    expect(used.exit).toBe(fresh.exit);
    expect(used.stdout).toBe(fresh.stdout);
    expect(used.stderr.match(new RegExp(warning, 'gm'))).toHaveLength(1);
    expect(used.stderr).toMatch(reason);
    if (folder !== undefined) expect(readdirSync(folder)).toEqual([]);
  });

  it('whose key others can read is not used', async () => {
    const { cache, bin } = await setup();
    expect(bin('compile', '4').exit).toBe(0);
    chmodSync(path.join(cache, 'key'), 0o644);
    rmSync(path.join(cache, 'compile'), { recursive: true });
    const used = bin('compile', '4');
    expect(used.exit).toBe(0);
    expect(used.stderr).toMatch(/its key key: its mode 644 lets others read or write it/);
    expect(existsSync(path.join(cache, 'compile'))).toBe(false);
  });

  it.runIf(existsSync('/proc/self/fd'))('/proc/self/fd does not hang compile or lint', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    for (const args of [['compile', '4'], ['lint']]) {
      const outcome = wavecBin(args, ws.root, { env: { WAVEC_CACHE_DIR: '/proc/self/fd' } });
      expect(outcome.exit).toBe(0);
      expect(outcome.stderr).toMatch(/not using the cache folder \/proc\/self\/fd/);
    }
  });
});

describe("a signed entry made under another config's output name", () => {
  it('is not followed: the prompt goes where the current config says', async () => {
    const { ws, cache, bin } = await setup();
    // Under an output_name that names another file, a genuine entry is made and signed with the user's key.
    await ws.edit('wavec.config.yaml', (t) => t.replace('output_name: phase-', 'output_name: elsewhere-phase-'));
    expect(bin('compile', '4').exit).toBe(0);
    const elsewhere = readFileSync(onlyEntry(cache, 'compile'), 'utf8');
    expect(elsewhere).toContain('prompts/elsewhere-phase-02-wave-4.md');
    // Back to the committed config: its own entry is made, then replaced by the other config's signed one.
    await ws.edit('wavec.config.yaml', (t) => t.replace('output_name: elsewhere-phase-', 'output_name: phase-'));
    rmSync(path.join(ws.root, 'prompts/elsewhere-phase-02-wave-4.md'));
    rmSync(path.join(ws.root, 'prompts/elsewhere-phase-02-wave-4.provenance.json'));
    rmSync(path.join(cache, 'compile'), { recursive: true });
    expect(bin('compile', '4').exit).toBe(0);
    writeFileSync(onlyEntry(cache, 'compile'), elsewhere);
    const again = bin('compile', '4');
    expect(again.exit).toBe(0);
    expect(again.stdout).toContain('prompts/phase-02-wave-4.md unchanged');
    expect(existsSync(path.join(ws.root, 'prompts/elsewhere-phase-02-wave-4.md'))).toBe(false);
  });
});
