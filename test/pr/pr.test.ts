import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { wrapCommitMessage } from '../../src/pr/wrap.js';
import { EXAMPLE, captureIo, REPO_ROOT, snapshot, useScratchWorkspaces } from '../helpers/workspace.js';
import { isTemporaryName } from '../../src/util/atomic-write.js';

const golden = (wave: number) => readFile(path.join(REPO_ROOT, `test/pr/golden/phase-02-wave-${wave}.pr.md`), 'utf8');
const scratch = useScratchWorkspaces();

async function wavec(root: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(root);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

// Regenerate after a change to the prompts or the pr layouts:
// for w in 2 3 4; do node bin/wavec.js pr $w > test/pr/golden/phase-02-wave-$w.pr.md; done
describe.each([2, 3, 4])('wavec pr %i', (wave) => {
  it('prints the golden pull request, every box ticked', async () => {
    expect(await wavec(EXAMPLE, ['pr', String(wave)])).toEqual({ code: 0, out: await golden(wave), err: '' });
  });

  it('gives the same title, body and commit message as JSON', async () => {
    const result = await wavec(EXAMPLE, ['pr', String(wave), '--format', 'json']);
    expect(result.code).toBe(0);
    const pr = JSON.parse(result.out) as { title: string; body: string; commit_message: string; labels: string[] };
    expect(Object.keys(pr)).toEqual(['title', 'body', 'commit_message', 'labels']);
    const text = await golden(wave);
    expect(
      text.startsWith(`# ${pr.title}\n\n${pr.body}\n## Commit message\n\n\`\`\`text\n${pr.commit_message}\n\`\`\`\n`),
    ).toBe(true);
    expect(pr.commit_message.split('\n')[0]).toBe(pr.title);
    expect(
      pr.commit_message
        .split('\n')
        .slice(1)
        .filter((line) => line.length > 72),
    ).toEqual([]);
    expect(pr.labels).toEqual([]);
  });
});

describe('wavec pr and wavec report agree', () => {
  it.each([2, 3, 4])('wave %i: the Verification section is the report, box for box', async (wave) => {
    const report = await wavec(EXAMPLE, ['report', String(wave)]);
    const boxes = report.out.split('\n').filter((line) => line.startsWith('- '));
    const body = (await wavec(EXAMPLE, ['pr', String(wave)])).out;
    const verification = body.slice(body.indexOf('## Verification'), body.indexOf('## Test plan'));
    const prBoxes = verification.split('\n').filter((line) => line.startsWith('- '));
    expect(prBoxes).toEqual(boxes);
  });
});

describe('wavec pr --write', () => {
  it('writes the pull request next to the prompt, atomically, and lint leaves it alone', async () => {
    const ws = await scratch();
    expect(await wavec(ws.root, ['pr', '4', '--write'])).toEqual({
      code: 0,
      out: 'prompts/phase-02-wave-4.pr.md written\n',
      err: '',
    });
    expect(await ws.read('prompts/phase-02-wave-4.pr.md')).toBe(await golden(4));
    expect(await wavec(ws.root, ['pr', '4', '--write'])).toEqual({
      code: 0,
      out: 'prompts/phase-02-wave-4.pr.md unchanged\n',
      err: '',
    });
    expect(
      Object.keys(await snapshot(path.join(ws.root, 'prompts'))).filter((f) => isTemporaryName(path.basename(f))),
    ).toEqual([]);
    expect((await wavec(ws.root, ['lint', '--drift'])).out).toMatch(/^\d+ prompts linted: 0 errors, 0 warnings\n$/);
  });

  it('shows an unticked box with its measured problem, exits 1, and writes nothing', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('max_tokens: 4500', 'max_tokens: 1000'));
    const printed = await wavec(ws.root, ['pr', '4']);
    expect(printed.code).toBe(1);
    expect(printed.out).toMatch(
      new RegExp(
        /^- \[ \] Length: \d+ lines, \d+ tokens \(o200k_base\) — budget 320 lines \/ /.source +
          /1000 tokens\n {2}- \d+ tokens over the budget\n/.source,
        'm',
      ),
    );
    const before = await snapshot(ws.root);
    const written = await wavec(ws.root, ['pr', '4', '--write']);
    expect(written.code).toBe(1);
    expect(written.err).toMatch(
      /^prompts\/phase-02-wave-4\.pr\.md not written: 1 Verification box is not ticked\n {2}- \[ \] Length: /,
    );
    expect(await snapshot(ws.root)).toEqual(before);
  });

  it('takes the title pattern, labels and extra test-plan items from the spec', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace(
        'budget:\n',
        'pr:\n  title: "prompts: phase {phase} wave {wave:02}, {title}"\n  labels: [prompts, honcho]\n' +
          '  test_plan:\n    - Each Codex PR fires the 3+3 review automatically.\n\nbudget:\n',
      ),
    );
    const result = await wavec(ws.root, ['pr', '4', '--format', 'json']);
    expect(result.code).toBe(0);
    const pr = JSON.parse(result.out);
    expect(pr.title).toBe('prompts: phase 2 wave 04, Honcho subsystem');
    expect(pr.labels).toEqual(['prompts', 'honcho']);
    expect(pr.body).toContain('- [ ] Each Codex PR fires the 3+3 review automatically.\n');
    expect((await wavec(ws.root, ['pr', '4'])).out).toMatch(
      /^# prompts: phase 2 wave 04, Honcho subsystem\n\nLabels: prompts, honcho\n\n## Summary\n/,
    );
  });
});

describe('wavec pr and wavec handback in a workspace wavec init laid out', () => {
  it("print the first wave's pull request and check a reply against its one-PR contract", async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(path.join(tmpdir(), 'wavec-init-pr-'));
    try {
      expect((await wavec(root, ['init'])).code).toBe(0);
      expect((await wavec(root, ['pr', '1', '--write'])).err).toBe(
        'prompts/phase-01-wave-1.md:1:1 error pr-prompt-missing prompts/phase-01-wave-1.md does not exist yet: ' +
          'the pull request adds a compiled prompt\n  hint: run wavec compile 1 first\n1 error, 0 warnings\n',
      );
      expect((await wavec(root, ['compile', '1'])).code).toBe(0);
      const printed = await wavec(root, ['pr', '1']);
      expect(printed.code).toBe(0);
      expect(printed.out).toContain(
        'Master prompt for Codex to execute phase 01 wave 1: First manifest (1 module + 0 cross-module tasks = ' +
          '1 PR total)',
      );
      expect(printed.out).toContain('- Does not apply: Pivot rationale: the spec records no pivot.\n');
      const prompt = await readFile(path.join(root, 'prompts/phase-01-wave-1.md'), 'utf8');
      expect(prompt.match(/The PR URL/g)).toHaveLength(1);
      await writeFile(
        path.join(root, 'reply.md'),
        '1. PR: https://github.com/o/p/pull/7\n2. Per module:\n   - web: audit found one container (verified); manifest declares no data_stores (verified); UNVERIFIED: none\n3. Health (`docker compose ps`): apps-web-1 running\n4. Noticed, not done: none\n',
      );
      expect(await wavec(root, ['handback', '1', 'reply.md'])).toEqual({
        code: 0,
        out: 'reply.md: meets the hand-back contract of wave 1 (phase 1)\n',
        err: '',
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('wavec pr refuses bad input (exit 2, nothing written)', () => {
  it('an unknown title placeholder, located in the spec', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('budget:\n', 'pr:\n  title: "{wave} {module}"\n\nbudget:\n'),
    );
    const result = await wavec(ws.root, ['pr', '4', '--write']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      new RegExp(
        /^waves\/phase-02\/wave-4\.yaml:\d+:10 error spec-invalid pr\.title: a title /.source +
          /placeholder is one of \{phase\}, \{wave\}, \{title\}, \{subsystem\}, \{agent\} \(with /.source +
          /\{phase:02\}-style padding\)$/.source,
        'm',
      ),
    );
  });

  it("a workspace without its own pr-body layout gets wavec's: the base layer under the user's", async () => {
    const ws = await scratch();
    const { rm } = await import('node:fs/promises');
    const before = await wavec(ws.root, ['pr', '4']);
    await rm(path.join(ws.root, 'templates/layouts/pr-body.md'));
    const result = await wavec(ws.root, ['pr', '4']);
    expect(result).toEqual({ ...before, code: 0 });
  });

  it('usage errors', async () => {
    expect(await wavec(EXAMPLE, ['pr', '4', '--format', 'yaml'])).toEqual({
      code: 2,
      out: '',
      err:
        'wavec pr: --format must be markdown or json, got "yaml"\n' +
        'Usage: wavec pr <wave> [--phase <n>] [--write] [--force] [--format markdown|json]\n',
    });
    expect((await wavec(EXAMPLE, ['pr', '4', '--write', '--format', 'json'])).err).toBe(
      'wavec pr: --write and --format json cannot be used together\n' +
        'Usage: wavec pr <wave> [--phase <n>] [--write] [--force] [--format markdown|json]\n',
    );
  });
});

describe('wrapCommitMessage', () => {
  it('wraps paragraphs and hangs list items at 72 columns, leaving code lines alone', () => {
    const long = 'word '.repeat(20).trim();
    expect(wrapCommitMessage(`${long}\n- ${long}\n  - ${long}\n    ${long}`).split('\n')).toEqual([
      'word word word word word word word word word word word word word word',
      'word word word word word word',
      '- word word word word word word word word word word word word word word',
      '  word word word word word word',
      '  - word word word word word word word word word word word word word',
      '    word word word word word word word',
      `    ${long}`,
    ]);
  });
});
