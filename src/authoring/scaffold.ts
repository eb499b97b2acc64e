import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { WaveSpec, type Module } from '../schema/spec.js';

export interface ScaffoldInput {
  /** The predecessor spec's text: its structure, comments and styles are kept where they are inherited. */
  predecessorText: string;
  predecessor: WaveSpec;
  wave: number;
  /** The new wave's phase; default: the predecessor's. Another phase makes `predecessor` a `{phase, wave}`. */
  phase?: number;
  /** The `# yaml-language-server: $schema=…` target, relative to the new spec. */
  schemaRef: string;
  /** Compiled prompt paths (workspace-relative), so the trigger commands can follow the wave. */
  predecessorOutput: string;
  output: string;
}

/**
 * The marker of every blank the author must fill. `wavec compile` and
 * `wavec lint` report it (rule `leftover-placeholder`) wherever it reaches
 * the prompt, so a scaffold cannot be shipped half-written.
 */
export const PLACEHOLDER = 'TODO:';

/**
 * Writes the spec of a new wave from its predecessor's: the identity moves
 * on, what carries over between waves (compose project, charter references,
 * budget, the hand-back, the trigger's shape) stays, hard constraints come
 * through `predecessor`, and what belongs to the old wave alone (title,
 * mission, why, pivot, modules, cross-module tasks, new patterns, canary
 * PRs) is replaced by TODO placeholders that still validate.
 */
export function scaffoldSpec(input: ScaffoldInput): string {
  const { predecessor: old, wave } = input;
  const doc = parseDocument(input.predecessorText, { version: '1.2', schema: 'core' });
  const todo = (text: string) => `${PLACEHOLDER} ${text}`;
  const from = old.wave;
  const phase = input.phase ?? old.phase;

  // On the first key rather than the document, so that no blank line separates it from the spec.
  doc.commentBefore = null;
  const root = doc.contents as YAMLMap;
  root.commentBefore = null;
  const first = root.items[0];
  if (first && isScalar(first.key))
    first.key.commentBefore = [
      ` yaml-language-server: $schema=${input.schemaRef}`,
      ` Phase ${String(phase).padStart(2, '0')} wave ${wave}, scaffolded from ${phase === old.phase ? '' : `phase ${String(old.phase).padStart(2, '0')} `}wave ${from} by \`wavec new ${wave}\`. Replace every`,
      ` ${PLACEHOLDER} placeholder; \`wavec compile ${wave}\` and \`wavec lint\` report those left.`,
    ].join('\n');

  doc.set('phase', phase);
  doc.set('wave', wave);
  doc.set('title', todo(`title of wave ${wave}, e.g. the subsystem it covers.`));
  doc.set('subsystem', todo('subsystem name'));
  doc.set('predecessor', phase === old.phase ? from : doc.createNode({ phase: old.phase, wave: from }, { flow: true }));
  doc.set('mission', todo('what the agent is asked to do, in one paragraph: the modules, the number of PRs, what must not change.'));
  doc.set('why', {
    stakes: todo('why this wave matters to the operator, beyond the checklist.'),
    reasons: [todo('why this wave, and why now.')],
  });
  doc.delete('pivot');
  doc.set('modules', [placeholderModule(old.modules[0]!, todo)]);
  doc.set('cross_module_tasks', flowList(doc));
  doc.set('hard_constraints', { add: flowList(doc) });
  doc.set('new_patterns', [
    todo('what this wave does that earlier waves did not. Pattern fragments no earlier wave used are listed in the prompt without being written here; delete this entry if there is nothing more.'),
  ]);
  doc.set('canary_prs', flowList(doc));
  scaffoldPrPlan(doc, old, wave);
  scaffoldTrigger(doc, old, input);

  orderKeys(doc);
  comment(doc, 'modules', [
    ' pivot (optional): proposed, finding, decision, rationale, do_not_propose:',
    ` a scope decision the agent must not undo. See wave ${from}'s spec for one.`,
    ` One entry per module: rename the id, pick the pattern (templates/patterns/) and the kind.`,
  ]);
  comment(doc, 'cross_module_tasks', [' One PR each: {id, title, file, change, why}.']);
  comment(doc, 'hard_constraints', [
    ` Everything in force in wave ${from} is inherited through \`predecessor\`, and`,
    " patterns add what they imply: list only what this wave adds (fragment ids or",
    ' {id, text}); drop an inherited one with `drop: [{id, reason}]`.',
  ]);
  comment(doc, 'canary_prs', [' Merged PRs that set the quality bar: {number, what}.']);
  comment(doc, 'hand_back', [` Inherited from wave ${from}: check the PR count and the names in it.`]);
  return doc.toString({ lineWidth: 100 });
}

/** Keys the predecessor did not have were appended: put every key where the spec reference lists it. */
function orderKeys(doc: Document): void {
  const order = Object.keys(WaveSpec.shape);
  const rank = (pair: Pair) => {
    const index = order.indexOf(keyOf(pair));
    return index === -1 ? order.length : index;
  };
  const root = doc.contents as YAMLMap;
  root.items.sort((a, b) => rank(a) - rank(b));
}

function placeholderModule(model: Module, todo: (text: string) => string): Record<string, unknown> {
  const module: Record<string, unknown> = { id: 'new-module', pattern: model.pattern, kind: model.kind };
  if (model.kind === 'stateful') module.backup_priority = model.backup_priority ?? 'important';
  module.notes = [todo('what the audit must establish for this module, and what makes it different.')];
  return module;
}

/** The stated total belonged to the old wave's modules; the branch prefix usually names the wave. */
function scaffoldPrPlan(doc: Document, old: WaveSpec, wave: number): void {
  if (old.pr_plan.branch_prefix === undefined) {
    doc.delete('pr_plan');
    return;
  }
  doc.set('pr_plan', { branch_prefix: old.pr_plan.branch_prefix.replace(new RegExp(`\\bwave-${old.wave}\\b`, 'g'), `wave-${wave}`) });
}

/** Same commands, pointed at the new prompt; the precondition is the new wave's own. */
function scaffoldTrigger(doc: Document, old: WaveSpec, input: ScaffoldInput): void {
  const commands = doc.getIn(['trigger', 'commands'], true);
  if (isSeq(commands)) {
    for (const item of commands.items) {
      if (isScalar(item) && typeof item.value === 'string') item.value = item.value.split(input.predecessorOutput).join(input.output);
    }
  }
  if (old.trigger.after !== undefined) {
    doc.setIn(['trigger', 'after'], `${PLACEHOLDER} what must have happened before this run, e.g. wave ${old.wave}'s Codex run has finished.`);
  }
}

function flowList(doc: Document) {
  const list = doc.createNode([]);
  list.flow = true;
  return list;
}

/** Sets the comment block above a top-level key (null removes it), with a blank line before the key. */
function comment(doc: Document, key: string, lines: string[] | null): void {
  const pair = (doc.contents as YAMLMap).items.find((p: Pair) => keyOf(p) === key);
  if (!pair) return;
  // A key added by doc.set() is a bare string, which cannot carry a comment.
  if (!isScalar(pair.key)) pair.key = doc.createNode(key);
  const scalar = pair.key as Scalar;
  scalar.commentBefore = lines === null ? null : lines.join('\n');
  scalar.spaceBefore = true;
  if (isMap(pair.value) || isSeq(pair.value)) pair.value.commentBefore = null;
}

function keyOf(pair: Pair): string {
  return String(isScalar(pair.key) ? pair.key.value : pair.key);
}
