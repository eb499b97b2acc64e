import { describe, expectTypeOf, it } from 'vitest';
import {
  compileWave,
  emitPrompt,
  explainBudget,
  lintPrompt,
  loadWorkspace,
  newWave,
  type CompileRequest,
  type BudgetExplanation,
  type CompileResult,
  type ExplainRequest,
  type LintOptions,
  type LintResult,
  type NewWaveRequest,
  type NewWaveResult,
  type Diagnostic,
  type PromptStats,
  type Provenance,
  type SectionStats,
  type Workspace,
  type WorkspaceResult,
} from '../src/index.js';

// Checked by `tsc` (npm run typecheck), not at run time: a change to a public
// signature fails the type-check until this file is updated with it.
describe('the public API types', () => {
  it('compileWave takes a workspace or a root and returns everything a compile produced', () => {
    expectTypeOf(compileWave).parameters.toEqualTypeOf<[Workspace | string, CompileRequest]>();
    expectTypeOf(compileWave).returns.resolves.toEqualTypeOf<CompileResult>();
    expectTypeOf<CompileRequest>().toEqualTypeOf<{ wave: number; phase?: number }>();
    expectTypeOf<CompileResult['prompt']>().toEqualTypeOf<{ path: string; text: string } | undefined>();
    expectTypeOf<CompileResult['stats']>().toEqualTypeOf<PromptStats | undefined>();
    expectTypeOf<CompileResult['sections']>().toEqualTypeOf<SectionStats[]>();
    expectTypeOf<CompileResult['provenance']>().toEqualTypeOf<Provenance | undefined>();
    expectTypeOf<CompileResult['diagnostics']>().toEqualTypeOf<Diagnostic[]>();
  });

  it('emitPrompt writes only when called, and says whether it did', () => {
    expectTypeOf(emitPrompt).parameter(0).toEqualTypeOf<CompileResult>();
    expectTypeOf(emitPrompt).parameter(1).toEqualTypeOf<string>();
    expectTypeOf(emitPrompt).returns.resolves.toEqualTypeOf<
      { ok: true; status: 'written' | 'unchanged' } | { ok: false; diagnostics: Diagnostic[] }
    >();
  });

  it('loadWorkspace returns a workspace or the diagnostics that stopped it', () => {
    expectTypeOf(loadWorkspace).toEqualTypeOf<(root: string) => Promise<WorkspaceResult>>();
    expectTypeOf<Extract<WorkspaceResult, { ok: true }>['workspace']>().toEqualTypeOf<Workspace>();
  });

  it('newWave scaffolds a spec from its predecessor and returns its text', () => {
    expectTypeOf(newWave).parameters.toEqualTypeOf<[Workspace | string, NewWaveRequest]>();
    expectTypeOf<NewWaveRequest>().toEqualTypeOf<{
      wave: number;
      from?: number | { phase: number; wave: number };
      phase?: number;
      write?: boolean;
    }>();
    expectTypeOf(newWave).returns.resolves.toEqualTypeOf<NewWaveResult>();
    expectTypeOf<NewWaveResult>().toEqualTypeOf<{
      path: string;
      text: string;
      waveArgument: string;
      from: { phase: number; wave: number; name: string } | null;
      written: boolean;
      diagnostics: Diagnostic[];
    }>();
  });

  it('lintPrompt checks a prompt file or inline text and returns its stats and diagnostics', () => {
    expectTypeOf(lintPrompt).parameters.toEqualTypeOf<
      [Workspace | string, { path: string; text?: string }, LintOptions?]
    >();
    expectTypeOf<LintOptions>().toEqualTypeOf<{ strict?: boolean; drift?: boolean }>();
    expectTypeOf(lintPrompt).returns.resolves.toEqualTypeOf<LintResult>();
    expectTypeOf<LintResult>().toEqualTypeOf<{
      path: string;
      ok: boolean;
      compiled: boolean;
      stats: PromptStats;
      diagnostics: Diagnostic[];
    }>();
  });

  it("explainBudget says where a wave's budget goes, optionally against a git revision", () => {
    expectTypeOf(explainBudget).parameters.toEqualTypeOf<[Workspace | string, ExplainRequest]>();
    expectTypeOf<ExplainRequest>().toEqualTypeOf<{ wave: number; phase?: number; base?: string }>();
    expectTypeOf(explainBudget).returns.resolves.toEqualTypeOf<BudgetExplanation>();
    expectTypeOf<BudgetExplanation['compiled']>().toEqualTypeOf<boolean>();
    expectTypeOf<BudgetExplanation['sections'][number]>().toEqualTypeOf<{
      title: string;
      line: number;
      endLine: number;
      lines: number;
      tokens: number;
    }>();
    expectTypeOf<BudgetExplanation['diagnostics']>().toEqualTypeOf<Diagnostic[]>();
  });

  it('a diagnostic is located, coded and graded', () => {
    expectTypeOf<Diagnostic>().toExtend<{
      code: string;
      severity: 'error' | 'warning' | 'info';
      message: string;
      file: string;
      line: number;
      column: number;
    }>();
  });
});
