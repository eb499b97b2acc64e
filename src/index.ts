/**
 * wavec's public API. Kept small on purpose: test/api.test.ts pins this list.
 */
export { compileWave, emitPrompt, type CompileRequest, type CompileResult } from './compile.js';
export { loadWorkspace, type Workspace, type WorkspaceResult } from './load/workspace.js';
export { newWave, type NewWaveRequest, type NewWaveResult } from './authoring/new-wave.js';
export { lintPrompt, type LintOptions, type LintResult } from './lint.js';
export { explainBudget, type BudgetExplanation, type ExplainRequest } from './explain/explain.js';
export type { Code, Diagnostic, Severity, SourceLocation, RelatedLocation } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/format.js';
export type { PromptStats, SectionStats, FragmentStats } from './schema/stats.js';
export type { Provenance } from './schema/provenance.js';
export type { WavecConfig, Budget, Encoding } from './schema/config.js';
export type { WaveSpec } from './schema/spec.js';
export type { FragmentMeta, FragmentKind } from './schema/fragment.js';
export { run } from './cli/run.js';
export type { CliIo } from './cli/io.js';
export { VERSION } from './version.js';
