import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSarif } from '../../../src/diagnostics/formatters/sarif.js';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { lineOf, MISSION, SPEC, workspace } from '../../bad-input/harness.js';

// Issue 12, item 6: runtime template errors at the expression, in wavec's
// words; unknown helpers anywhere in a template; an over-long spec value
// blamed on the spec; file names escaped in every format; config errors
// exit 2; init never writes through a link out of the workspace.

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const errors = (text: string) => text.split('\n').filter((line) => /^\S+:\d+:\d+ error /.test(line));

async function compileWithMission(extra: string) {
  const ws = await workspace();
  await ws.edit(MISSION, (t) => `${t}\n${extra}\n`);
  const before = treeState(ws.root);
  const run = wavecBin(['compile', '4'], ws.root);
  expect(run.exit).toBe(2);
  expect(treeState(ws.root)).toEqual(before);
  return { run, line: lineOf(await ws.read(MISSION), extra) };
}

describe('template errors at the expression', () => {
  it('a helper that fails at render time is located at its call', async () => {
    const { run, line } = await compileWithMission('Modules: {{#each modules}}{{inc id}} {{/each}}');
    expect(errors(run.stderr)).toEqual([`${MISSION}:${line}:27 error template-render inc expects a number`]);
  });

  it("a lookup of a missing field is located at the lookup, in wavec's words", async () => {
    const { run, line } = await compileWithMission('Title: {{lookup this "titel"}}');
    expect(errors(run.stderr)).toEqual([
      `${MISSION}:${line}:8 error template-missing-field "titel" is not defined in the render context ` +
        `(templates are strict: a missing field is an error)`,
    ]);
  });

  it("an unknown helper inside a partial's parameters fails the template check", async () => {
    const ws = await workspace();
    await ws.edit('templates/sections/hand-back.md', (t) => `${t}\n{{> mission (jion modules)}}\n`);
    const text = await ws.read('templates/sections/hand-back.md');
    const before = treeState(ws.root);
    const run = wavecBin(['compile', '4'], ws.root);
    expect(run.exit).toBe(2);
    expect(errors(run.stderr)).toEqual([
      `templates/sections/hand-back.md:${lineOf(text, '{{> mission (jion')}:13 error template-unknown-helper ` +
        `unknown helper "jion"; did you mean "join"? (helpers: charter, constraint, each, eq, if, inc, join, lookup, ` +
        `pattern, unless, with)`,
    ]);
    expect(treeState(ws.root)).toEqual(before);
  });
});

describe('an over-long spec value', () => {
  it('is blamed on the spec value, not on the fragment that prints it', async () => {
    const ws = await workspace();
    await ws.edit(SPEC, (t) => t.replace('subsystem: Honcho', `subsystem: ${'x'.repeat(5000)}`));
    const before = treeState(ws.root);
    const run = wavecBin(['compile', '4'], ws.root);
    expect(run.exit).toBe(2);
    expect(errors(run.stderr)).toEqual([
      `${SPEC}:${lineOf(await ws.read(SPEC), 'subsystem:')}:12 error spec-text-run subsystem: a run of 5000 ` +
        `characters without a break at character 1 of the value (the limit is 1024); the prompt could not be ` +
        `analysed`,
    ]);
    expect(treeState(ws.root)).toEqual(before);
  });
});

describe('file names in every format', () => {
  const hostile = 'evil\n::error file=x::pwned.md';

  it('are escaped in human and github output: no raw newline, no injected workflow command', async () => {
    const ws = await workspace();
    writeFileSync(path.join(ws.root, 'prompts', hostile), '# Draft\n');
    for (const format of ['human', 'github']) {
      const run = wavecBin(['lint', path.join('prompts', hostile), '--format', format], ws.root);
      expect(run.exit).toBe(1);
      const lines = run.stdout.split('\n');
      expect(lines.filter((line) => line.startsWith('::') && !line.startsWith('::error file=prompts/evil'))).toEqual(
        [],
      );
      expect(lines.some((line) => line.startsWith('::error file=x'))).toBe(false);
      expect(run.stdout).toContain(
        format === 'human'
          ? 'prompts/evil\\n::error file=x::pwned.md:1:1 error'
          : '::error file=prompts/evil%0A%3A%3Aerror file=x%3A%3Apwned.md,line=1',
      );
    }
  });

  it('are percent-encoded as SARIF URIs', () => {
    const sarif = JSON.parse(
      formatSarif(
        {
          diagnostics: [
            { code: 'file-not-found', severity: 'error', message: 'x', file: 'prompts/a b#1%.md', line: 1, column: 1 },
            { code: 'file-not-found', severity: 'error', message: 'y', file: '/tmp/c d.md', line: 1, column: 1 },
          ],
        },
        [],
        { version: '0' },
      ),
    );
    expect(
      sarif.runs[0].results.map(
        (r: { locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) =>
          r.locations[0].physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(['prompts/a%20b%231%25.md', 'file:///tmp/c%20d.md']);
  });
});

describe('config errors', () => {
  it('an unknown rule code under rules: exits 2 in compile and lint', async () => {
    const ws = await workspace();
    await ws.edit('wavec.config.yaml', (t) => `${t}rules:\n  budget-tokenz: off\n`);
    const line = lineOf(await ws.read('wavec.config.yaml'), 'budget-tokenz');
    const expected =
      `wavec.config.yaml:${line}:3 error config-invalid rules.budget-tokenz: unknown rule "budget-tokenz"; did ` +
      `you mean "budget-tokens"?`;
    const before = treeState(ws.root);
    for (const args of [
      ['compile', '4'],
      ['lint', '--drift'],
    ]) {
      const run = wavecBin(args, ws.root);
      expect(run.exit).toBe(2);
      expect(errors(`${run.stdout}${run.stderr}`)).toEqual([expected]);
    }
    expect(treeState(ws.root)).toEqual(before);
  });
});

describe('wavec init', () => {
  it('refuses to write through templates/ linked outside the workspace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wavec-init-'));
    scratch.push(dir);
    mkdirSync(path.join(dir, 'ws'));
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'ws', 'templates'));
    const before = treeState(dir);
    const run = wavecBin(['init', 'ws', '--eject'], dir);
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe(
      `templates/:1:1 error init-outside-workspace templates/ resolves outside the workspace ` +
        `(${path.join(dir, 'elsewhere')}); wavec init does not write through links that leave it\n` +
        `wavec init: nothing written\n`,
    );
    expect(treeState(dir)).toEqual(before);
  });
});
