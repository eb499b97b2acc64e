import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeState, wavecBin } from '../../helpers/bin.js';
import { workspace } from '../../bad-input/harness.js';

// Issue 12, item 2: only regular files are read or replaced. A FIFO, a
// device or a folder where a file belongs is a located error that never
// blocks; a size limit applies before reading; an output that cannot be read
// is not replaced without --force; compile and lint agree on "current"; a
// torn prompt/sidecar pair is named and repaired; --stdout checks its writes.

const PROMPT = 'prompts/phase-02-wave-4.md';
const SIDECAR = 'prompts/phase-02-wave-4.provenance.json';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wavec-regular-'));
  scratch.push(dir);
  return dir;
}
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

describe('a file that is not a regular file', () => {
  it('wavec lint <FIFO> is a located error, at once', async () => {
    const ws = await workspace();
    const fifo = path.join(scratchDir(), 'prompt.md');
    mkfifo(fifo);
    const run = wavecBin(['lint', fifo], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe(
      `${fifo}:1:1 error file-not-regular ${fifo} is a FIFO, not a regular file; wavec reads only regular ` +
        `files\n1 prompt linted: 1 error, 0 warnings\n`,
    );
  });

  it('wavec lint /dev/zero is a located error, not an internal error', async () => {
    const ws = await workspace();
    const run = wavecBin(['lint', '/dev/zero'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe(
      '/dev/zero:1:1 error file-not-regular /dev/zero is a character device, not a regular file; wavec reads ' +
        'only regular files\n1 prompt linted: 1 error, 0 warnings\n',
    );
    expect(run.stderr).toBe('');
  });

  it('a FIFO where wavec pr --write would put the pull request is refused at once, nothing written', async () => {
    const ws = await workspace();
    mkfifo(path.join(ws.root, 'prompts/phase-02-wave-4.pr.md'));
    const before = treeState(ws.root);
    const run = wavecBin(['pr', '4', '--write'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe(
      'prompts/phase-02-wave-4.pr.md:1:1 error output-not-regular prompts/phase-02-wave-4.pr.md is a FIFO, not ' +
        'a regular file; wavec replaces only regular files\n  hint: move it away, then run the command again\n' +
        '1 error, 0 warnings\n',
    );
    expect(treeState(ws.root)).toEqual(before);
  });

  it('a reply that is a FIFO is read as inputs are: a located error, at once', async () => {
    const ws = await workspace();
    const fifo = path.join(scratchDir(), 'reply.md');
    mkfifo(fifo);
    const run = wavecBin(['handback', '4', fifo], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe(
      `${fifo}:1:1 error file-not-regular ${fifo} is a FIFO, not a regular file; wavec reads only regular ` +
        `files\n1 error, 0 warnings\n`,
    );
  });

  it('a FIFO as a predecessor spec stops compile with a located error, nothing written', async () => {
    const ws = await workspace();
    rmSync(path.join(ws.root, 'waves/phase-02/wave-3.yaml'));
    mkfifo(path.join(ws.root, 'waves/phase-02/wave-3.yaml'));
    const before = treeState(ws.root);
    const run = wavecBin(['compile', '4'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe(
      'waves/phase-02/wave-3.yaml:1:1 error file-not-regular waves/phase-02/wave-3.yaml is a FIFO, not a ' +
        'regular file; wavec reads only regular files\n1 error, 0 warnings\n',
    );
    expect(treeState(ws.root)).toEqual(before);
  });

  it.each([
    ['a fragment', 'templates/sections/mission.md'],
    ['the charter', 'charter/PLATFORM_CHARTER.md'],
    ['the config', 'wavec.config.yaml'],
  ])('a FIFO as %s: compile and lint stop at once with a located error, nothing written', async (_what, file) => {
    const ws = await workspace();
    rmSync(path.join(ws.root, file));
    mkfifo(path.join(ws.root, file));
    const before = treeState(ws.root);
    const expected =
      `${file}:1:1 error file-not-regular ${file} is a FIFO, ` + `not a regular file; wavec reads only regular files`;
    const compile = wavecBin(['compile', '4'], ws.root);
    expect(compile.exit).toBe(2);
    expect(compile.stderr.split('\n')[0]).toBe(expected);
    const lint = wavecBin(['lint', '--drift'], ws.root);
    expect(lint.exit).toBe(2);
    expect(lint.stdout.split('\n')).toContain(expected);
    expect(treeState(ws.root)).toEqual(before);
  });

  it('a FIFO as the sidecar: lint --drift reports it, compile refuses to replace it', async () => {
    const ws = await workspace();
    rmSync(path.join(ws.root, SIDECAR));
    mkfifo(path.join(ws.root, SIDECAR));
    const before = treeState(ws.root);
    const lint = wavecBin(['lint', '--drift', PROMPT], ws.root);
    expect(lint.exit).toBe(2);
    expect(lint.stdout.split('\n')[0]).toBe(
      `${SIDECAR}:1:1 error file-not-regular ${SIDECAR} is a FIFO, not a regular file; wavec reads only regular files`,
    );
    const compile = wavecBin(['compile', '4', '--force'], ws.root);
    expect(compile.exit).toBe(2);
    expect(compile.stderr.split('\n')[0]).toBe(
      `${SIDECAR}:1:1 error output-not-regular ${SIDECAR} is a FIFO, not a regular file; wavec replaces only ` +
        `regular files`,
    );
    expect(treeState(ws.root)).toEqual(before);
  });

  it('a FIFO where the prompt goes is not replaced, and the hand-edit check does not block on it', async () => {
    const ws = await workspace();
    rmSync(path.join(ws.root, PROMPT));
    mkfifo(path.join(ws.root, PROMPT));
    const before = treeState(ws.root);
    const run = wavecBin(['compile', '4', '--force'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `${PROMPT}:1:1 error output-not-regular ${PROMPT} is a FIFO, not a regular file; wavec replaces only ` +
        `regular files`,
    );
    expect(treeState(ws.root)).toEqual(before);
  });

  it('a sidecar that is a folder is an input error for lint --drift, not "no sidecar"', async () => {
    const ws = await workspace();
    await ws.edit(PROMPT, (t) => t.replace('You are Codex', 'You are Claude'));
    rmSync(path.join(ws.root, SIDECAR));
    mkdirSync(path.join(ws.root, SIDECAR));
    const before = treeState(ws.root);
    const run = wavecBin(['lint', '--drift', PROMPT], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stdout).toBe(
      `${SIDECAR}:1:1 error file-not-regular ${SIDECAR} is a folder, not a regular file; wavec reads only ` +
        `regular files\n1 prompt linted: 1 error, 0 warnings\n`,
    );
    expect(treeState(ws.root)).toEqual(before);
  });
});

describe('sizes and unreadable outputs', () => {
  it('lint refuses a 1.5 GB prompt by its size, without reading it', async () => {
    const ws = await workspace();
    const huge = path.join(ws.root, 'prompts/huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 1536 * 1024 * 1024);
    const run = wavecBin(['lint', 'prompts/huge.md'], ws.root);
    expect(run.exit).toBe(2);
    expect(run.stdout.split('\n')[0]).toBe(
      'prompts/huge.md:1:1 error file-too-large prompts/huge.md is 1610612736 bytes; the limit is 2097152 bytes',
    );
  });

  it(
    'an existing prompt wavec cannot read is treated as hand-edited: ' + 'refused without --force, replaced with it',
    async () => {
      const ws = await workspace();
      truncateSync(path.join(ws.root, PROMPT), 80 * 1024 * 1024);
      const before = treeState(ws.root);
      const run = wavecBin(['compile', '4'], ws.root);
      expect(run.exit).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(
        `${PROMPT}:1:1 error output-hand-edited ${PROMPT} cannot be read (it is 83886080 bytes), so wavec cannot ` +
          `tell whether it was edited by hand; not overwriting it`,
      );
      expect(treeState(ws.root)).toEqual(before);
      expect(wavecBin(['compile', '4', '--force'], ws.root).exit).toBe(0);
      expect(wavecBin(['lint', '--drift', PROMPT], ws.root).exit).toBe(0);
    },
  );
});

describe('compile and lint agree on "current"', () => {
  const variants: [string, (text: string) => string][] = [
    ['as written', (t) => t],
    ['CRLF line endings', (t) => t.replace(/\n/g, '\r\n')],
    ['a BOM', (t) => `\uFEFF${t}`],
    ['a BOM and CRLF', (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`],
    ['a hand edit', (t) => t.replace('You are Codex', 'You are Claude')],
    ['a hand edit in CRLF', (t) => t.replace('You are Codex', 'You are Claude').replace(/\n/g, '\r\n')],
  ];
  it.each(variants)(
    'a prompt with %s: lint --drift passes exactly when compile leaves it alone',
    async (name, change) => {
      const ws = await workspace();
      const file = path.join(ws.root, PROMPT);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
      const lint = wavecBin(['lint', '--drift', PROMPT, '--no-cache'], ws.root);
      const before = treeState(ws.root);
      const compile = wavecBin(['compile', '4', '--no-cache'], ws.root);
      const current = lint.exit === 0;
      expect(current).toBe(!name.includes('hand edit'));
      expect(compile.exit).toBe(current ? 0 : 2);
      if (current) expect(compile.stdout.split('\n')[0]).toBe(`${PROMPT} unchanged`);
      else expect(compile.stderr).toContain('error output-hand-edited');
      expect(treeState(ws.root)).toEqual(before);
    },
  );
});

describe('the prompt and its sidecar are one unit', () => {
  it('a torn pair (new prompt, old sidecar) is reported as torn, and compile repairs it', async () => {
    const ws = await workspace();
    const oldSidecar = await ws.read(SIDECAR);
    await ws.edit('templates/sections/hand-back.md', (t) => `${t}\nOne more line.\n`);
    expect(wavecBin(['compile', '4'], ws.root).exit).toBe(0);
    await ws.write(SIDECAR, oldSidecar);
    const lint = wavecBin(['lint', '--drift', PROMPT], ws.root);
    expect(lint.exit).toBe(1);
    expect(lint.stdout.split('\n')[0]).toBe(
      `${SIDECAR}:1:1 error prompt-drift ${PROMPT} and ${SIDECAR} are torn: the prompt is what a fresh compile ` +
        `writes, but the sidecar records an earlier prompt (a compile stopped between replacing the two)`,
    );
    const repair = wavecBin(['compile', '4'], ws.root);
    expect(repair.exit).toBe(0);
    expect(repair.stdout.split('\n')[0]).toBe(`${PROMPT} written`);
    expect(wavecBin(['lint', '--drift', PROMPT], ws.root).exit).toBe(0);
  });
});

describe('compile --stdout checks its writes', () => {
  it('into /dev/full: exit 2 and one line, no stack trace', async () => {
    const ws = await workspace();
    const before = treeState(ws.root);
    const run = wavecBin(['compile', '4', '--stdout'], ws.root, { stdoutTo: '/dev/full' });
    expect(run.exit).toBe(2);
    expect(run.stderr).toBe('wavec compile: could not write to standard output (ENOSPC: no space left on device)\n');
    expect(treeState(ws.root)).toEqual(before);
  });
});
