import { configKeyAt } from '../load/config.js';
import type { CompileRequest, CompileResult } from '../compile.js';
import { measureWave } from '../report/wave-verification.js';
import type { Verification } from '../report/verification.js';
import { dedupeDiagnostics, fileStart, type Diagnostic } from '../diagnostics/diagnostic.js';
import { waveArgument } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import { renderPrompt } from '../render/render.js';
import { prContext } from './context.js';
import { wrapCommitMessage } from './wrap.js';

/** The layouts `wavec pr` renders; they live in the fragment library like every other layout. */
export const PR_BODY_LAYOUT = 'pr-body';
export const PR_COMMIT_LAYOUT = 'pr-commit-message';

export interface PullRequest {
  title: string;
  /** Markdown, for the forge's description field. */
  body: string;
  /** The title, a blank line, and a summary wrapped at 72 columns; no final newline. */
  commit_message: string;
  labels: string[];
  /** Where `--write` puts it: next to the prompt (`prompts/phase-02-wave-4.pr.md`). */
  path: string;
}

export interface PullRequestResult {
  /** Every applicable Verification box is ticked. */
  ok: boolean;
  pr?: PullRequest;
  verification?: Verification;
  diagnostics: Diagnostic[];
  /** Nothing could be rendered: the wave or a layout has input errors. */
  inputError: boolean;
  /** The prompt the pull request adds, and whether it is compiled to disk yet. */
  prompt?: { path: string; committed: boolean };
}

/**
 * The pull request that adds a wave's prompt: rendered from the same
 * composition as the prompt, with the Verification checklist measured on
 * the prompt that will be shipped. Never writes.
 */
export async function buildPullRequest(
  workspace: Workspace,
  request: CompileRequest,
  compiled?: CompileResult,
): Promise<PullRequestResult> {
  const measured = await measureWave(workspace, request, compiled);
  if (!measured.ok) return { ok: false, diagnostics: measured.diagnostics, inputError: true };
  const { facts, verification, prompt, committed } = measured.measured;
  // `wavec handback 4` is ambiguous once another phase has a wave 4 too.
  const { spec } = facts.chain[facts.chain.length - 1]!;
  const context = prContext(measured.measured, waveArgument(await workspace.specs.waves(), spec));
  const composition = { ...facts.composition, context };
  const at = fileStart(workspace.config.templates_dir);
  const rolesAt = configKeyAt(workspace, 'charter_roles');
  const body = renderPrompt(workspace.fragments, PR_BODY_LAYOUT, composition, at, rolesAt);
  const commit = renderPrompt(workspace.fragments, PR_COMMIT_LAYOUT, composition, at, rolesAt);
  if (!body.ok || !commit.ok) {
    const diagnostics = [...(body.ok ? [] : body.diagnostics), ...(commit.ok ? [] : commit.diagnostics)];
    return { ok: false, diagnostics: dedupeDiagnostics(diagnostics), inputError: true };
  }
  const pr: PullRequest = {
    title: context.pr.title,
    body: body.rendered.text,
    commit_message: `${context.pr.title}\n\n${wrapCommitMessage(commit.rendered.text).trimEnd()}`,
    labels: context.pr.labels,
    path: prPath(prompt.path),
  };
  return {
    ok: verification.ok,
    pr,
    verification,
    diagnostics: [],
    inputError: false,
    prompt: { path: prompt.path, committed },
  };
}

/** `prompts/phase-02-wave-4.md` → `prompts/phase-02-wave-4.pr.md`. */
export function prPath(promptPath: string): string {
  return `${promptPath.replace(/\.md$/, '')}.pr.md`;
}
