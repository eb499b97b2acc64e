import path from 'node:path';
import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { outputPath } from '../load/output-path.js';
import type { Workspace } from '../load/workspace.js';
import { proposeCharterRoles } from '../schema/charter-roles.js';
import { padPhase, waveName, type LoadedSpec } from '../load/specs.js';
import { DEFAULT_OPERATOR, operatorRole, type Budget } from '../schema/config.js';
import { agentTable, type AgentDefinition } from '../schema/agents.js';
import { unknownAgentProblem } from '../load/config.js';
import { expandPlaceholders } from '../util/placeholders.js';
import { resolveWaveAddress, type Module, type ModuleLifecycle } from '../schema/spec.js';
import { resolveConstraints, type ConstraintSet, type ResolvedConstraint } from './constraints.js';
import { patternFitsModule, resolvePattern, type ResolvedPattern } from './patterns.js';
import { handBackView, type HandBackView } from './hand-back.js';
import { derivePrPlan, type PrPlan } from './pr-plan.js';
import { newPatternFragments, type PatternUse } from './wave-diff.js';

/**
 * The view model templates render. Every optional value is present as `null`
 * (or an empty list): templates run in Handlebars strict mode, where a
 * missing field is an error, so absence has to be explicit.
 */
export interface RenderContext {
  phase: number;
  phase_padded: string;
  wave: number;
  title: string;
  subsystem: string;
  mission: string;
  compose: { project: string; profile: string | null };
  /**
   * The wave whose constraints this one inherits. `name` is how the prompt
   * calls it: `wave 3` in the same phase, `phase 02 wave 4` across phases
   * (`same_phase` false); `prompt` is its compiled prompt's path.
   */
  predecessor: {
    phase: number;
    phase_padded: string;
    wave: number;
    title: string;
    name: string;
    same_phase: boolean;
    prompt: string;
  } | null;
  /**
   * The agent the prompt is written for (the spec's `agent`, else the config's): `name` is how the prompt addresses
   * it, `trigger` its command line on this wave's prompt.
   */
  agent: { id: string; name: string; trigger: string };
  /**
   * Who reviews, merges, deploys and confirms, as the config names them (`operator`, default "the operator"): `name`
   * as it reads in a sentence, `role` without its article ("operator"), `Role` with a capital ("Operator readback").
   */
  operator: { name: string; role: string; Role: string };
  /** The charter's path from the workspace root (the config's `charter`), where the agent running there finds it. */
  charter_file: string;
  /** The charter section of each role the config maps (`charter_roles`) to a section the charter has. */
  charter_roles: Record<string, { section: number; title: string }>;
  /** Every section of the charter, in order, and the roles the config maps to a section it lacks: for errors. */
  charter_sections: { section: number; title: string }[];
  charter_roles_missing: Record<string, number>;
  /** `heading` and `caution` are null when the spec leaves them to the fragment's default wording. */
  why: { heading: string | null; stakes: string; reasons: string[]; caution: string | null };
  pivot: { proposed: string; finding: string; decision: string; rationale: string; do_not_propose: string[] } | null;
  modules: ModuleView[];
  /**
   * The modules by lifecycle, in spec order (`running`: existing and changed ones), and `wave`: the lifecycle all
   * modules share, or `mixed`. Fragments word a wave-wide sentence by `wave` and name the modules where they differ.
   */
  lifecycles: {
    wave: ModuleLifecycle | 'mixed';
    existing: ModuleView[];
    changed: ModuleView[];
    new: ModuleView[];
    running: ModuleView[];
    /** The new and changed modules: their PRs write the module's compose definition and configuration. */
    writes_compose: ModuleView[];
  };
  /** The modules by kind, in spec order: a wave with no stateful module has no backup or restore to write. */
  kinds: Record<Module['kind'], ModuleView[]>;
  /** The modules with volumes to check: the stateful ones and any that declares `volumes`. */
  with_volumes: ModuleView[];
  /** The modules this wave revisits (`revisits`): their manifests are revised where an earlier wave wrote them. */
  revisiting: ModuleView[];
  cross_module_tasks: TaskView[];
  constraints: {
    inherited: ResolvedConstraint[];
    additional: ResolvedConstraint[];
    dropped: ConstraintSet['dropped'];
    /** Pattern-implied constraints of the predecessor whose pattern no module of this wave uses. */
    lapsed: ConstraintSet['lapsed'];
    /**
     * Every constraint of the predecessor not in force here, with its reason: the dropped ones (the spec's reason),
     * then the lapsed ones (the pattern no module uses any more). The prompt and the PR body list them, so none
     * disappears unseen.
     */
    no_longer_in_force: { id: string; reason: string }[];
  };
  new_patterns: string[];
  /** Pattern fragments this wave uses that no predecessor did (`wavec diff`); empty for a first wave. */
  new_pattern_fragments: PatternUse[];
  charter_refs: { section: number; title: string; why: string }[];
  canary_prs: { number: number; what: string }[];
  /** `#29, #30, #32–34`: runs of three or more collapse to a range. */
  canary_summary: string;
  /** `prs[].branch`: the branch each PR is opened from, `branch_prefix` + its module or task id. */
  pr_plan: { total: number; prs: (PrPlan['prs'][number] & { branch: string })[]; branch_prefix: string };
  /** What the spec says plus what the contract derives; the PR count is `pr_plan.total`. */
  hand_back: HandBackView;
  budget: Budget;
  trigger: { after: string | null; commands: string[]; note: string | null };
}

export interface ModuleView {
  id: string;
  /** The compose service: the spec's `service`, else the module id. */
  service: string;
  /** The containers the health observation names: the spec's `containers`, else the service. */
  containers: string[];
  /** Whether the spec names the service or the containers (the Modules section then says them). */
  names_declared: boolean;
  containers_declared: boolean;
  kind: Module['kind'];
  /** Whether the module runs when the wave starts (`existing`, `changed`) or its PR adds it (`new`). */
  lifecycle: ModuleLifecycle;
  image: string | null;
  backup_priority: Module['backup_priority'] | null;
  statefulness: NonNullable<Module['statefulness']> | null;
  exposure: string | null;
  volumes: string[];
  similar_to: string | null;
  /**
   * The earlier wave whose manifest of this module this wave revises
   * (`revisits`): `name` as the prompt says it (`wave 2`, `phase 01 wave 3`),
   * `canary` the number of a canary PR whose description names the module.
   */
  revisits: { phase: number; wave: number; name: string; canary: number | null } | null;
  notes: string[];
  pattern: { id: string; title: string };
  restore_steps: string[];
  /** The module's PR number in the plan. */
  pr: number;
  branch: string;
}

export interface TaskView {
  id: string;
  title: string;
  file: string;
  change: string;
  why: string | null;
  /** Null: the fragment's default wording (only the change, nothing else in the file). */
  diff_scope: string | null;
  pr: number;
  branch: string;
}

export interface Composition {
  context: RenderContext;
  constraints: ConstraintSet;
  plan: PrPlan;
  /** Pattern resolved for each module, by module id. */
  patterns: ReadonlyMap<string, ResolvedPattern>;
  /**
   * Where the spec writes `field` of an object of the context (a module, a task, `why`, …), or where it would
   * write it when it is absent (the object's mapping); undefined for a value the spec does not write.
   */
  locateValue(holder: object, field: string): { at: SourceLocation; key: string } | undefined;
}

/** Turns a spec chain (oldest first) into the render context of its last wave. */
export function compose(
  workspace: Workspace,
  chain: readonly LoadedSpec[],
): { composition?: Composition; diagnostics: Diagnostic[] } {
  const current = chain[chain.length - 1];
  if (!current) throw new TypeError('compose() needs at least one spec');
  const { spec, yaml } = current;
  const diagnostics: Diagnostic[] = [];

  const patterns = new Map<string, ResolvedPattern>();
  spec.modules.forEach((module, i) => {
    const resolved = resolvePattern(workspace.fragments, module.pattern, yaml.locate(['modules', i, 'pattern']));
    if (!resolved.ok) {
      diagnostics.push(...resolved.diagnostics);
      return;
    }
    patterns.set(module.id, resolved.pattern);
    // A default lifecycle stands nowhere in the file: the pattern is then what the user edits.
    const at = {
      pattern: yaml.locate(['modules', i, 'pattern']),
      lifecycle: yaml.locate(['modules', i, writesLifecycle(yaml.value, i) ? 'lifecycle' : 'pattern']),
    };
    diagnostics.push(...patternFitsModule(resolved.pattern, module, at, workspace.fragments));
  });
  diagnostics.push(...duplicateIds(current));

  const { constraints, diagnostics: constraintProblems } = resolveConstraints(chain, workspace.fragments);
  diagnostics.push(...constraintProblems);
  const { plan, diagnostics: planProblems } = derivePrPlan(current);
  diagnostics.push(...planProblems);

  const charterRefs = spec.charter_refs.map((ref, i) => {
    const section = workspace.charter.sections.get(ref.section);
    if (!section) {
      const known = [...workspace.charter.sections.keys()].sort((a, b) => a - b).map((n) => `§${n}`);
      diagnostics.push(
        diagnostic(
          'charter-section-unknown',
          'error',
          `§${ref.section} is not a section of ${workspace.charter.file.path} ` +
            `(it has ${known.join(', ') || 'no § headings'})`,
          yaml.locate(['charter_refs', i, 'section']),
        ),
      );
    }
    return { section: ref.section, title: section?.title ?? '', why: ref.why };
  });

  const agentId = spec.agent ?? workspace.config.agent;
  const agent = agentTable(workspace.config.agents)[agentId];
  if (!agent) diagnostics.push(unknownAgent(workspace, agentId, yaml.locate(['agent'])));

  if (diagnostics.some((d) => d.severity === 'error') || !agent) return { diagnostics };

  const prompt = outputPath(workspace.config, spec);
  const trigger = expandPlaceholders(agent.trigger, { prompt });
  const prOf = new Map(plan.prs.map((pr) => [pr.id, pr.number]));
  const branchPrefix = spec.pr_plan.branch_prefix ?? defaultBranchPrefix(agent, spec.phase, spec.wave);
  const predecessorSpec = chain.length > 1 ? chain[chain.length - 2]!.spec : undefined;
  const modules: ModuleView[] = spec.modules.map((module) => {
    const pattern = patterns.get(module.id)!;
    const service = module.service ?? module.id;
    return {
      id: module.id,
      service,
      containers: module.containers ?? [service],
      names_declared: module.service !== undefined || module.containers !== undefined,
      containers_declared: module.containers !== undefined,
      kind: module.kind,
      lifecycle: module.lifecycle,
      image: module.image ?? null,
      backup_priority: module.backup_priority ?? null,
      statefulness: module.statefulness ?? null,
      exposure: module.exposure ?? null,
      volumes: module.volumes,
      similar_to: module.similar_to ?? null,
      revisits:
        module.revisits === undefined
          ? null
          : revisitView(spec, module.id, resolveWaveAddress(module.revisits, spec.phase)),
      notes: module.notes,
      pattern: { id: pattern.fragment.id, title: pattern.fragment.meta.title },
      restore_steps: pattern.restoreSteps,
      pr: prOf.get(module.id)!,
      branch: branchPrefix + module.id,
    };
  });
  const roles = charterRoles(workspace);
  const context: RenderContext = {
    phase: spec.phase,
    phase_padded: padPhase(spec.phase),
    wave: spec.wave,
    title: spec.title,
    subsystem: spec.subsystem,
    mission: spec.mission,
    compose: { project: spec.compose.project, profile: spec.compose.profile ?? null },
    agent: { id: agentId, name: agent.name, trigger },
    predecessor: predecessorSpec ? predecessorView(workspace, spec.phase, predecessorSpec) : null,
    operator: operatorView(workspace.config.operator ?? DEFAULT_OPERATOR),
    charter_file: charterPath(workspace.config.charter),
    ...roles,
    why: {
      heading: spec.why.heading ?? null,
      stakes: spec.why.stakes,
      reasons: spec.why.reasons,
      caution: spec.why.caution ?? null,
    },
    pivot: spec.pivot ?? null,
    modules,
    lifecycles: lifecyclesView(modules),
    kinds: kindsView(modules),
    with_volumes: modules.filter((module) => module.kind === 'stateful' || module.volumes.length > 0),
    revisiting: modules.filter((module) => module.revisits !== null),
    cross_module_tasks: spec.cross_module_tasks.map((task) => ({
      ...task,
      why: task.why ?? null,
      diff_scope: task.diff_scope ?? null,
      pr: prOf.get(task.id)!,
      branch: branchPrefix + task.id,
    })),
    constraints: {
      inherited: constraints.inherited,
      additional: constraints.additional,
      dropped: constraints.dropped,
      lapsed: constraints.lapsed,
      no_longer_in_force: [
        ...constraints.dropped.map(({ id, reason }) => ({ id, reason })),
        ...constraints.lapsed.map(({ id, pattern }) => ({
          id,
          reason: `lapsed: pattern \`${pattern}\` implied it, and no module of this wave uses that pattern.`,
        })),
      ],
    },
    new_patterns: spec.new_patterns,
    new_pattern_fragments: newPatternFragments(
      chain.map((loaded) => loaded.spec),
      workspace.fragments,
    ),
    charter_refs: charterRefs,
    canary_prs: spec.canary_prs,
    canary_summary: summarizePrNumbers(spec.canary_prs.map((pr) => pr.number)),
    pr_plan: {
      total: plan.total,
      prs: plan.prs.map((pr) => ({ ...pr, branch: branchPrefix + pr.id })),
      branch_prefix: branchPrefix,
    },
    // The section the honesty role maps to asks for claim labels: the Hand-back's line, the check and the report.
    hand_back: handBackView(spec.hand_back, roles.charter_roles.honesty ?? null, {
      subsystem: spec.subsystem,
      prs: plan.total,
      modules,
    }),
    budget: spec.budget ?? (configSets(workspace, 'budget') ? workspace.config.budget : agent.budget),
    trigger: {
      after: spec.trigger.after ?? null,
      commands: spec.trigger.commands ?? [trigger],
      note: spec.trigger.note ?? null,
    },
  };
  return {
    composition: { context, constraints, plan, patterns, locateValue: valueSources(current, context) },
    diagnostics,
  };
}

/**
 * The objects of the context that stand for a mapping of the spec, and the spec's path to it: their fields are
 * named as the spec names its keys.
 */
function valueSources({ yaml }: LoadedSpec, context: RenderContext): Composition['locateValue'] {
  const sources = new WeakMap<object, (string | number)[]>([
    [context, []],
    [context.compose, ['compose']],
    [context.why, ['why']],
    [context.trigger, ['trigger']],
  ]);
  if (context.pivot) sources.set(context.pivot, ['pivot']);
  context.modules.forEach((module, i) => sources.set(module, ['modules', i]));
  context.cross_module_tasks.forEach((task, i) => sources.set(task, ['cross_module_tasks', i]));
  return (holder, field) => {
    const path = sources.get(holder);
    if (path === undefined) return undefined;
    const key = [...path, field].map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`,
    );
    return { at: yaml.locate([...path, field]), key: key.join('') };
  };
}

/**
 * Every PR gets a branch, so the agent never invents one: without a
 * `pr_plan.branch_prefix` in the spec, the agent's prefix for this wave.
 */
export function defaultBranchPrefix(agent: AgentDefinition, phase: number, wave: number): string {
  return expandPlaceholders(agent.branch_prefix, { phase, wave });
}

/** Whether the config file writes `key` itself (so it wins over the agent's default). */
function configSets(workspace: Workspace, key: string): boolean {
  const value = workspace.configYaml?.value;
  return value !== null && typeof value === 'object' && key in value;
}

function unknownAgent(workspace: Workspace, id: string, at: SourceLocation): Diagnostic {
  return diagnostic('spec-invalid', 'error', `agent: ${unknownAgentProblem(id, workspace.config.agents)}`, at);
}

function revisitView(
  spec: LoadedSpec['spec'],
  moduleId: string,
  at: { phase: number; wave: number },
): NonNullable<ModuleView['revisits']> {
  const named = new RegExp(`(^|[^\\w-])${moduleId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
  const canary = spec.canary_prs.find((pr) => named.test(pr.what));
  return {
    ...at,
    name: capitalize(waveName(at, spec.phase)),
    canary: canary?.number ?? null,
  };
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

function predecessorView(
  workspace: Workspace,
  phase: number,
  predecessor: LoadedSpec['spec'],
): NonNullable<RenderContext['predecessor']> {
  return {
    phase: predecessor.phase,
    phase_padded: padPhase(predecessor.phase),
    wave: predecessor.wave,
    title: predecessor.title,
    name: waveName(predecessor, phase),
    same_phase: predecessor.phase === phase,
    prompt: outputPath(workspace.config, { phase: predecessor.phase, wave: predecessor.wave }),
  };
}

function lifecyclesView(modules: ModuleView[]): RenderContext['lifecycles'] {
  const of = (lifecycle: ModuleLifecycle) => modules.filter((module) => module.lifecycle === lifecycle);
  const shared = new Set(modules.map((module) => module.lifecycle));
  return {
    wave: shared.size === 1 ? modules[0]!.lifecycle : 'mixed',
    existing: of('existing'),
    changed: of('changed'),
    new: of('new'),
    running: modules.filter((module) => module.lifecycle !== 'new'),
    writes_compose: modules.filter((module) => module.lifecycle !== 'existing'),
  };
}

function operatorView(name: string): RenderContext['operator'] {
  const role = operatorRole(name);
  return { name, role, Role: role.charAt(0).toUpperCase() + role.slice(1) };
}

function kindsView(modules: ModuleView[]): RenderContext['kinds'] {
  const of = (kind: Module['kind']) => modules.filter((module) => module.kind === kind);
  return { stateful: of('stateful'), service: of('service'), worker: of('worker') };
}

function writesLifecycle(spec: unknown, index: number): boolean {
  const modules = (spec as { modules?: unknown } | null)?.modules;
  const module: unknown = Array.isArray(modules) ? modules[index] : undefined;
  return typeof module === 'object' && module !== null && Object.hasOwn(module, 'lifecycle');
}

/** Module and task ids name PRs and sections, so they must be unique within a wave. */
function duplicateIds({ spec, yaml }: LoadedSpec): Diagnostic[] {
  const seen = new Map<string, string>();
  const found: Diagnostic[] = [];
  const check = (id: string, path: (string | number)[]) => {
    const previous = seen.get(id);
    if (previous)
      found.push(
        diagnostic(
          'spec-duplicate-id',
          'error',
          `id "${id}" is used twice in this wave (first at ${previous})`,
          yaml.locate(path),
        ),
      );
    else seen.set(id, path.join('.'));
  };
  spec.modules.forEach((m, i) => check(m.id, ['modules', i, 'id']));
  spec.cross_module_tasks.forEach((t, i) => check(t.id, ['cross_module_tasks', i, 'id']));
  return found;
}

export function summarizePrNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`#${sorted[i]}–${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(`#${sorted[k]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** The config's role → § map, split into the roles whose section the charter has and the ones it lacks. */
function charterRoles(
  workspace: Workspace,
): Pick<RenderContext, 'charter_roles' | 'charter_sections' | 'charter_roles_missing'> {
  const roles: RenderContext['charter_roles'] = {};
  const missing: Record<string, number> = {};
  const sections = [...workspace.charter.sections.values()]
    .sort((a, b) => a.number - b.number)
    .map((s) => ({ section: s.number, title: s.title }));
  for (const [role, section] of Object.entries(workspace.config.charter_roles ?? proposeCharterRoles(sections))) {
    const found = workspace.charter.sections.get(section);
    if (found) roles[role] = { section, title: found.title };
    else missing[role] = section;
  }
  return { charter_roles: roles, charter_sections: sections, charter_roles_missing: missing };
}

/**
 * The config's `charter` as the agent finds it from the workspace root: a base name alone would send an agent to a
 * file that is not there whenever the charter lives in a folder.
 */
function charterPath(charter: string): string {
  return path.posix.normalize(charter.replaceAll('\\', '/'));
}
