import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { VERSION } from '../src/version.js';
import { captureIo, EXAMPLE, REPO_ROOT, snapshot, useScratchWorkspaces } from './helpers/workspace.js';

const workspace = useScratchWorkspaces();

describe('wavec compile', () => {
  it('reports an unchanged prompt with its summary and exits 0', async () => {
    const ws = await workspace();
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(0);
    expect(io.err()).toBe('');
    const out = io.out().split('\n');
    expect(out[0]).toBe('prompts/phase-02-wave-4.md unchanged');
    expect(out[1]).toMatch(/^ {2}lines {5}\d+ \/ 320$/);
    expect(out[2]).toMatch(/^ {2}tokens {4}\d+ \/ 4500 \(o200k_base\)$/);
    expect(out[3]).toBe('  budget    within budget');
    expect(out[4]).toMatch(/^ {2}sections {2}17: Mission · Why Honcho first · /);
  });

  it('writes the prompt and its provenance when the spec changed', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('title: Honcho subsystem', 'title: Honcho subsystem, again'),
    );
    const io = captureIo(ws.root);
    expect(await run(['compile', '4', '--phase', '2'], io)).toBe(0);
    expect(io.out()).toMatch(/^prompts\/phase-02-wave-4\.md written\n/);
    expect(await ws.read('prompts/phase-02-wave-4.md')).toMatch(/^# Phase 02 · Wave 4: Honcho subsystem, again/);
    const provenance = JSON.parse(await ws.read('prompts/phase-02-wave-4.provenance.json'));
    expect(provenance.spec.path).toBe('waves/phase-02/wave-4.yaml');
    expect(provenance.fragments.map((f: { id: string }) => f.id)).toContain('stateful-postgres-pgvector');
  });

  it('exits 1 and writes nothing when the prompt is over budget', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('max_tokens: 4500', 'max_tokens: 1000'));
    const before = await snapshot(path.join(ws.root, 'prompts'));
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(1);
    expect(io.err()).toMatch(
      new RegExp(
        /^prompts\/phase-02-wave-4\.md:\d+:1 error budget-tokens prompt has \d+ tokens \(o200k_base\), /.source +
          /over the budget of 1000 by \d+; the budget runs out in "[^"]+"; /.source +
          /largest sections: "Modules" \d+, .*; /.source +
          /largest fragments: modules \d+ \(templates\/sections\/modules\.md\), .*$/.source,
        'm',
      ),
    );
    expect(io.out()).toMatch(/not written/);
    expect(io.out()).toMatch(/budget {4}over budget \(tokens\)/);
    expect(await snapshot(path.join(ws.root, 'prompts'))).toEqual(before);
  });

  it('shows excerpts from the new prompt text when a check fails and nothing is written', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace(
        '- The persistence configuration, not the container name, decides whether this is a stateful module.',
        '- "TODO: say more."',
      ),
    );
    const io = captureIo(ws.root);
    expect(await run(['compile', '4', '--no-cache'], io)).toBe(1);
    // The finding is at the spec value; the prompt line is named as in the compiled text, which was not written.
    expect(io.err()).toMatch(
      new RegExp(
        /^waves\/phase-02\/wave-4\.yaml:/.source +
          /(\d+):10 error leftover-placeholder leftover placeholder "TODO": unfinished text\n {2}\1 /.source +
          /\| {7}- "TODO: say more\."\n.*\n {2}/.source +
          /prompts\/phase-02-wave-4\.md:\d+:3 the prompt line it produced \(in the compiled text, not written\)\n/
            .source,
        'm',
      ),
    );
    expect(await ws.read('prompts/phase-02-wave-4.md')).not.toContain('TODO');
  });

  it('exits 2 on an input error, with file:line:col and a caret, and writes nothing', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace('    backup_priority: critical\n', '    backup_priorty: critical\n'),
    );
    const before = await snapshot(path.join(ws.root, 'prompts'));
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(2);
    expect(io.err()).toContain(
      'waves/phase-02/wave-4.yaml:58:5 error spec-invalid modules[0].backup_priorty: unknown key ' +
        '"backup_priorty"; did you mean "backup_priority"?\n',
    );
    expect(io.err()).toContain('  58 |     backup_priorty: critical\n     |     ^\n');
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
    expect(await snapshot(path.join(ws.root, 'prompts'))).toEqual(before);
  });

  it('refuses to overwrite a hand-edited prompt unless --force', async () => {
    const ws = await workspace();
    await ws.edit('prompts/phase-02-wave-4.md', (t) => t.replace('## Mission', '## Mission (edited by hand)'));
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('title: Honcho subsystem', 'title: Honcho'));
    const io = captureIo(ws.root);
    expect(await run(['compile', '4'], io)).toBe(2);
    expect(io.err()).toContain(
      'prompts/phase-02-wave-4.md:1:1 error output-hand-edited prompts/phase-02-wave-4.md was edited by hand ' +
        '(it no longer matches the hash in prompts/phase-02-wave-4.provenance.json); not overwriting it\n',
    );
    expect(io.err()).toContain(
      'hint: move the edits into the wave spec or the fragments and compile again, or pass --force to discard them',
    );
    expect(await ws.read('prompts/phase-02-wave-4.md')).toContain('## Mission (edited by hand)');

    const forced = captureIo(ws.root);
    expect(await run(['compile', '4', '--force'], forced)).toBe(0);
    expect(await ws.read('prompts/phase-02-wave-4.md')).not.toContain('(edited by hand)');
  });

  it('prints the prompt with --stdout and writes nothing', async () => {
    const ws = await workspace();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('title: Honcho subsystem', 'title: Honcho preview'));
    const before = await snapshot(path.join(ws.root, 'prompts'));
    const io = captureIo(ws.root);
    expect(await run(['compile', '4', '--stdout'], io)).toBe(0);
    expect(io.out()).toMatch(/^# Phase 02 · Wave 4: Honcho preview/);
    expect(await snapshot(path.join(ws.root, 'prompts'))).toEqual(before);
  });

  it('emits a JSON summary with --format json', async () => {
    const jsonIo = captureIo(EXAMPLE);
    const ws = await workspace();
    expect(await run(['compile', '4', '--format', 'json', '--root', ws.root], jsonIo)).toBe(0);
    const summary = JSON.parse(jsonIo.out());
    expect(summary.status).toBe('unchanged');
    expect(summary.path).toBe('prompts/phase-02-wave-4.md');
    expect(summary.stats.encoding).toBe('o200k_base');
    expect(summary.diagnostics).toEqual([]);
  });

  it.each([
    [['compile'], 'wavec compile: missing wave number (or --all, or --changed)\n'],
    [['compile', 'four'], 'wavec compile: wave number must be a positive whole number, got "four"\n'],
    [['compile', '4', '--phase', '0'], 'wavec compile: --phase must be a positive whole number, got "0"\n'],
    [['compile', '4', '--format', 'xml'], 'wavec compile: --format must be human or json, got "xml"\n'],
    [['compile', '4', '--bogus'], 'wavec compile: unknown option --bogus\n'],
    [['compile', '4', '--forse'], 'wavec compile: unknown option --forse; did you mean --force?\n'],
    [['compile', '4', '-x'], 'wavec compile: unknown option -x\n'],
    [['compile', '4', '--phase'], 'wavec compile: --phase needs a value: --phase <n>\n'],
    [['compile', '4', '--phase', '--force'], 'wavec compile: --phase needs a value: --phase <n>\n'],
    [['compile', '4', '--force=yes'], 'wavec compile: --force takes no value\n'],
    [['compile', '4', '5'], 'wavec compile: unexpected argument "5"\n'],
    [
      ['compile', '4', '--stdout', '--format', 'json'],
      'wavec compile: --stdout and --format cannot be used together\n',
    ],
    [['compile', '4', '--stdout', '--watch'], 'wavec compile: --stdout and --watch cannot be used together\n'],
  ])('usage error %j exits 2', async (argv, message) => {
    const io = captureIo(EXAMPLE);
    expect(await run(argv, io)).toBe(2);
    expect(io.err().startsWith(message)).toBe(true);
    expect(io.err()).toContain('Usage: wavec compile [wave]');
  });

  it('says which spec is missing', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['compile', '9'], io)).toBe(2);
    expect(io.err()).toContain(
      'waves:1:1 error spec-not-found no spec for wave 9 under waves/ (expected waves/phase-NN/wave-9.yaml)\n',
    );
  });
});

describe('wavec (top level)', () => {
  it('prints help listing the commands', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: wavec <command> \[options\]\n/);
    expect(io.out()).toMatch(/\n {2}compile +Compile a wave spec/);
  });

  it('prints help for a command', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['compile', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: wavec compile \[wave\]/);
    expect(io.out()).toContain('--force');
    expect(io.out()).toContain('Exit codes: 0 written');
  });

  it('prints the version', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out()).toBe(`${VERSION}\n`);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it('rejects an unknown command with exit 2', async () => {
    const io = captureIo(EXAMPLE);
    expect(await run(['compiel'], io)).toBe(2);
    expect(io.err()).toBe(
      'wavec: unknown command "compiel"; did you mean "compile"?\nRun `wavec --help` for the list of commands.\n',
    );
    const far = captureIo(REPO_ROOT);
    expect(await run(['frobnicate'], far)).toBe(2);
    expect(far.err()).toBe('wavec: unknown command "frobnicate"\nRun `wavec --help` for the list of commands.\n');
  });

  it('calls an option before the command an unknown option, not an unknown command', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await run(['--bogus'], io)).toBe(2);
    expect(io.err()).toBe(
      'wavec: unknown option --bogus\nUsage: wavec <command> [options]; run `wavec --help` for the commands.\n',
    );
    const typo = captureIo(REPO_ROOT);
    expect(await run(['--hepl'], typo)).toBe(2);
    expect(typo.err()).toBe(
      'wavec: unknown option --hepl; did you mean --help?\n' +
        'Usage: wavec <command> [options]; run `wavec --help` for the commands.\n',
    );
  });
});

describe('wavec (errors outside the content)', () => {
  it('refuses a workspace root that is not a folder, for every command but init, with exit 2', async () => {
    for (const argv of [['compile', '4'], ['lint'], ['explain', '4']]) {
      const io = captureIo(EXAMPLE);
      expect(await run([...argv, '--root', '/nonexistent/wavec-root'], io)).toBe(2);
      expect(io.err()).toBe(`wavec ${argv[0]}: workspace root is not a folder: /nonexistent/wavec-root\n`);
    }
  });

  it('reports an internal error in one line, with the stack only under --debug', async () => {
    const failing = (debug: boolean) => {
      const io = captureIo(EXAMPLE);
      io.stdout.write = () => {
        throw new Error('stdout is gone');
      };
      return run(['compile', '4', '--no-cache', ...(debug ? ['--debug'] : [])], io).then((code) => ({
        code,
        err: io.err(),
      }));
    };
    const plain = await failing(false);
    expect(plain).toEqual({
      code: 2,
      err: 'wavec compile: internal error: stdout is gone\nrerun with --debug for the stack trace\n',
    });
    const debug = await failing(true);
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/^wavec compile: internal error: stdout is gone\nError: stdout is gone\n {4}at /);
  });
});
