import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileWave } from '../src/compile.js';
import { lintPrompt } from '../src/lint.js';
import { loadWorkspace } from '../src/load/workspace.js';
import { buildPullRequest } from '../src/pr/pull-request.js';
import { line } from './helpers/rules.js';
import { copyWorkspace, fixtureRoot, REPO_ROOT } from './helpers/workspace.js';

/**
 * Fixture `lifecycles`: wave 1 mixes a module that runs (`ledger-api`, its
 * containers named unlike its id) with one the agent adds (`nightly-export`,
 * lifecycle new); wave 2 only adds a module. Their prompts and PR bodies are
 * goldens under test/goldens/lifecycles (WAVEC_UPDATE_GOLDENS=1 rewrites
 * them); the point checks say what each must and must not ask.
 */
const LIFECYCLES = fixtureRoot('lifecycles');
const GOLDENS = path.join(REPO_ROOT, 'test/goldens/lifecycles');

async function golden(name: string, text: string): Promise<void> {
  const file = path.join(GOLDENS, name);
  if (process.env.WAVEC_UPDATE_GOLDENS === '1' || !existsSync(file)) {
    await mkdir(GOLDENS, { recursive: true });
    await writeFile(file, text);
  }
  expect(text).toBe(await readFile(file, 'utf8'));
}

async function compiled(wave: number): Promise<string> {
  const result = await compileWave(LIFECYCLES, { wave });
  expect(result.diagnostics.map(line)).toEqual([]);
  return result.prompt!.text;
}

async function prBody(wave: number): Promise<string> {
  const loaded = await loadWorkspace(LIFECYCLES);
  if (!loaded.ok) throw new Error('fixture lifecycles does not load');
  const result = await buildPullRequest(loaded.workspace, { wave });
  expect(result.diagnostics).toEqual([]);
  return result.pr!.body;
}

/** The section of a prompt under `## heading`, up to the next `## `. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 3);
  return text.slice(start, end === -1 ? undefined : end);
}

describe('a wave mixing a module that runs with one it adds (fixture lifecycles, wave 1)', () => {
  it('compiles and lints clean, byte-identical to its golden, and so does its PR body', async () => {
    await golden('phase-01-wave-1.md', await compiled(1));
    await golden('phase-01-wave-1.pr-body.md', await prBody(1));
    const lint = await lintPrompt(LIFECYCLES, { path: 'prompts/phase-01-wave-1.md' }, { drift: true });
    expect(lint.diagnostics.map(line)).toEqual([]);
  });

  it('lists only the running module in ps, by its compose service, and expects the new one absent', async () => {
    const start = section(await compiled(1), 'Before you start');
    expect(start).toContain('`docker compose --project-directory books ps ledger`');
    expect(start).not.toMatch(/ps[^`]*nightly-export|ps[^`]*export-job/);
    expect(start).toContain('The new module `nightly-export` does not run yet: if `ps --all` lists it, stop');
  });

  it("allows a new module's compose definition and configuration among its PR's files", async () => {
    const text = await compiled(1);
    expect(section(text, 'PR plan')).toContain(
      "No PR changes a file outside its module's manifest and runbook (and, for a new or changed module, " +
        'its compose definition and configuration).',
    );
    expect(section(text, 'PR plan')).toContain('| 2 | nightly-export compose definition, manifest and runbook |');
    expect(section(text, 'Hard constraints')).toContain(
      'beyond the compose definition and configuration of a new or changed module, in its own PR, never applied',
    );
  });

  it('says per module which one is new, and names the declared service and containers', async () => {
    const modules = section(await compiled(1), 'Modules');
    expect(modules).toContain('- Compose service: `ledger`; containers: `books-ledger-1`, `books-ledger-2`.');
    expect(modules).toContain('- Compose service: `export-job`.');
    expect(modules.match(/\*\*New\.\*\*/g)).toHaveLength(1);
    expect(modules).toContain('Say how the operator checks its first run');
  });

  it("asks the running module's containers for state and the new module for what was added and validated", async () => {
    const handBack = section(await compiled(1), 'Hand-back');
    expect(handBack).toContain("the state of each running module's container (`books-ledger-1`, `books-ledger-2`)");
    expect(handBack).toContain('for the new module (`nightly-export`), what its PR adds and how you validated it');
    expect(handBack).not.toContain('`export-job`');
  });

  it('says in the PR body what the wave adds and tests it after merge', async () => {
    const body = await prBody(1);
    expect(body).toContain('This wave adds a module that does not run yet (`nightly-export`)');
    expect(body).toContain('- **nightly-export**: worker, new (does not run yet)');
    expect(body).toContain('nothing deployed; manifests, runbooks and the compose definitions and configuration of');
    expect(body).not.toContain('only manifests and runbooks written');
  });
});

describe('a wave that only adds a module (fixture lifecycles, wave 2)', () => {
  it('compiles and lints clean, byte-identical to its golden, and so does its PR body', async () => {
    await golden('phase-01-wave-2.md', await compiled(2));
    await golden('phase-01-wave-2.pr-body.md', await prBody(2));
    const lint = await lintPrompt(LIFECYCLES, { path: 'prompts/phase-01-wave-2.md' }, { drift: true });
    expect(lint.diagnostics.map(line)).toEqual([]);
  });

  it('has no precondition that must fail and no claim a design cannot keep', async () => {
    const text = await compiled(2);
    const start = section(text, 'Before you start');
    expect(start).not.toContain('List the containers of this wave');
    expect(start).toContain('ps --all` does not list it. If it does, stop');
    const verification = section(text, 'Verification before each PR');
    expect(verification).not.toContain('read from the live system');
    expect(verification).not.toContain('match `docker volume ls` exactly');
    expect(verification).toContain("Every value in the manifest is the one the PR's compose definition");
    expect(section(text, 'Hand-back')).not.toContain("module's container");
  });
});

describe('a module that runs and is changed', () => {
  it('is audited as it runs, and its PR may change its compose definition, never applied', async () => {
    const ws = await copyWorkspace('lifecycles');
    try {
      await ws.edit('waves/phase-01/wave-1.yaml', (text) =>
        text.replace('    exposure: tailnet-only\n', '    exposure: tailnet-only\n    lifecycle: changed\n'),
      );
      const result = await compileWave(ws.root, { wave: 1 });
      expect(result.diagnostics.map(line)).toEqual([]);
      const text = result.prompt!.text;
      expect(section(text, 'Mission')).toContain(
        'and the change to the compose definition or configuration of each module this wave changes (`ledger-api`)',
      );
      expect(section(text, 'Before you start')).toContain('ps ledger`');
      expect(section(text, 'Modules')).toContain('- **Changed.** It runs: audit it as it runs');
      expect(section(text, 'PR plan')).toContain('| 1 | ledger-api change, manifest and runbook |');
      expect(section(text, 'Workflow per module')).toContain("A changed module's PR also makes the change");
      expect(section(text, 'Hand-back')).toContain("the state of each running module's container (`books-ledger-1`");
    } finally {
      await ws.cleanup();
    }
  });
});

describe('a pattern declares the lifecycles it fits', () => {
  it("a module whose lifecycle the pattern does not list is an error at the module's lifecycle key", async () => {
    const ws = await copyWorkspace('lifecycles');
    try {
      await ws.edit('waves/phase-01/wave-2.yaml', (text) =>
        text
          .replace('pattern: stateless-worker', 'pattern: stateful-volume\n    backup_priority: important')
          .replace('kind: worker', 'kind: stateful'),
      );
      const result = await compileWave(ws.root, { wave: 2 });
      expect(result.diagnostics.map(line)).toEqual([
        'waves/phase-01/wave-2.yaml:22:16 pattern-does-not-fit pattern "stateful-volume" does not fit a new ' +
          'module: it fits lifecycles existing, changed; ' +
          'patterns that fit a new module: stateless-api, stateless-worker',
      ]);
      expect(result.diagnostics[0]!.hint).toContain('lifecycles:');
    } finally {
      await ws.cleanup();
    }
  });

  it('a pattern that declares none takes the lifecycles of the pattern it extends', async () => {
    const ws = await copyWorkspace('lifecycles');
    try {
      await ws.write(
        'templates/patterns/volume-with-export.md',
        '---\nid: volume-with-export\nkind: pattern\ntitle: Volume with export\nextends: stateful-volume\n---\nA.\n',
      );
      await ws.edit('waves/phase-01/wave-2.yaml', (text) =>
        text
          .replace('pattern: stateless-worker', 'pattern: volume-with-export\n    backup_priority: important')
          .replace('kind: worker', 'kind: stateful'),
      );
      const result = await compileWave(ws.root, { wave: 2 });
      expect(result.diagnostics.map(line)).toEqual([
        expect.stringMatching(
          new RegExp(
            '^waves/phase-01/wave-2\\.yaml:22:16 pattern-does-not-fit pattern "volume-with-export" does not fit ' +
              'a new module: it fits lifecycles existing, changed;',
          ),
        ),
      ]);
    } finally {
      await ws.cleanup();
    }
  });

  it('the default lifecycle is located at the pattern key, which is then what the user edits', async () => {
    const ws = await copyWorkspace('lifecycles');
    try {
      await ws.write(
        'templates/patterns/design-only.md',
        '---\nid: design-only\nkind: pattern\ntitle: Design only\nkinds: [service]\nlifecycles: [new]\n' +
          '---\nA design.\n',
      );
      await ws.edit('waves/phase-01/wave-1.yaml', (text) =>
        text.replace('pattern: stateless-api', 'pattern: design-only'),
      );
      const result = await compileWave(ws.root, { wave: 1 });
      expect(result.diagnostics.map(line)).toEqual([
        'waves/phase-01/wave-1.yaml:22:14 pattern-does-not-fit pattern "design-only" does not fit an existing ' +
          'module: it fits lifecycles new; patterns that fit an existing module: stateful-postgres, ' +
          'stateful-postgres-pgvector, stateful-redis, stateful-volume, stateless-api, stateless-worker',
      ]);
    } finally {
      await ws.cleanup();
    }
  });
});
