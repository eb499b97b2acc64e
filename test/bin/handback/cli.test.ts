import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/run.js';
import { captureIo, EXAMPLE, REPO_ROOT } from '../../helpers/workspace.js';

const BIN = path.join(REPO_ROOT, 'bin/wavec.js');

/** The shipped bin, as the operator runs it; resolves with the exit code instead of throwing. */
function wavec(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args, '--root', EXAMPLE],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? '');
  });
}

describe('wavec handback through bin/wavec.js', () => {
  it('exits 0 on a reply that meets the contract', async () => {
    const result = await wavec(['handback', '4', 'test/handback/replies/wave-4-good.md']);
    expect(result).toEqual({
      code: 0,
      stdout: 'test/handback/replies/wave-4-good.md: meets the hand-back contract of wave 4 (phase 2)\n',
      stderr: '',
    });
  });

  it('reads the reply from standard input with -', async () => {
    const reply = await readFile(path.join(REPO_ROOT, 'test/handback/replies/wave-4-missing-url.md'), 'utf8');
    const result = await wavec(['handback', '4', '-'], reply);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '<stdin>:3:4 error handback-pr-missing no PR URL for PR 5 (open-loops-honcho), and it is not reported ' +
          'blocked: the plan has 5 PRs, the reply gives 4 URLs',
        '  3 | ## PR URLs',
        '    |    ^',
        '  hint: a PR that could not be opened is written in its place with the word "blocked" and the reason ' +
          '("3. api: blocked, the registry refused the push")',
        '<stdin>: does not meet the hand-back contract of wave 4 (phase 2): 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('prints workflow annotations with --format github and data with --format json', async () => {
    const github = await wavec([
      'handback',
      '4',
      'test/handback/replies/wave-4-module-missing.md',
      '--format',
      'github',
    ]);
    expect(github).toEqual({
      code: 1,
      stdout:
        '::error file=test/handback/replies/wave-4-module-missing.md,line=11,col=4,' +
        'title=handback-module-missing::no part for module honcho-redis: what the audit found, ' +
        "what the manifest declares, what is UNVERIFIED%0Ahint: a module's part starts with `honcho-redis`: as a " +
        'heading, a list item, a bold lead-in, a table row or a paragraph, inside the per-module part\n',
      stderr: '',
    });
    const json = await wavec(['handback', '4', 'test/handback/replies/wave-4-good.md', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({
      path: 'test/handback/replies/wave-4-good.md',
      ok: true,
      diagnostics: [],
      errors: 0,
    });
    expect(parsed.contract.prs.map((pr: { id: string }) => pr.id)).toEqual([
      'honcho-postgres',
      'honcho-redis',
      'honcho-api',
      'honcho-deriver',
      'open-loops-honcho',
    ]);
  });

  it('exits 2 on usage and input errors', async () => {
    expect(await wavec(['handback', '4', 'reply.md', '--format', 'sarif'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'wavec handback: --format must be one of human, json, github, got "sarif"\n' +
        'Usage: wavec handback <wave> [file|-] [--phase <n>] [--record] [--format human|json|github]\n',
    });
    expect(await wavec(['handback', '4', 'no-such-reply.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no-such-reply.md:1:1 error file-not-found file not found: no-such-reply.md\n1 error, 0 warnings\n',
    });
    const missingWave = await wavec(['handback', '9', 'test/handback/replies/wave-4-good.md']);
    expect(missingWave.code).toBe(2);
    expect(missingWave.stderr).toContain('error spec-not-found no spec for wave 9');
  });

  it('asks for a file when there is no standard input to read (a terminal)', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['handback', '4'], io)).toBe(2);
    expect(io.err()).toBe(
      'wavec handback: no standard input to read the reply from: name the reply file\n' +
        'Usage: wavec handback <wave> [file|-] [--phase <n>] [--record] [--format human|json|github]\n',
    );
  });
});
