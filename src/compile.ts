import { analysePrompt } from './analyse/analyse.js';
import type { PromptStats, SectionStats } from './schema/stats.js';
import { getTokenizer } from './analyse/tokens.js';
import { checkPrompt } from './check/check.js';
import { locateAtSources } from './check/source-locations.js';
import { checkPhase } from './check/phase.js';
import type { CompileFacts } from './check/rule.js';
import { compose } from './compose/context.js';
import { resolve } from 'node:path';
import { markdownLimitProblem } from './syntax/markdown-limits.js';
import {
  dedupeDiagnostics,
  diagnostic,
  fileStart,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from './diagnostics/diagnostic.js';
import { outputLocationProblems } from './emit/output-location.js';
import { outputPath } from './load/output-path.js';
import { buildProvenance } from './emit/provenance.js';
import type { Provenance } from './schema/provenance.js';
import { writePrompt, type WriteOptions, type WriteStatus } from './emit/write.js';
import { findProblemDiagnostic, SpecStore } from './load/spec-store.js';
import type { LoadedSpec } from './load/specs.js';
import { loadWorkspaceWith, type LoadOptions, type Workspace } from './load/workspace.js';
import { configKeyAt, loadConfig } from './load/config.js';
import { checkTemplates, renderPrompt } from './render/render.js';
import { LineIndex } from './util/text.js';

export interface CompileRequest {
  wave: number;
  /** Needed only when the wave number exists in more than one phase. */
  phase?: number;
}

/**
 * What one compile of a wave produced, in one value: the inputs it read (workspace, spec chain), the composition,
 * the prompt with the fragment that wrote each line and the text of each hard constraint, its measurements and
 * provenance. The rules read it (as {@link CompileFacts}); lint, `wavec report` and `wavec pr` take it instead of
 * compiling again.
 */
export interface Compilation extends CompileFacts {
  prompt: { path: string; text: string };
  stats: PromptStats;
  provenance: Provenance;
}

/** Everything a compile produced. Nothing is written: see {@link emitPrompt}. */
export interface CompileResult {
  /** True when there is a prompt and no error-severity diagnostic. */
  ok: boolean;
  /** The compiled prompt, absent when input errors stopped the pipeline. */
  prompt?: { path: string; text: string };
  stats?: PromptStats;
  sections: SectionStats[];
  provenance?: Provenance;
  /** Sorted by file and position. */
  diagnostics: Diagnostic[];
  /** The compilation, present whenever `prompt` is: for consumers that need more than the text. */
  facts?: Compilation;
}

/**
 * load → validate → compose → render → analyse → check. Content problems
 * come back as diagnostics; this only throws for API misuse.
 */
export async function compileWave(
  workspaceOrRoot: Workspace | string,
  request: CompileRequest,
): Promise<CompileResult> {
  return checkCompilation(await compileUnchecked(workspaceOrRoot, request));
}

/** {@link compileWave} of a workspace loaded with `options` (the CLI's: specs validated by earlier runs at hand). */
export async function compileWaveLoading(
  root: string,
  request: CompileRequest,
  options: LoadOptions,
): Promise<CompileResult> {
  return checkCompilation(await compileUnchecked(root, request, options));
}

/**
 * The check stage over a compilation's own text: every rule (findings in the prompt's text located at the spec value
 * or fragment line that wrote it), and the phase-wide checks, as lint runs them for this prompt, so that a compile
 * that exits 0 lints clean. A result without a prompt is returned as it is.
 */
export async function checkCompilation(staged: CompileResult): Promise<CompileResult> {
  const compilation = staged.facts;
  if (!compilation) return staged;
  const findings = checkPrompt({
    prompt: { ...compilation.prompt, stats: compilation.stats, lineOwners: compilation.lineOwners },
    budget: compilation.composition.context.budget,
    compiled: compilation,
  });
  const located = locateAtSources(findings, {
    ...compilation.prompt,
    lineOwners: compilation.lineOwners,
    chain: compilation.chain,
    fragments: compilation.workspace.fragments,
  });
  const phase = await checkPhase(compilation.workspace, compilation.chain[compilation.chain.length - 1]!.spec.phase);
  const diagnostics = sortDiagnostics(dedupeDiagnostics([...staged.diagnostics, ...located, ...phase]));
  return { ...staged, ok: !hasErrors(diagnostics), diagnostics };
}

/**
 * Every stage but check. Lint uses it for a compiled prompt: it checks the
 * text on disk, not the fresh one, so running the rules here would only be
 * work to throw away.
 */
export async function compileUnchecked(
  workspaceOrRoot: Workspace | string,
  request: CompileRequest,
  options: LoadOptions = {},
): Promise<CompileResult> {
  if (!Number.isInteger(request.wave) || request.wave < 1)
    throw new TypeError(`wave must be a positive integer, got ${request.wave}`);
  const failed = (diagnostics: Diagnostic[]): CompileResult => ({
    ok: false,
    sections: [],
    diagnostics: sortDiagnostics(diagnostics),
  });

  let workspace: Workspace;
  const carried: Diagnostic[] = [];
  if (typeof workspaceOrRoot === 'string') {
    const loaded = await loadWorkspaceWith(workspaceOrRoot, options);
    if (!loaded.ok) return failed([...loaded.diagnostics, ...(await specProblems(workspaceOrRoot, request))]);
    workspace = loaded.workspace;
    carried.push(...loaded.diagnostics);
  } else workspace = workspaceOrRoot;

  const found = await workspace.specs.find(request.wave, request.phase);
  if (!found.ok) {
    return failed([findProblemDiagnostic(found)]);
  }
  const chain = await workspace.specs.chain(found.ref);
  // Template checks need no spec: a compile stopped by the spec still reports them.
  if (!chain.ok) return failed([...carried, ...chain.diagnostics, ...checkTemplates(workspace.fragments).diagnostics]);

  const composed = compose(workspace, chain.chain);
  if (!composed.composition)
    return failed([
      ...carried,
      ...(await chainProblems(workspace, chain.chain[chain.chain.length - 1]!)),
      ...composed.diagnostics,
      ...checkTemplates(workspace.fragments).diagnostics,
    ]);
  const composition = composed.composition;
  const current = chain.chain[chain.chain.length - 1]!;

  const rendered = renderPrompt(
    workspace.fragments,
    current.spec.layout ?? workspace.config.layout,
    composition,
    current.spec.layout !== undefined ? current.yaml.locate(['layout']) : configKeyAt(workspace, 'layout'),
    configKeyAt(workspace, 'charter_roles'),
  );
  if (!rendered.ok) return failed([...carried, ...composed.diagnostics, ...rendered.diagnostics]);

  const path = outputPath(workspace.config, { phase: current.spec.phase, wave: current.spec.wave });
  const misplaced = await outputLocationProblems(workspace, chain.chain, path);
  if (misplaced.length > 0) return failed([...carried, ...composed.diagnostics, ...misplaced]);
  const { text, lineOwners, used, constraintTexts } = rendered.rendered;
  const prompt = { path, text };
  const tooComplex = promptLimitProblem(text, lineOwners, workspace);
  if (tooComplex) return failed([...carried, ...composed.diagnostics, tooComplex]);
  const tokenizer = await getTokenizer(workspace.config.encoding);
  const files = new Map(used.map((f) => [f.id, f.file.path]));
  const stats = analysePrompt(text, tokenizer, { owners: lineOwners, files });
  const provenance = buildProvenance(workspace, chain.chain, used, prompt);
  const compilation: Compilation = {
    workspace,
    chain: chain.chain,
    composition,
    prompt,
    lineOwners,
    constraintTexts,
    stats,
    provenance,
  };
  const diagnostics = sortDiagnostics([...carried, ...composed.diagnostics]);
  return {
    ok: !hasErrors(diagnostics),
    prompt,
    stats,
    sections: stats.sections,
    provenance,
    diagnostics,
    facts: compilation,
  };
}

/**
 * The phase's chain findings about this wave's `predecessor`, for a compile that composition stopped: a wrong
 * predecessor is the root of the drops and constraints it breaks, so it is reported with them, not only once they
 * are fixed (the phase-wide checks otherwise run only on a compiled prompt).
 */
async function chainProblems(workspace: Workspace, current: LoadedSpec): Promise<Diagnostic[]> {
  const found = await checkPhase(workspace, current.spec.phase);
  return found.filter((d) => d.code === 'phase-predecessor-chain' && d.file === current.file.path);
}

/** The spec chain's own problems, for a compile whose workspace failed to load: one run shows both. */
async function specProblems(root: string, request: CompileRequest): Promise<Diagnostic[]> {
  const absoluteRoot = resolve(root);
  const config = await loadConfig(absoluteRoot);
  if (!config.ok) return [];
  const specs = new SpecStore(absoluteRoot, config.config);
  const found = await specs.find(request.wave, request.phase);
  if (!found.ok) return [];
  const chain = await specs.chain(found.ref);
  return chain.ok ? [] : chain.diagnostics;
}

/**
 * A rendered prompt too large or too intricate to analyse (a loop that
 * multiplied a fragment, a spec string full of `>`), reported at the
 * fragment that wrote the offending line: the prompt itself is not written.
 */
function promptLimitProblem(text: string, lineOwners: readonly string[], workspace: Workspace): Diagnostic | undefined {
  const problem = markdownLimitProblem(text);
  if (!problem) return undefined;
  const { line } = new LineIndex(text).position(problem.offset);
  const owner = workspace.fragments.get(lineOwners[Math.min(line, lineOwners.length) - 1] ?? '');
  const file = owner?.file.path ?? workspace.config.templates_dir;
  return diagnostic(
    problem.code,
    'error',
    `the compiled prompt is too much to analyse: ${problem.message} ` +
      `(prompt line ${line}, from this fragment or the spec values it prints)`,
    fileStart(file),
  );
}

/**
 * Writes a compiled prompt and its provenance. Refuses when the compile has
 * errors: a prompt that failed its checks must not replace a good one.
 */
export async function emitPrompt(
  result: CompileResult,
  root: string,
  options: WriteOptions = {},
): Promise<{ ok: true; status: WriteStatus } | { ok: false; diagnostics: Diagnostic[] }> {
  if (!result.prompt || !result.provenance) throw new TypeError('emitPrompt needs a compile result that has a prompt');
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  return writePrompt(root, result.prompt, result.provenance, options);
}
