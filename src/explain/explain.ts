import type { FragmentStats, PromptStats } from '../schema/stats.js';
import { getTokenizer } from '../analyse/tokens.js';
import { materialiseRevision } from '../authoring/git-revision.js';
import { assertWaveNumber, useWorkspace } from '../authoring/workspace-arg.js';
import { compileWave } from '../compile.js';
import { diagnostic, fileStart, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Workspace } from '../load/workspace.js';
import type { Budget, Encoding } from '../schema/config.js';
import type { Layer } from '../schema/fragment.js';
import { splitLines } from '../util/text.js';

export interface ExplainRequest {
  wave: number;
  /** Needed only when the wave number exists in several phases. */
  phase?: number;
  /** A git revision (branch, tag, commit) to compare each fragment's tokens against. */
  base?: string;
}

export interface BudgetTotals {
  lines: number;
  tokens: number;
  encoding: string;
}

/** One part of the prompt: the heading block, then each `## ` section; together they are the whole prompt. */
export interface SectionBudget {
  title: string;
  /** 1-based first and last line in the prompt. */
  line: number;
  endLine: number;
  lines: number;
  tokens: number;
}

export interface FragmentDelta {
  /** `new`: the fragment produced no line at the base revision. */
  status: 'new' | 'changed' | 'same';
  /** This revision minus the base. */
  tokens: number;
  lines: number;
}

export interface FragmentBudget extends FragmentStats {
  /** Which library it came from: wavec's own (`base`) or the workspace's templates folder (`user`). */
  layer: Layer;
  /** Against `base`; null without a base or when the base did not compile. */
  delta: FragmentDelta | null;
}

export interface BaseComparison {
  revision: string;
  commit: string | null;
  /** Null when the wave could not be compiled at the base (then `diagnostics` says why). */
  totals: BudgetTotals | null;
  /** Fragments that produced lines at the base and none now. */
  removed: FragmentStats[];
  diagnostics: Diagnostic[];
}

export interface BudgetExplanation {
  /** False when input errors kept the prompt from being compiled; then only `diagnostics` has content. */
  compiled: boolean;
  wave: number;
  phase: number | null;
  /** Workspace-relative path of the prompt. */
  path: string | null;
  budget: Budget | null;
  totals: BudgetTotals | null;
  sections: SectionBudget[];
  /** Largest first. */
  fragments: FragmentBudget[];
  base: BaseComparison | null;
  /** The compile's diagnostics (a prompt over budget is explained, not refused). */
  diagnostics: Diagnostic[];
}

/**
 * Where a wave's token and line budget goes: per section and per fragment,
 * from the compile's own measurements. With `base`, each fragment's tokens
 * are compared with the same wave compiled at that git revision, so a
 * review sees which fragment grew the prompt. Never writes to the workspace.
 */
export async function explainBudget(
  workspaceOrRoot: Workspace | string,
  request: ExplainRequest,
): Promise<BudgetExplanation> {
  assertWaveNumber(request.wave, 'wave');
  const { workspace, diagnostics: loadProblems } = await useWorkspace(workspaceOrRoot);
  const { wave, phase } = request;
  const result = workspace ? await compileWave(workspace, phase === undefined ? { wave } : { wave, phase }) : undefined;
  const explanation: BudgetExplanation = {
    compiled: result?.prompt !== undefined,
    wave,
    phase: result?.facts?.chain.at(-1)?.spec.phase ?? phase ?? null,
    path: result?.prompt?.path ?? null,
    budget: result?.facts?.composition.context.budget ?? null,
    totals: result?.stats ? totalsOf(result.stats) : null,
    sections:
      workspace && result?.prompt && result.stats
        ? await sectionsOf(result.prompt.text, result.stats, workspace.config.encoding)
        : [],
    fragments: (result?.stats?.fragments ?? []).map((f) => ({
      ...f,
      layer: workspace?.fragments.get(f.id)?.layer ?? 'base',
      delta: null,
    })),
    base: null,
    diagnostics: sortDiagnostics([...loadProblems, ...(result?.diagnostics ?? [])]),
  };
  if (request.base !== undefined && workspace && explanation.compiled) {
    explanation.base = await compareWithBase(workspace.root, request, explanation);
  }
  return explanation;
}

function totalsOf(stats: PromptStats): BudgetTotals {
  return { lines: stats.lines, tokens: stats.tokens, encoding: stats.encoding };
}

/** The heading block before the first `## `, then the `## ` sections: a partition of the prompt. */
async function sectionsOf(text: string, stats: PromptStats, encoding: Encoding): Promise<SectionBudget[]> {
  const top = stats.sections.filter((s) => s.depth === 2);
  const firstLine = top[0]?.line ?? stats.lines + 1;
  const parts: SectionBudget[] = [];
  if (firstLine > 1) {
    const tokenizer = await getTokenizer(encoding);
    const head = splitLines(text).slice(0, firstLine - 1);
    const title =
      stats.sections.find((s) => s.depth === 1 && s.line < firstLine)?.title ?? '(before the first section)';
    parts.push({
      title,
      line: 1,
      endLine: firstLine - 1,
      lines: firstLine - 1,
      tokens: tokenizer.count(head.join('\n')),
    });
  }
  for (const s of top)
    parts.push({ title: s.title, line: s.line, endLine: s.endLine, lines: s.lines, tokens: s.tokens });
  return parts;
}

async function compareWithBase(
  root: string,
  request: ExplainRequest,
  current: BudgetExplanation,
): Promise<BaseComparison> {
  const revision = request.base!;
  const failed = (message: string, commit: string | null = null): BaseComparison => ({
    revision,
    commit,
    totals: null,
    removed: [],
    diagnostics: [diagnostic('explain-base', 'error', message, fileStart('.'))],
  });
  const materialised = await materialiseRevision(root, revision);
  if (!materialised.ok) return failed(materialised.message);
  const { tree } = materialised;
  try {
    const { wave, phase } = request;
    const base = await compileWave(tree.dir, phase === undefined ? { wave } : { wave, phase });
    if (!base.stats) {
      // Said as what is at the revision: a bare `spec-not-found` reads as if the wave were missing now.
      if (base.diagnostics.some((d) => d.code === 'spec-not-found')) {
        return failed(
          `wave ${wave}${phase === undefined ? '' : ` of phase ${phase}`} is not at ${revision}: ` +
            `it has no spec there (new since ${revision}?), so there is nothing to compare with`,
          tree.commit,
        );
      }
      return {
        revision,
        commit: tree.commit,
        totals: null,
        removed: [],
        diagnostics: base.diagnostics.map((d) => ({ ...d, message: `at ${revision}: ${d.message}` })),
      };
    }
    const before = new Map(base.stats.fragments.map((f) => [f.id, f]));
    for (const fragment of current.fragments) {
      const old = before.get(fragment.id);
      fragment.delta = old
        ? {
            status: old.tokens === fragment.tokens && old.lines === fragment.lines ? 'same' : 'changed',
            tokens: fragment.tokens - old.tokens,
            lines: fragment.lines - old.lines,
          }
        : { status: 'new', tokens: fragment.tokens, lines: fragment.lines };
    }
    const now = new Set(current.fragments.map((f) => f.id));
    return {
      revision,
      commit: tree.commit,
      totals: totalsOf(base.stats),
      removed: base.stats.fragments.filter((f) => !now.has(f.id)),
      diagnostics: base.diagnostics,
    };
  } finally {
    await tree.cleanup();
  }
}
