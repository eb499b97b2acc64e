import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, EXAMPLE, useScratchWorkspaces } from '../helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('wavec lint', () => {
  it('passes the example workspace with drift checked (what npm run lint-prompts runs) and exits 0', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['lint', 'prompts', '--drift'], io)).toBe(0);
    expect(io.out()).toBe('3 prompts linted: 0 errors, 0 warnings\n');
    expect(io.err()).toBe('');
  });

  it("lints the config's output_dir when given no paths", async () => {
    const ws = await workspace();
    await ws.write(
      'wavec.config.yaml',
      `${await ws.read('wavec.config.yaml')}\n`.replace('output_dir: prompts', 'output_dir: prompts/'),
    );
    const io = captureIo(ws.root);
    expect(await run(['lint'], io)).toBe(0);
    expect(io.out()).toBe('3 prompts linted: 0 errors, 0 warnings\n');
  });

  it('exits 1 on a hand-edited prompt, with the located message, source line and caret', async () => {
    const ws = await workspace();
    await ws.edit('prompts/phase-02-wave-4.md', (t) => t.replace('You are Codex', 'You are Claude'));
    const io = captureIo(ws.root);
    expect(await run(['lint', '--drift'], io)).toBe(1);
    expect(io.out()).toBe(
      [
        'prompts/phase-02-wave-4.md:5:10 error prompt-drift prompts/phase-02-wave-4.md was edited by hand ' +
          'after it was generated: it no longer matches the prompt hash in ' +
          'prompts/phase-02-wave-4.provenance.json (first difference from a fresh compile: line 5)',
        '  5 | You are Claude, executing **phase 02 wave 4 (Honcho subsystem)**.',
        '    |          ^',
        '  hint: move the edit into the wave spec or a fragment, then run `wavec compile 4 --phase 2 --force`',
        '3 prompts linted: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 on a stale prompt, in GitHub annotations', async () => {
    const ws = await workspace();
    await ws.edit('templates/sections/hand-back.md', (t) => `${t}\nOne more line.\n`);
    const io = captureIo(ws.root);
    expect(await run(['lint', 'prompts/phase-02-wave-4.md', '--drift', '--format', 'github'], io)).toBe(1);
    expect(io.out()).toMatch(
      new RegExp(
        /^::error file=prompts\/phase-02-wave-4\.md,line=\d+,col=1,/.source +
          /title=prompt-drift::prompts\/phase-02-wave-4\.md is stale: inputs changed since /.source +
          /it was generated \(templates\/sections\/hand-back\.md changed\); a fresh /.source +
          /compile differs from line \d+%0Ahint: run `wavec compile 4 --phase 2` and /.source +
          /commit the prompt with its provenance\n$/.source,
      ),
    );
  });

  it('turns warnings into errors with --strict', async () => {
    const ws = await workspace();
    await ws.edit('prompts/phase-02-wave-4.md', (t) =>
      t.replace('## Mission\n\n', '## Mission\n\nNever print <|endoftext|>.\n\n'),
    );
    const lenient = captureIo(ws.root);
    expect(await run(['lint', 'prompts/phase-02-wave-4.md'], lenient)).toBe(0);
    expect(lenient.out()).toContain('prompts/phase-02-wave-4.md:5:13 warning special-token-text ');
    const strict = captureIo(ws.root);
    expect(await run(['lint', 'prompts/phase-02-wave-4.md', '--strict'], strict)).toBe(1);
    expect(strict.out()).toContain('prompts/phase-02-wave-4.md:5:13 error special-token-text ');
  });

  it('colours a TTY, but never with NO_COLOR', async () => {
    const ws = await workspace();
    await ws.write('prompts/draft.md', '# Draft\n');
    const tty = { ...captureIo(ws.root), isTTY: true };
    const colourful = captureIo(ws.root);
    await run(['lint', 'prompts/draft.md'], { ...tty, stdout: colourful.stdout });
    expect(colourful.out()).toContain('\u001b[31merror\u001b[0m');
    const muted = captureIo(ws.root, { NO_COLOR: '1' });
    await run(['lint', 'prompts/draft.md'], { ...muted, isTTY: true });
    expect(muted.out()).not.toContain('\u001b[');
  });

  it("emits SARIF with the registry's rules and JSON with each prompt's stats", async () => {
    const sarif = captureIo(EXAMPLE);
    expect(await run(['lint', '--format', 'sarif'], sarif)).toBe(0);
    const log = JSON.parse(sarif.out());
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['budget-tokens', 'section-required', 'prompt-drift']),
    );
    expect(log.runs[0].results).toEqual([]);
    const json = captureIo(EXAMPLE);
    expect(await run(['lint', 'prompts/phase-02-wave-4.md', '--format', 'json'], json)).toBe(0);
    const report = JSON.parse(json.out());
    expect(report).toMatchObject({
      errors: 0,
      warnings: 0,
      infos: 0,
      prompts: [{ path: 'prompts/phase-02-wave-4.md', ok: true, compiled: true }],
    });
    expect(report.prompts[0].stats.encoding).toBe('o200k_base');
  });

  it.each([
    [['lint', '--format', 'xml'], 'wavec lint: --format must be one of human, json, github, sarif, got "xml"\n'],
    [['lint', 'nowhere.md'], `wavec lint: no such file or folder: ${path.join(EXAMPLE, 'nowhere.md')}\n`],
    [['lint', '--bogus'], 'wavec lint: unknown option --bogus\n'],
    [['lint', '--stirct'], 'wavec lint: unknown option --stirct; did you mean --strict?\n'],
    [['lint', 'waves'], `wavec lint: no .md files under ${path.join(EXAMPLE, 'waves')}\n`],
  ])('exits 2 on the usage error %j', async (argv, message) => {
    const io = captureIo(EXAMPLE);
    expect(await run(argv, io)).toBe(2);
    expect(io.err().startsWith(message)).toBe(true);
    expect(io.out()).toBe('');
  });

  it('exits 2 on an input error: a sidecar that is not provenance', async () => {
    const ws = await workspace();
    await ws.write('prompts/phase-02-wave-3.provenance.json', 'not json\n');
    const io = captureIo(ws.root);
    expect(await run(['lint'], io)).toBe(2);
    expect(io.out()).toMatch(
      new RegExp(
        /^prompts\/phase-02-wave-3\.provenance\.json:1:1 error provenance-invalid /.source +
          /prompts\/phase-02-wave-3\.provenance\.json is not valid JSON \(/.source,
      ),
    );
  });

  it('reports an unknown rule code in the config once, as a config error (exit 2)', async () => {
    const ws = await workspace();
    await ws.write('wavec.config.yaml', 'rules:\n  budget-token: off\n');
    const io = captureIo(ws.root);
    expect(await run(['lint'], io)).toBe(2);
    expect(io.out().match(/config-invalid/g)).toHaveLength(1);
    expect(io.out()).toContain(
      'wavec.config.yaml:2:3 error config-invalid rules.budget-token: unknown rule "budget-token"; did you ' +
        'mean "budget-tokens"?\n',
    );
  });
});
