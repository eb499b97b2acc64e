import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWave, emitPrompt } from '../../src/compile.js';
import { lintPrompt } from '../../src/lint.js';
import { line } from '../helpers/rules.js';
import { captureIo, useScratchWorkspaces } from '../helpers/workspace.js';
import { run } from '../../src/cli/run.js';

/**
 * Compile and lint answer "is this prompt fine?" for the same wave; they
 * must agree: compile runs the phase-wide rules too, so a compile that
 * exits 0 lints clean, and one that finds a phase-wide problem fails.
 */
const scratch = useScratchWorkspaces();

const variants: [string, (ws: Awaited<ReturnType<typeof scratch>>) => Promise<void>][] = [
  ['the example as it is', async () => {}],
  [
    'a module declared again in a later wave',
    (ws) =>
      ws.edit('waves/phase-02/wave-3.yaml', (t) =>
        t
          .replace(
            '  - id: uptime-kuma',
            '  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n  - id: uptime-kuma',
          )
          .replace('total: 2', 'total: 3'),
      ),
  ],
  [
    'a predecessor that skips a wave',
    (ws) => ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace('predecessor: 3', 'predecessor: 2')),
  ],
  [
    'a second chain start',
    (ws) => ws.edit('waves/phase-02/wave-3.yaml', (t) => t.replace('predecessor: 2', 'predecessor: null')),
  ],
  [
    'a declared revisit',
    (ws) =>
      ws.edit('waves/phase-02/wave-3.yaml', (t) =>
        t
          .replace(
            '  - id: uptime-kuma',
            '  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n    revisits: 2\n  - id: uptime-kuma',
          )
          .replace('total: 2', 'total: 3'),
      ),
  ],
];

describe('compile and lint agree', () => {
  it.each(variants)(
    '%s: every wave compiles ok exactly when its fresh prompt lints clean, with the same findings',
    async (_name, change) => {
      const ws = await scratch();
      await change(ws);
      for (const wave of [2, 3, 4]) {
        const compiled = await compileWave(ws.root, { wave });
        if (!compiled.prompt) throw new Error(`wave ${wave} produced no prompt`);
        // Written even when it fails, so lint reads exactly the text compile checked.
        await emitPrompt({ ...compiled, ok: true }, ws.root, { force: true });
        const linted = await lintPrompt(ws.root, { path: compiled.prompt.path }, { drift: true });
        expect(linted.ok, `wave ${wave}`).toBe(compiled.ok);
        expect(linted.diagnostics.map(line), `wave ${wave}`).toEqual(compiled.diagnostics.map(line));
      }
    },
  );

  it('wavec compile exits 1 on a phase-wide error that wavec lint reports, at the same place', async () => {
    const ws = await scratch();
    await variants[1]![1](ws);
    const compile = captureIo(ws.root);
    expect(await run(['compile', '4'], compile)).toBe(1);
    const lint = captureIo(ws.root);
    expect(await run(['lint', 'prompts/phase-02-wave-4.md'], lint)).toBe(1);
    const finding = /waves\/phase-02\/wave-3\.yaml:\d+:\d+ error phase-module-unique .*/;
    expect(compile.err().match(finding)?.[0]).toBe(lint.out().match(finding)?.[0]);
    expect(compile.err().match(finding)?.[0]).toContain('module "n8n-worker" is already in wave 2');
  });
});

describe('a rule setting is not an input of the prompt', () => {
  it('changing a rule severity or a config comment makes no prompt drifted', async () => {
    const ws = await scratch();
    await ws.edit(
      'wavec.config.yaml',
      (t) => `${t}# rules tuned for this workspace\nrules:\n  section-empty: warning\n  special-token-text: error\n`,
    );
    for (const wave of [2, 3, 4]) {
      const linted = await lintPrompt(ws.root, { path: `prompts/phase-02-wave-${wave}.md` }, { drift: true });
      expect(linted.diagnostics.map(line), `wave ${wave}`).toEqual([]);
    }
  });

  it('changing a setting that shapes the prompt still makes it stale', async () => {
    const ws = await scratch();
    await ws.edit('wavec.config.yaml', (t) => t.replace('encoding: o200k_base', 'encoding: cl100k_base'));
    const linted = await lintPrompt(ws.root, { path: 'prompts/phase-02-wave-2.md' }, { drift: true });
    expect(linted.diagnostics.map((d) => d.code)).toContain('prompt-drift');
  });
});

describe('compile and lint agree (property)', () => {
  const predecessor = fc.constantFrom('null', '2', '3', '4', '{phase: 1, wave: 1}', '{phase: 2, wave: 2}');
  const repeat = fc.constantFrom('', 'none', '2', '3', '{phase: 1, wave: 2}');

  it(
    'for any predecessor chain and any repeated module, compile is ok exactly when lint is clean, with the same ' +
      'findings',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.tuple(predecessor, predecessor), repeat, async ([of3, of4], revisits) => {
          const ws = await scratch();
          // Written, not edited: a value may equal the one already there.
          const setPredecessor = async (file: string, value: string) =>
            ws.write(file, (await ws.read(file)).replace(/^predecessor: .*$/m, `predecessor: ${value}`));
          await setPredecessor('waves/phase-02/wave-3.yaml', of3);
          await setPredecessor('waves/phase-02/wave-4.yaml', of4);
          if (revisits !== '') {
            const extra =
              '  - id: n8n-worker\n    pattern: stateless-worker\n    kind: worker\n' +
              `${revisits === 'none' ? '' : `    revisits: ${revisits}\n`}`;
            await ws.edit('waves/phase-02/wave-3.yaml', (t) =>
              t.replace('  - id: uptime-kuma\n', `${extra}  - id: uptime-kuma\n`).replace('total: 2', 'total: 3'),
            );
          }
          for (const wave of [2, 3, 4]) {
            const compiled = await compileWave(ws.root, { wave });
            if (!compiled.prompt) continue; // the chain itself does not load: there is no prompt to lint
            await emitPrompt({ ...compiled, ok: true }, ws.root, { force: true });
            const linted = await lintPrompt(ws.root, { path: compiled.prompt.path }, { drift: true });
            expect(linted.ok).toBe(compiled.ok);
            expect(linted.diagnostics.map(line)).toEqual(compiled.diagnostics.map(line));
          }
        }),
        { numRuns: 12 },
      );
    },
  );
});
