import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { formatExplanation } from '../../src/explain/explain-text.js';
import { compileWave } from '../../src/compile.js';
import { explainBudget, type BudgetExplanation } from '../../src/explain/explain.js';
import { captureIo, copyWorkspace, EXAMPLE } from '../helpers/workspace.js';

const exec = promisify(execFile);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const git = (cwd: string, ...args: string[]) =>
  exec(
    'git',
    ['-c', 'user.name=wavec test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd },
  );

/** A git repository holding a copy of the example workspace, in `sub` when given, with one commit. */
async function repository(sub = '') {
  const repo = await mkdtemp(path.join(tmpdir(), 'wavec-git-'));
  cleanups.push(() => rm(repo, { recursive: true, force: true }));
  const root = path.join(repo, sub);
  for (const entry of ['wavec.config.yaml', 'charter', 'templates', 'waves'])
    await cp(path.join(EXAMPLE, entry), path.join(root, entry), { recursive: true });
  await git(repo, 'init', '-q');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '-q', '-m', 'base');
  return root;
}

describe('explainBudget', () => {
  it('splits the prompt into the heading block and its sections, and reports every fragment', async () => {
    const [explanation, compiled] = await Promise.all([
      explainBudget(EXAMPLE, { wave: 4 }),
      compileWave(EXAMPLE, { wave: 4 }),
    ]);
    expect(explanation).toMatchObject({
      compiled: true,
      wave: 4,
      phase: 2,
      path: 'prompts/phase-02-wave-4.md',
      budget: { max_tokens: 4500, max_lines: 320, reserve_tokens: 0 },
      base: null,
    });
    expect(explanation.totals).toEqual({
      lines: compiled.stats!.lines,
      tokens: compiled.stats!.tokens,
      encoding: 'o200k_base',
    });
    expect(explanation.sections[0]).toMatchObject({
      title: 'Phase 02 · Wave 4: Honcho subsystem (master prompt for Codex)',
      line: 1,
    });
    expect(explanation.sections.slice(1).map((s) => s.title)).toEqual(
      compiled.sections.filter((s) => s.depth === 2).map((s) => s.title),
    );
    expect(explanation.sections.reduce((sum, s) => sum + s.lines, 0)).toBe(explanation.totals!.lines);
    explanation.sections.forEach((s, i) => i > 0 && expect(s.line).toBe(explanation.sections[i - 1]!.endLine + 1));
    // The fixture's templates folder holds a copy of every fragment it uses: each replaces wavec's own.
    expect(explanation.fragments).toEqual(compiled.stats!.fragments.map((f) => ({ ...f, layer: 'user', delta: null })));
  });

  it('returns the diagnostics, and no numbers, when the wave cannot be compiled', async () => {
    const explanation = await explainBudget(EXAMPLE, { wave: 9 });
    expect(explanation).toMatchObject({ compiled: false, path: null, totals: null, sections: [], fragments: [] });
    expect(explanation.diagnostics.map((d) => d.code)).toEqual(['spec-not-found']);
  });

  it('compares each fragment with a git revision: grown, unchanged, new and removed', async () => {
    const root = await repository('platform');
    const edit = async (file: string, change: (t: string) => string) =>
      writeFile(path.join(root, file), change(await readFile(path.join(root, file), 'utf8')));
    await edit(
      'templates/sections/mission.md',
      (t) => `${t}\nRead the whole prompt before you start; then read it again, slowly, with the charter open.\n`,
    );
    await edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('    pattern: stateless-worker\n    kind: worker\n', '    pattern: stateless-api\n    kind: service\n'),
    );
    const explanation = await explainBudget(root, { wave: 4, base: 'HEAD' });
    expect(explanation.base).toMatchObject({
      revision: 'HEAD',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      diagnostics: [],
    });
    const byId = new Map(explanation.fragments.map((f) => [f.id, f.delta]));
    expect(byId.get('mission')).toMatchObject({ status: 'changed', lines: 2 });
    expect(byId.get('mission')!.tokens).toBeGreaterThan(10);
    expect(byId.get('why')).toEqual({ status: 'same', tokens: 0, lines: 0 });
    expect(explanation.base!.removed.map((f) => f.id)).toEqual(['stateless-worker']);
    const grown =
      explanation.fragments.reduce((sum, f) => sum + f.delta!.tokens, 0) -
      explanation.base!.removed.reduce((sum, f) => sum + f.tokens, 0);
    // per-fragment counts add up to about the total
    expect(Math.abs(explanation.totals!.tokens - explanation.base!.totals!.tokens - grown)).toBeLessThan(10);
  });

  it(
    'marks every fragment new when the wave did not exist at the base, ' + 'and says why the base has no numbers',
    async () => {
      const root = await repository();
      const io = captureIo(root);
      expect(await run(['new', '5'], io)).toBe(0);
      const explanation = await explainBudget(root, { wave: 5, base: 'HEAD' });
      expect(explanation.base!.totals).toBeNull();
      expect(explanation.base!.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
        'explain-base wave 5 is not at HEAD: it has no spec there (new since HEAD?), so there is nothing to ' +
          'compare with',
      ]);
      expect(explanation.fragments.every((f) => f.delta === null)).toBe(true);
      const cli = captureIo(root);
      expect(await run(['explain', '5', '--base', 'HEAD'], cli)).toBe(2);
      // The error alone: no chart without the comparison that was asked for.
      expect(cli.out()).toBe('');
      expect(cli.err()).toContain(
        '.:1:1 error explain-base wave 5 is not at HEAD: it has no spec there (new since HEAD?), so there is ' +
          'nothing to compare with\n',
      );
    },
  );

  it.each([
    ['no-such-branch', 'unknown git revision "no-such-branch"'],
    ['--output=/tmp/x', '"--output=/tmp/x" is not a git revision'],
  ])('reports an unreadable base %s as a diagnostic', async (base, message) => {
    const root = await repository();
    const explanation = await explainBudget(root, { wave: 4, base });
    expect(explanation.compiled).toBe(true);
    expect(explanation.base).toEqual({
      revision: base,
      commit: null,
      totals: null,
      removed: [],
      diagnostics: [{ code: 'explain-base', severity: 'error', message, file: '.', line: 1, column: 1 }],
    });
  });

  it('says so when the workspace is not in a git repository', async () => {
    const ws = await copyWorkspace();
    cleanups.push(ws.cleanup);
    const explanation = await explainBudget(ws.root, { wave: 4, base: 'HEAD' });
    expect(explanation.base!.diagnostics[0]!.message).toMatch(/ is not inside a git repository \(/);
  });
});

const SAMPLE: BudgetExplanation = {
  compiled: true,
  wave: 5,
  phase: 2,
  path: 'prompts/phase-02-wave-5.md',
  budget: { max_tokens: 1000, max_lines: 100, reserve_tokens: 100 },
  totals: { lines: 60, tokens: 950, encoding: 'o200k_base' },
  sections: [
    { title: 'Phase 02 · Wave 5: Example', line: 1, endLine: 2, lines: 2, tokens: 10 },
    { title: 'Mission', line: 3, endLine: 20, lines: 18, tokens: 300 },
    { title: 'Modules', line: 21, endLine: 60, lines: 40, tokens: 640 },
  ],
  fragments: [
    {
      id: 'modules',
      file: 'templates/sections/modules.md',
      lines: 40,
      tokens: 640,
      layer: 'user',
      delta: { status: 'changed', tokens: 200, lines: 10 },
    },
    {
      id: 'mission',
      file: 'templates/sections/mission.md',
      lines: 18,
      tokens: 300,
      layer: 'base',
      delta: { status: 'same', tokens: 0, lines: 0 },
    },
    {
      id: 'master-prompt',
      file: 'templates/layouts/master-prompt.md',
      lines: 2,
      tokens: 10,
      layer: 'base',
      delta: { status: 'new', tokens: 10, lines: 2 },
    },
  ],
  base: {
    revision: 'main',
    commit: '0123456789abcdef0123456789abcdef01234567',
    totals: { lines: 50, tokens: 760, encoding: 'o200k_base' },
    removed: [{ id: 'old', file: 'templates/x.md', lines: 1, tokens: 20 }],
    diagnostics: [],
  },
  diagnostics: [],
};

describe('formatExplanation', () => {
  it('prints the totals, then the section and fragment charts with the budget line (golden)', () => {
    expect(formatExplanation(SAMPLE, 'tokens', { width: 20, unicode: false, color: false })).toBe(
      [
        'prompts/phase-02-wave-5.md (wave 5, phase 2)',
        '  tokens  950 / 900 (o200k_base, 100 reserved of 1000), 50 over',
        '  lines   60 / 100, 40 left',
        '  base    main (0123456789ab): 760 tokens, +190 since',
        '',
        'Tokens by section (cumulative)',
        '  section                     tokens  lines          budget 900 |',
        '  Phase 02 · Wave 5: Example      10      2  .                  |',
        '  Mission                        300     18  #######            |',
        '  Modules                        640     40         ############|!',
        '  total                          950     60  ###################|!',
        '',
        'Tokens by fragment (cumulative, largest first)',
        '  fragment       tokens  lines  Δ tokens          budget 900 |',
        '  modules           640     40      +200  #############      |',
        '  mission           300     18         0               ######|!',
        '  master-prompt      10      2   new +10                     |.',
        '  total             950     60      +190  ###################|!',
        '',
        "From your templates folder: modules; the rest are wavec's own (the base layer).",
        '',
        'Removed since main: old (−20 tokens)',
        '',
      ].join('\n'),
    );
  });

  it('charts lines against the line budget with --by lines', () => {
    const out = formatExplanation({ ...SAMPLE, base: null }, 'lines', { width: 10, unicode: false, color: false });
    expect(out).toContain('Lines by section (cumulative)\n  section                     lines  tokens  budget 100 |\n');
    expect(out).toContain('  total                          60     950  ######    |\n');
    expect(out).not.toContain('Δ tokens');
  });
});

describe('wavec explain', () => {
  it('prints plain text with no ANSI and no block characters when stdout is not a terminal', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['explain', '4'], io)).toBe(0);
    expect(io.err()).toBe('');
    const out = io.out();
    expect(out).toMatch(
      new RegExp(
        /^prompts\/phase-02-wave-4\.md \(wave 4, phase 2\)\n/.source +
          / {2}tokens {2}\d+ \/ 4500 \(o200k_base\), \d+ left\n/.source +
          / {2}lines {3}\d+ \/ 320, \d+ left\n\n/.source +
          /Tokens by section \(cumulative\)\n/.source,
      ),
    );
    expect(out).toMatch(/^ {2}Modules {4,}\d+ +\d+ +#+ +\|$/m);
    expect(out).toContain('Tokens by fragment (cumulative, largest first)\n');
    // eslint-disable-next-line no-control-regex -- deliberately matches the ESC (\u001b) of ANSI colour codes
    expect(out).not.toMatch(/[\u001b█│▓]/);
  });

  it('uses block characters on a terminal, colour unless NO_COLOR', async () => {
    const coloured = captureIo(EXAMPLE);
    expect(await run(['explain', '4'], { ...coloured, isTTY: true })).toBe(0);
    // eslint-disable-next-line no-control-regex -- deliberately matches the ESC (\u001b) of ANSI colour codes
    expect(coloured.out()).toMatch(/\u001b\[36m█/);
    const noColor = captureIo(EXAMPLE, { NO_COLOR: '1' });
    expect(await run(['explain', '4'], { ...noColor, isTTY: true })).toBe(0);
    expect(noColor.out()).toContain('█');
    expect(noColor.out()).not.toContain('\u001b');
  });

  it('prints the explanation as JSON with --format json', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['explain', '4', '--format', 'json'], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as BudgetExplanation;
    expect(Object.keys(parsed)).toEqual([
      'compiled',
      'wave',
      'phase',
      'path',
      'budget',
      'totals',
      'sections',
      'fragments',
      'base',
      'diagnostics',
    ]);
    expect(parsed.fragments[0]).toEqual({
      id: expect.any(String),
      file: expect.stringMatching(/^templates\//),
      lines: expect.any(Number),
      tokens: expect.any(Number),
      layer: 'user',
      delta: null,
    });
  });

  it('exits 2 on a usage error and on a wave it cannot compile', async () => {
    const usage = captureIo(EXAMPLE);
    expect(await run(['explain', '4', '--by', 'bytes'], usage)).toBe(2);
    expect(usage.err()).toBe(
      'wavec explain: --by must be tokens or lines, got "bytes"\n' +
        'Usage: wavec explain [wave] [--overrides] [--phase <n>] [--by tokens|lines] [--base <git-ref>] ' +
        '[--format text|json]\n',
    );
    const missing = captureIo(EXAMPLE);
    expect(await run(['explain', '9'], missing)).toBe(2);
    expect(missing.err()).toContain('error spec-not-found no spec for wave 9');
    expect(missing.out()).toBe('');
  });
});
