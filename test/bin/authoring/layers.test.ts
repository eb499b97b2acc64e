import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useInstalledCopies } from '../../helpers/package-copy.js';

const installedCopy = useInstalledCopies();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const PROMPT = 'prompts/phase-01-wave-1.md';
const SIDECAR = 'prompts/phase-01-wave-1.provenance.json';
const OVERRIDE = 'templates/constraints/no-secrets.md';

interface Installed {
  root: string;
  /** Runs the package copy's bin in the workspace, with a cache of its own (the caches are part of what is tested). */
  wavec: (...args: string[]) => { exit: number | null; stdout: string; stderr: string };
  read: (file: string) => Promise<string>;
  write: (file: string, text: string) => Promise<void>;
  /** The package copy's own fragment library: what an upgrade of wavec changes. */
  baseFile: (file: string) => string;
}

/** A fresh package copy and a workspace `wavec init` laid out with it: what a new user has after `npx wavec init`. */
async function installed(): Promise<Installed> {
  const pkg = await installedCopy();
  const scratch = await mkdtemp(path.join(tmpdir(), 'wavec-layers-'));
  made.push(scratch);
  const root = path.join(scratch, 'ws');
  const cache = path.join(scratch, 'cache');
  const wavec = (...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(pkg, 'bin/wavec.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', WAVEC_CACHE_DIR: cache },
    });
    return { exit: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const init = spawnSync(process.execPath, [path.join(pkg, 'bin/wavec.js'), 'init', 'ws'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  expect(init.status, init.stderr).toBe(0);
  return {
    root,
    wavec,
    read: (file) => readFile(path.join(root, file), 'utf8'),
    write: (file, text) => writeFile(path.join(root, file), text),
    baseFile: (file) => path.join(pkg, 'templates', file),
  };
}

interface RecordedFragment {
  id: string;
  path: string;
  layer: string;
}
const fragmentsOf = async (ws: Installed) =>
  (JSON.parse(await ws.read(SIDECAR)) as { fragments: RecordedFragment[] }).fragments;

// Each test starts the bin a dozen times in a package copy: on a loaded machine that is more than the usual 30 s.
describe("the layered library, through an installed package's bin", { timeout: 180_000 }, () => {
  it("after init the user's templates/ holds no shipped fragment; the prompt is made of the base's", async () => {
    const ws = await installed();
    await expect(ws.read('templates/constraints/no-secrets.md')).rejects.toThrow(/ENOENT/);
    expect(ws.wavec('compile', '1').exit).toBe(0);
    const fragments = await fragmentsOf(ws);
    expect(fragments.length).toBeGreaterThan(5);
    for (const f of fragments)
      expect(f).toMatchObject({ layer: 'base', path: expect.stringMatching(/^wavec\/templates\//) });
    const explained = ws.wavec('explain', '1');
    expect(explained.stdout).toContain("Every fragment is wavec's own (the base layer).\n");
    expect(ws.wavec('explain', '--overrides').stdout).toMatch(
      /^No overrides: every fragment wavec ships is used as it ships it\.\n\d+ of wavec's fragments used as shipped/,
    );
  });

  it('an ejected override wins, is named by explain, and removing it falls back to the base', async () => {
    const ws = await installed();
    expect(ws.wavec('compile', '1').exit).toBe(0);
    const original = await ws.read(PROMPT);

    const eject = ws.wavec('eject', 'no-secrets');
    expect(eject).toMatchObject({ exit: 0, stdout: `${OVERRIDE} written: it now overrides wavec's own\n` });
    const copy = await ws.read(OVERRIDE);
    expect(copy).toContain(`overrides:\n  wavec: 0.1.0\n  digest: sha256:`);
    await ws.write(OVERRIDE, copy.replace('**DO NOT copy secret values**', '**Never copy a secret value**'));

    expect(ws.wavec('compile', '1').exit).toBe(0);
    const overridden = await ws.read(PROMPT);
    expect(overridden).toContain('**Never copy a secret value**');
    expect(overridden).not.toContain('**DO NOT copy secret values**');
    expect((await fragmentsOf(ws)).find((f) => f.id === 'no-secrets')).toMatchObject({ layer: 'user', path: OVERRIDE });
    expect(ws.wavec('explain', '1').stdout).toContain(
      "From your templates folder: no-secrets; the rest are wavec's own (the base layer).\n",
    );
    expect(ws.wavec('explain', '--overrides').stdout).toContain(
      "1 override of wavec's fragments:\n" +
        `  no-secrets  ${OVERRIDE}: base unchanged since your copy (wavec 0.1.0)\n`,
    );

    // A second eject of the same id refuses, and names the copy.
    const again = ws.wavec('eject', 'no-secrets');
    expect(again.exit).toBe(2);
    expect(again.stderr).toContain(
      `${OVERRIDE}:2:1 error eject-exists fragment "no-secrets" is already in your templates folder (${OVERRIDE})`,
    );

    // Without the copy, the base is back, and the cache serves nothing from the layer that is gone.
    await rm(path.join(ws.root, OVERRIDE));
    expect(ws.wavec('compile', '1').exit).toBe(0);
    expect(await ws.read(PROMPT)).toBe(original);
    expect((await fragmentsOf(ws)).find((f) => f.id === 'no-secrets')).toMatchObject({ layer: 'base' });
  });

  it('an unknown id is a located error with a did-you-mean, and nothing is written', async () => {
    const ws = await installed();
    const result = ws.wavec('eject', 'no-secrets', 'no-merg');
    expect(result.exit).toBe(2);
    expect(result.stderr).toContain(
      'templates/:1:1 error eject-unknown wavec\'s library has no fragment "no-merg"; did you mean "no-merge"?',
    );
    expect(result.stderr).toContain('wavec eject: nothing written\n');
    await expect(ws.read(OVERRIDE)).rejects.toThrow(/ENOENT/);
  });

  it('an upgraded base fragment: lint --drift names the prompt and why, explain --overrides the copy', async () => {
    const ws = await installed();
    expect(ws.wavec('eject', 'one-pr-per-module').exit).toBe(0);
    expect(ws.wavec('compile', '1').exit).toBe(0);
    expect(ws.wavec('lint', '--drift').exit).toBe(0);

    // The upgrade: the package's own no-secrets and one-pr-per-module change under the workspace.
    for (const file of ['constraints/no-secrets.md', 'constraints/one-pr-per-module.md']) {
      const text = await readFile(ws.baseFile(file), 'utf8');
      await writeFile(ws.baseFile(file), `${text.trimEnd()} Upgraded.\n`);
    }

    const drift = ws.wavec('lint', '--drift');
    expect(drift.exit).toBe(1);
    expect(drift.stdout + drift.stderr).toContain(
      `${PROMPT} is stale: inputs changed since it was generated ` +
        "(base fragment wavec/templates/constraints/no-secrets.md changed (wavec's own library))",
    );
    // The override holds the prompt's text for its id: only the base fragment in use is drift.
    expect(drift.stdout + drift.stderr).not.toContain('one-pr-per-module.md changed');
    expect(ws.wavec('explain', '--overrides').stdout).toContain(
      '  one-pr-per-module  templates/constraints/one-pr-per-module.md: base changed since your copy (wavec 0.1.0): ' +
        'compare your file with wavec/templates/constraints/one-pr-per-module.md',
    );

    // A compile after the upgrade (the cache keyed on the base layer too) carries the new base text.
    expect(ws.wavec('compile', '1').exit).toBe(0);
    expect(await ws.read(PROMPT)).toContain('Upgraded.');
    expect(ws.wavec('lint', '--drift').exit).toBe(0);
  });
});
