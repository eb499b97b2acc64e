import { afterEach, describe, expect, it } from 'vitest';
import { compileWave, type CompileResult } from '../../src/compile.js';
import { line, positionOf } from '../helpers/rules.js';
import { copyWorkspace, EXAMPLE } from '../helpers/workspace.js';

/**
 * The content rules against the example workspace: its prompts are clean,
 * and each seed point of wave 4 that a spec edit removes or breaks is
 * caught with a located message.
 */
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function wave4With(
  search: string,
  replacement: string,
): Promise<{ result: CompileResult; spec: string; prompt: string }> {
  const ws = await copyWorkspace();
  cleanup = ws.cleanup;
  await ws.edit('waves/phase-02/wave-4.yaml', (text) => text.replace(search, replacement));
  const result = await compileWave(ws.root, { wave: 4 });
  return { result, spec: await ws.read('waves/phase-02/wave-4.yaml'), prompt: result.prompt?.text ?? '' };
}

const API_NOTE = '      - "Useless alone:';

describe('content rules on the example workspace', () => {
  it.each([2, 3, 4])('wave %i compiles without a single diagnostic', async (wave) => {
    const result = await compileWave(EXAMPLE, { wave });
    expect(result.diagnostics.map(line)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('catches an unknown #99 added to a module note, at the spec value, with the prompt line as related', async () => {
    const { result, prompt, spec } = await wave4With(API_NOTE, `      - "Same shape as #99."\n${API_NOTE}`);
    const at = positionOf(prompt, '#99');
    const written = positionOf(spec, '#99');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-4.yaml:${written.line}:${written.column} pr-reference-unknown PR #99 is not one the ` +
        'spec knows (canary_prs and similar_to name #29, #30, #32–34)',
    ]);
    expect(result.diagnostics[0]!.related).toEqual({
      message: 'the prompt line it produced',
      file: 'prompts/phase-02-wave-4.md',
      line: at.line,
      column: at.column,
    });
  });

  it(
    'catches docker compose down -v added to a module note, at the spec ' + 'value, with the prompt line as related',
    async () => {
      const { result, prompt, spec } = await wave4With(
        API_NOTE,
        `      - "Reset it with \`docker compose down -v\` when in doubt."\n${API_NOTE}`,
      );
      const at = positionOf(prompt, 'docker compose down -v` when');
      const written = positionOf(spec, 'docker compose down -v` when');
      expect(result.diagnostics.map(line)).toEqual([
        `waves/phase-02/wave-4.yaml:${written.line}:${written.column} destructive-command destructive command ` +
          '"docker compose down -v" outside a gate (in "Modules")',
      ]);
      expect(result.diagnostics[0]!.related).toEqual({
        message: 'the prompt line it produced',
        file: 'prompts/phase-02-wave-4.md',
        line: at.line,
        column: at.column,
      });
    },
  );

  it('catches a placeholder left in a note, at the spec value, with the prompt line as related', async () => {
    const { result, prompt, spec } = await wave4With(API_NOTE, `      - "Exposed as [HOSTNAME]."\n${API_NOTE}`);
    const at = positionOf(prompt, '[HOSTNAME]');
    const written = positionOf(spec, '[HOSTNAME]');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-4.yaml:${written.line}:${written.column} leftover-placeholder leftover placeholder ` +
        '"[HOSTNAME]": a fill-in-the-blank that was never filled',
    ]);
    expect(result.diagnostics[0]!.related).toEqual({
      message: 'the prompt line it produced',
      file: 'prompts/phase-02-wave-4.md',
      line: at.line,
      column: at.column,
    });
  });

  it(
    "catches dropping the pgvector module's inherited implied constraint, " + 'at the spec (compose refuses it)',
    async () => {
      const { result, spec } = await wave4With(
        'hard_constraints:\n',
        'hard_constraints:\n  drop:\n    - id: no-volume-deletion\n      reason: not needed.\n',
      );
      const at = positionOf(spec, 'no-volume-deletion');
      expect(result.diagnostics.map(line)).toEqual([
        `waves/phase-02/wave-4.yaml:${at.line}:${at.column} constraint-implied-conflict cannot drop ` +
          '"no-volume-deletion": pattern "stateful-postgres-pgvector" of module "honcho-postgres" implies it',
      ]);
    },
  );

  it('catches dropping the pgvector verification itself, naming the pattern that implies it', async () => {
    const { result, spec } = await wave4With(
      'hard_constraints:\n',
      'hard_constraints:\n  drop:\n    - id: pgvector-verification\n      reason: not needed.\n',
    );
    const at = positionOf(spec, 'pgvector-verification');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(line)).toContain(
      `waves/phase-02/wave-4.yaml:${at.line}:${at.column} constraint-implied-conflict cannot drop ` +
        '"pgvector-verification": pattern "stateful-postgres-pgvector" of module "honcho-postgres" implies it',
    );
  });

  it('catches a stated PR total in a spec string that contradicts the plan, in the prompt', async () => {
    const { result, prompt, spec } = await wave4With(
      'and update one open loop: five PRs.',
      'and update one open loop: 6 PRs in total.',
    );
    const at = positionOf(prompt, '6 PRs in total');
    const mission = positionOf(spec, 'mission: >-\n');
    expect(result.diagnostics.map(line)).toEqual([
      `waves/phase-02/wave-4.yaml:${mission.line}:10 pr-plan-total the prompt states "6 PRs in total", but the ` +
        'plan derives 5 (4 modules + 1 cross-module task)',
    ]);
    expect(result.diagnostics[0]!.related).toEqual({
      file: 'prompts/phase-02-wave-4.md',
      line: at.line,
      column: at.column,
      message: 'where mission puts it in the prompt',
    });
  });
});
