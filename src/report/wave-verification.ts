import { access } from 'node:fs/promises';
import path from 'node:path';
import type { PromptStats } from '../schema/stats.js';
import {
  checkCompilation,
  compileUnchecked,
  type Compilation,
  type CompileRequest,
  type CompileResult,
} from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { outputPath } from '../load/output-path.js';
import { lintWithDetails } from '../lint.js';
import type { Workspace } from '../load/workspace.js';
import { buildVerification, type Verification } from './verification.js';
import { carryOwners } from '../analyse/carry-owners.js';
import { splitLines } from '../util/text.js';

export interface MeasuredWave {
  verification: Verification;
  /** The prompt measured: the committed one when there is one, else the fresh compile's. */
  prompt: { path: string; text: string; stats: PromptStats };
  /** The compilation of that prompt. */
  facts: Compilation;
  /** Where the predecessor's prompt is, when the wave has one. */
  predecessorPrompt: string | undefined;
  /** Whether the prompt is on disk (measured as linted) rather than only compiled. */
  committed: boolean;
}

/**
 * The Verification checklist of a wave, measured on what will be shipped:
 * the committed prompt when there is one (linted, so its rules' findings
 * count, and checked against this wave's current compile: a stale prompt or another wave's ticks no box), else a fresh
 * compile. `wavec report` prints it; `wavec pr` puts it
 * in the PR body. Input errors come back as diagnostics. `compiled`: this
 * wave's unchecked compile of `workspace`, when the caller has made it.
 */
export async function measureWave(
  workspace: Workspace,
  request: CompileRequest,
  compiled?: CompileResult,
): Promise<{ ok: true; measured: MeasuredWave } | { ok: false; diagnostics: Diagnostic[] }> {
  // One compile: the committed prompt is linted against it, else its own text is checked.
  compiled ??= await compileUnchecked(workspace, request);
  if (!compiled.prompt || !compiled.facts || !compiled.stats) return { ok: false, diagnostics: compiled.diagnostics };

  const committed = await access(path.join(workspace.root, compiled.prompt.path)).then(
    () => true,
    () => false,
  );
  const linted = committed
    ? await lintWithDetails(workspace, { path: compiled.prompt.path }, { drift: true }, compiled)
    : undefined;
  if (linted?.inputError) return { ok: false, diagnostics: linted.result.diagnostics };
  const diagnostics = linted ? linted.result.diagnostics : (await checkCompilation(compiled)).diagnostics;
  const facts = linted?.compile?.facts ?? compiled.facts;
  const chain = facts.chain;
  const predecessor = chain.length > 1 ? chain[chain.length - 2]!.spec : undefined;
  const predecessorPrompt = predecessor
    ? outputPath(workspace.config, { phase: predecessor.phase, wave: predecessor.wave })
    : undefined;
  const prompt = {
    path: compiled.prompt.path,
    text: linted?.text ?? compiled.prompt.text,
    stats: linted?.result.stats ?? compiled.stats,
  };
  // The honesty section is the one the honesty role's fragment headed, whatever its title.
  const owners =
    prompt.text === compiled.prompt.text
      ? facts.lineOwners
      : carryOwners(splitLines(compiled.prompt.text), facts.lineOwners, splitLines(prompt.text));
  const honestySection = prompt.stats.sections.find(
    (s) => s.depth <= 2 && workspace.fragments.get(owners[s.line - 1] ?? '')?.meta.role === 'honesty',
  );
  const verification = buildVerification({
    path: prompt.path,
    honestySection,
    text: prompt.text,
    stats: prompt.stats,
    budget: facts.composition.context.budget,
    composition: facts.composition,
    predecessorPrompt,
    diagnostics,
  });
  return { ok: true, measured: { verification, prompt, facts, predecessorPrompt, committed } };
}
