import path from 'node:path';
import { analysePrompt } from './analyse/analyse.js';
import type { PromptStats } from './schema/stats.js';
import { carryOwners } from './analyse/carry-owners.js';
import { markdownLimitProblem } from './syntax/markdown-limits.js';
import { getTokenizer } from './analyse/tokens.js';
import { checkPrompt } from './check/check.js';
import { locateAtSources } from './check/source-locations.js';
import { checkPhase } from './check/phase.js';
import type { DriftFacts, RuleContext } from './check/rule.js';
import { compileUnchecked, type CompileResult } from './compile.js';
import {
  dedupeDiagnostics,
  diagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from './diagnostics/diagnostic.js';
import { readSidecar } from './load/provenance.js';
import { outputPath, provenancePath } from './load/output-path.js';
import type { LoadedSpec } from './load/specs.js';
import type { Provenance } from './schema/provenance.js';
import { earlierChainChange, type ChainChangeMemo } from './check/chain-change.js';
import type { InputChange } from './check/provenance-diff.js';
import { waveWritingTo } from './load/prompt-owner.js';
import { promptIdentityProblem } from './check/prompt-identity.js';
import { locatePrompt, type PromptLocation } from './load/prompt-location.js';
import { readSource, toDisplayPath, type SourceFile } from './load/read-source.js';
import { loadWorkspace, type Workspace } from './load/workspace.js';
import { LineIndex, splitLines } from './util/text.js';

export interface LintOptions {
  /** Report warnings as errors. */
  strict?: boolean;
  /** Compare a compiled prompt with a fresh compile and its provenance (rule `prompt-drift`). */
  drift?: boolean;
}

export interface LintResult {
  /** The prompt's path as diagnostics name it (workspace-relative when inside the workspace). */
  path: string;
  /** True when no diagnostic has error severity (after `strict`). */
  ok: boolean;
  /** True when a provenance sidecar next to the prompt named the spec it was compiled from. */
  compiled: boolean;
  /** Measured on the text linted; per fragment only for a compiled prompt. */
  stats: PromptStats;
  /** Sorted by file and position. */
  diagnostics: Diagnostic[];
}

/** A lint result with what the CLI and `wavec report` need beyond it. */
export interface LintDetails {
  result: LintResult;
  /** The prompt's text as linted, for source excerpts. */
  text: string | undefined;
  /** A problem with the inputs (unreadable file, bad sidecar, a spec that no longer compiles), not a finding. */
  inputError: boolean;
  /** The fresh compile of a compiled prompt. */
  compile?: CompileResult;
}

/**
 * Lints one prompt. A compiled prompt (one with a `<name>.provenance.json`
 * sidecar naming its spec) is checked by every rule, with the facts of a
 * fresh in-memory compile of its wave, but on the text being linted. A
 * hand-written prompt is checked by the rules that need no spec, with the
 * required sections and budget from the config. With `input.text`, that
 * text is linted and `input.path` only names it (nothing is read for it).
 * Content problems come back as diagnostics; this does not throw for them.
 */
export async function lintPrompt(
  workspaceOrRoot: Workspace | string,
  input: { path: string; text?: string },
  options: LintOptions = {},
): Promise<LintResult> {
  if (typeof workspaceOrRoot === 'string') {
    const loaded = await loadWorkspace(workspaceOrRoot);
    if (!loaded.ok)
      return {
        path: toDisplayPath(input.path),
        ok: false,
        compiled: false,
        stats: emptyStats('o200k_base'),
        diagnostics: sortDiagnostics(loaded.diagnostics),
      };
    return (await lintWithDetails(loaded.workspace, input, options)).result;
  }
  return (await lintWithDetails(workspaceOrRoot, input, options)).result;
}

/**
 * {@link lintPrompt} with what the CLI and `wavec report` need beyond its result. `compiled`, an unchecked compile
 * ({@link compileUnchecked}) the caller already has (`wavec report` and `wavec pr` compile before they lint), is used
 * instead of compiling again when the prompt's sidecar names its wave.
 */
export async function lintWithDetails(
  workspace: Workspace,
  input: { path: string; text?: string },
  options: LintOptions = {},
  compiled?: CompileResult,
): Promise<LintDetails> {
  const { config } = workspace;
  const tokenizer = await getTokenizer(config.encoding);
  const located = locatePrompt(workspace.root, input.path);
  const finish = (
    details: Omit<LintDetails, 'result'> & { compiled: boolean; stats: PromptStats; diagnostics: Diagnostic[] },
  ): LintDetails => {
    let diagnostics = dedupeDiagnostics(details.diagnostics);
    if (options.strict)
      diagnostics = diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
    diagnostics = sortDiagnostics(diagnostics);
    const { compiled, stats, ...rest } = details;
    return { ...rest, result: { path: located.display, ok: !hasErrors(diagnostics), compiled, stats, diagnostics } };
  };

  let text = input.text;
  if (text === undefined) {
    const read = await readPrompt(workspace.root, located, config.max_file_bytes);
    if (!read.ok)
      return finish({
        text: undefined,
        inputError: true,
        compiled: false,
        stats: emptyStats(config.encoding),
        diagnostics: read.diagnostics,
      });
    text = read.file.text;
  }
  // Markdown beyond the limits compile enforces would take remark and the tokenizer super-linear time: refused,
  // located.
  const tooComplex = markdownLimitProblem(text);
  if (tooComplex) {
    const { line, column } = new LineIndex(text).position(tooComplex.offset);
    const refused = diagnostic(tooComplex.code, 'error', `the prompt is too much to analyse: ${tooComplex.message}`, {
      file: located.display,
      line,
      column,
    });
    return finish({
      text,
      inputError: true,
      compiled: false,
      stats: emptyStats(config.encoding),
      diagnostics: [refused],
    });
  }

  // Only a file on disk inside the workspace can have a sidecar naming a spec of this workspace.
  const sidecar =
    input.text === undefined && located.inside
      ? await readSidecar(workspace.root, located.display, { maxFileBytes: config.max_file_bytes })
      : { kind: 'none' as const };
  if (sidecar.kind === 'invalid') {
    return finish({
      text,
      inputError: true,
      compiled: false,
      stats: analysePrompt(text, tokenizer),
      diagnostics: sidecar.diagnostics,
    });
  }
  if (sidecar.kind === 'none') {
    const stats = analysePrompt(text, tokenizer);
    const context: RuleContext = {
      prompt: { path: located.display, text, stats },
      budget: config.budget,
      compiled: undefined,
      config,
    };
    const diagnostics = checkPrompt(context);
    // The gate: a prompt at a wave's path without its sidecar was not written by wavec, whatever it says.
    if (options.drift && input.text === undefined && located.inside) {
      const owner = compiled?.provenance ?? (await waveWritingTo(workspace, located.display));
      if (owner) diagnostics.push(await unrecordedPrompt(workspace, located.display, text, owner, compiled));
    }
    return finish({ text, inputError: false, compiled: false, stats, diagnostics });
  }

  const { provenance } = sidecar;
  // The wave is the one whose path this is (the caller's, else the one the specs and config place here); the sidecar
  // only claims one, and a claim of another wave fails the gate.
  const owner = compiled?.provenance ?? (await waveWritingTo(workspace, located.display));
  const identity = promptIdentityProblem(
    located.display,
    { path: sidecar.file.path, text: sidecar.file.text, provenance },
    owner,
  );
  // The sidecar's claim is an input problem, like a sidecar that is not provenance: nothing is measured on a prompt
  // that is not known to be this path's compile.
  if (identity)
    return finish({
      text,
      inputError: true,
      compiled: true,
      stats: analysePrompt(text, tokenizer),
      diagnostics: [identity],
    });
  const target = owner ?? provenance;
  const sameWave = compiled?.provenance?.phase === target.phase && compiled.provenance.wave === target.wave;
  const compile =
    compiled && sameWave ? compiled : await compileUnchecked(workspace, { wave: target.wave, phase: target.phase });
  // What no single spec shows: a module in two waves, a gap in the predecessor chain.
  const phaseFindings = await checkPhase(workspace, target.phase);
  if (!compile.prompt || !compile.facts || !compile.provenance || !compile.stats) {
    return finish({
      text,
      inputError: true,
      compiled: true,
      stats: analysePrompt(text, tokenizer),
      diagnostics: [...compile.diagnostics, ...phaseFindings],
      compile,
    });
  }
  const files = new Map(compile.stats.fragments.map((f) => [f.id, f.file]));
  const owners = carryOwners(splitLines(compile.prompt.text), compile.facts.lineOwners, splitLines(text));
  const stats = text === compile.prompt.text ? compile.stats : analysePrompt(text, tokenizer, { owners, files });
  const chainChange = options.drift
    ? await chainChangeOf(workspace, provenance, compile.provenance, compile.facts.chain)
    : undefined;
  const drift: DriftFacts | undefined = options.drift
    ? {
        sidecarPath: sidecar.file.path,
        sidecarText: sidecar.file.text,
        recorded: provenance,
        fresh: compile.provenance,
        freshText: compile.prompt.text,
        ...(chainChange ? { chainChange } : {}),
      }
    : undefined;
  const context: RuleContext = {
    prompt: { path: located.display, text, stats, lineOwners: owners },
    budget: compile.facts.composition.context.budget,
    compiled: compile.facts,
    config,
    ...(drift ? { drift } : {}),
  };
  // The compile ran no rules: they check the text being linted, once.
  const findings = checkPrompt(context);
  // Text as compiled came from the specs and fragments: point there, as compile does. A hand-edited prompt's findings
  // stay in it.
  const atSources =
    text === compile.prompt.text
      ? locateAtSources(findings, {
          path: located.display,
          text,
          lineOwners: compile.facts.lineOwners,
          chain: compile.facts.chain,
          fragments: compile.facts.workspace.fragments,
        })
      : findings;
  return finish({
    text,
    inputError: false,
    compiled: true,
    stats,
    diagnostics: [...compile.diagnostics, ...atSources, ...phaseFindings],
    compile,
  });
}

/**
 * A prompt at `owner`'s path with no sidecar: treated as written by hand, as compile treats it (it refuses to replace
 * it without `--force`), located at its first line, naming the command that puts the wave's compile there.
 */
async function unrecordedPrompt(
  workspace: Workspace,
  promptPath: string,
  text: string,
  owner: { phase: number; wave: number },
  compiled: CompileResult | undefined,
): Promise<Diagnostic> {
  const sameWave = compiled?.provenance?.phase === owner.phase && compiled.provenance.wave === owner.wave;
  const fresh = compiled && sameWave ? compiled : await compileUnchecked(workspace, owner);
  const current = fresh.prompt?.text === text;
  const command = `wavec compile ${owner.wave} --phase ${owner.phase}`;
  return diagnostic(
    'prompt-drift',
    'error',
    `${promptPath} is wave ${owner.wave} of phase ${owner.phase}'s prompt but has no sidecar ` +
      `(${provenancePath(promptPath)}), so wavec did not write it: it is treated as written by hand` +
      (current ? ', though it reads as a fresh compile' : ''),
    { file: promptPath, line: 1, column: 1 },
    {
      hint: current
        ? `run \`${command}\` to record it`
        : `move its edits into the wave spec or a fragment, then run \`${command} --force\` to replace it`,
    },
  );
}

/** Per workspace snapshot: the predecessors' sidecars read once, and the walks already made (see chain-change.ts). */
const chainWalks = new WeakMap<
  Workspace,
  { memo: ChainChangeMemo; sidecars: Map<string, Promise<Provenance | undefined>> }
>();

/** Which earlier wave changed, when the predecessor is the same spec but the chain before it is not. */
async function chainChangeOf(
  workspace: Workspace,
  recorded: Provenance,
  fresh: Provenance,
  chain: readonly LoadedSpec[],
): Promise<InputChange | undefined> {
  const before = recorded.predecessor;
  const after = fresh.predecessor;
  if (!before || !after || before.path !== after.path || before.hash !== after.hash || before.chain === after.chain)
    return undefined;
  let walks = chainWalks.get(workspace);
  if (!walks) chainWalks.set(workspace, (walks = { memo: new Map(), sidecars: new Map() }));
  const { sidecars } = walks;
  const recordedOf = (link: LoadedSpec) => {
    let read = sidecars.get(link.file.path);
    if (!read) {
      const promptPath = outputPath(workspace.config, link.spec);
      read = readSidecar(workspace.root, promptPath, { maxFileBytes: workspace.config.max_file_bytes }).then((r) =>
        r.kind === 'ok' ? r.provenance : undefined,
      );
      sidecars.set(link.file.path, read);
    }
    return read;
  };
  return earlierChainChange(before, chain.slice(0, -1), recordedOf, walks.memo);
}

/** Reads a prompt with the workspace's input checks; a prompt outside the workspace is read from its own folder. */
async function readPrompt(
  root: string,
  located: PromptLocation,
  maxFileBytes: number,
): Promise<{ ok: true; file: SourceFile } | { ok: false; diagnostics: Diagnostic[] }> {
  if (located.inside) return readSource(root, located.display, { maxFileBytes });
  const name = path.basename(located.absolute);
  const read = await readSource(path.dirname(located.absolute), name, { maxFileBytes });
  if (read.ok) return read;
  return {
    ok: false,
    diagnostics: read.diagnostics.map((d) => ({
      ...d,
      file: located.display,
      message: d.message.replace(name, located.display),
    })),
  };
}

function emptyStats(encoding: string): PromptStats {
  return { lines: 0, tokens: 0, encoding, sections: [], fragments: [] };
}
