import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { padPhase, waveName } from '../load/specs.js';
import { WaveSpec } from '../schema/spec.js';

export interface ScaffoldInput {
  /**
   * The predecessor spec's text: its structure and styles are kept where they are inherited (not its comments, which
   * described it).
   */
  predecessorText: string;
  predecessor: WaveSpec;
  wave: number;
  /** The new wave's phase; default: the predecessor's. Another phase makes `predecessor` a `{phase, wave}`. */
  phase?: number;
  /** How a command names the new wave: `5`, or `2 --phase 3` when another phase has a wave 2. */
  waveArgument: string;
  /** The `# yaml-language-server: $schema=…` target, relative to the new spec. */
  schemaRef: string;
  /** Compiled prompt paths (workspace-relative), so the trigger commands can follow the wave. */
  predecessorOutput: string;
  output: string;
  /**
   * The pattern of the placeholder module: one from the workspace's library
   * that implies nothing, so that no constraint of the old wave's modules
   * rides along with it.
   */
  placeholderPattern: string;
  /**
   * The open items of earlier waves' recorded hand-backs that no wave since took up (noticed, UNVERIFIED, blocked),
   * oldest first; `fromName` is how the new wave names the wave that left each (`wave 4`).
   */
  openItems?: readonly {
    kind: 'noticed' | 'unverified' | 'blocked';
    about: string | null;
    text: string;
    fromName: string;
  }[];
}

/**
 * The marker of every blank the author must fill. `wavec compile` and
 * `wavec lint` report it (rule `leftover-placeholder`) wherever it reaches
 * the prompt, so a scaffold cannot be shipped half-written.
 */
export const PLACEHOLDER = 'TODO:';

/** How a scaffold names each kind of open item. */
const OPEN_ITEM_KINDS = { noticed: 'noticed, not done', unverified: 'UNVERIFIED', blocked: 'blocked PR' } as const;

/**
 * Writes the spec of a new wave from its predecessor's. Only what is really
 * inherited is copied: the chain (`predecessor`, and through it every hard
 * constraint), the compose project (a TODO naming the old one when the new
 * wave is of another phase), the budget, the trigger's commands and
 * the branch prefix (both with the wave number moved on), and the layout.
 * Every value that described the old wave's subsystem (title, mission, why,
 * compose profile, modules, charter reasons, hand-back, trigger precondition
 * and note, new patterns) becomes a TODO placeholder that still validates;
 * what the old wave alone had (pivot, cross-module tasks, canary PRs, the
 * stated PR total) is emptied. The old spec's comments go too: they
 * described the old wave.
 */
export function scaffoldSpec(input: ScaffoldInput): string {
  const { predecessor: old, wave } = input;
  const doc = parseDocument(input.predecessorText, { version: '1.2', schema: 'core' });
  const todo = (text: string) => `${PLACEHOLDER} ${text}`;
  const from = old.wave;
  const phase = input.phase ?? old.phase;
  const acrossPhases = phase !== old.phase;
  // How the comments name the source wave and the new one, unambiguous across phases.
  const source = waveName(old, phase);
  const { waveArgument } = input;

  stripComments(doc);
  // On the first key rather than the document, so that no blank line separates it from the spec.
  const root = doc.contents as YAMLMap;
  const first = root.items[0];
  if (first && isScalar(first.key))
    first.key.commentBefore = [
      ` yaml-language-server: $schema=${input.schemaRef}`,
      ` Phase ${padPhase(phase)} wave ${wave}, scaffolded from ${source} ` +
        `by \`wavec new ${waveArgument}\`. Replace every`,
      ` ${PLACEHOLDER} placeholder; \`wavec compile ${waveArgument}\` reports those left ` +
        '(lint only sees them in a prompt).',
    ].join('\n');

  doc.set('phase', phase);
  doc.set('wave', wave);
  doc.set('title', todo(`title of wave ${wave}, e.g. the subsystem it covers.`));
  doc.set('subsystem', todo('subsystem name'));
  doc.set('predecessor', acrossPhases ? doc.createNode({ phase: old.phase, wave: from }, { flow: true }) : from);
  doc.set('mission', todo('what the agent is asked to do, in one paragraph: the modules, and what must not change.'));
  // Another phase is often another stack: carried over unseen, the project would point every audit command at the
  // old wave's containers.
  if (acrossPhases)
    doc.setIn(
      ['compose', 'project'],
      todo(
        `the compose project of this wave's modules; ${source}'s was ${old.compose.project}, ` +
          'write it again if they live there too.',
      ),
    );
  if (old.compose.profile !== undefined)
    doc.setIn(
      ['compose', 'profile'],
      todo("the compose profile of this wave's modules; delete this line if they have none."),
    );
  doc.set('why', {
    stakes: todo('why this wave matters to the operator, beyond the checklist.'),
    reasons: [todo('why this wave, and why now.')],
  });
  doc.delete('pivot');
  const openItems = input.openItems ?? [];
  doc.set('modules', [
    {
      id: 'new-module',
      pattern: input.placeholderPattern,
      kind: 'service',
      notes: [
        todo(
          'rename the id, pick the pattern (templates/patterns/) and the kind; ' +
            'then say what the audit must establish for this module.',
        ),
        // Every open loop of the recorded hand-backs, so that nothing the agent noticed is lost between waves; each
        // reaches the prompt as a placeholder until it is decided.
        ...openItems.map((item) =>
          todo(
            `carry or defer (${item.fromName}'s hand-back, ${OPEN_ITEM_KINDS[item.kind]}` +
              `${item.about === null ? '' : `, ${item.about}`}): ${item.text}`,
          ),
        ),
      ],
    },
  ]);
  if (openItems.length > 0) doc.set('deferred', flowList(doc));
  else doc.delete('deferred');
  doc.set('cross_module_tasks', flowList(doc));
  doc.set('hard_constraints', { add: flowList(doc) });
  doc.set('new_patterns', [
    todo(
      'what this wave does that earlier waves did not. ' +
        'Pattern fragments no earlier wave used are listed in the prompt without being written here; ' +
        'delete this entry if there is nothing more.',
    ),
  ]);
  doc.set('canary_prs', flowList(doc));
  doc.set(
    'charter_refs',
    old.charter_refs.map((ref) => ({
      section: ref.section,
      why: todo(`why this wave must honour §${ref.section}; delete this entry if it need not.`),
    })),
  );
  // No items: the contract (PR URLs, per-module lines, health, noticed list)
  // is derived from the plan and the modules; items are only a wave's extras.
  doc.set('hand_back', {
    merge_gate: todo('who owns the merge gate.'),
  });
  // A PR title pattern and forge labels are the operator's house style; test
  // plan items are about the old wave's modules.
  if (old.pr.title === undefined && old.pr.labels.length === 0) doc.delete('pr');
  else if (doc.hasIn(['pr', 'test_plan'])) doc.deleteIn(['pr', 'test_plan']);
  scaffoldPrPlan(doc, old, wave, phase);
  scaffoldTrigger(doc, old, input, source);

  orderKeys(doc);
  comment(doc, 'modules', [
    ' pivot (optional): proposed, finding, decision, rationale, do_not_propose:',
    ` a scope decision the agent must not undo.${old.pivot ? ` See ${source}'s spec for one.` : ''}`,
    ` One entry per module: rename the id, pick the pattern (templates/patterns/) and the kind.`,
    ...(openItems.length > 0
      ? [
          ' Each "carry or defer" note is an open item of an earlier hand-back: keep its text as a note',
          ' of the module it concerns or in a cross-module task, or move it to deferred with a reason.',
        ]
      : []),
  ]);
  comment(doc, 'why', [
    ' Optional: heading (default "Why this wave") and caution, the sentence that closes the section.',
  ]);
  comment(doc, 'cross_module_tasks', [' One PR each: {id, title, file, change, why, diff_scope}.']);
  comment(doc, 'hard_constraints', [
    ` Everything in force in ${source} is inherited through \`predecessor\`, and`,
    ' patterns add what they imply: list only what this wave adds (fragment ids or',
    ' {id, text}); drop an inherited one with `drop: [{id, reason}]`.',
    ...addedBy(old, source),
  ]);
  comment(doc, 'canary_prs', [' Merged PRs that set the quality bar: {number, what}.']);
  comment(doc, 'deferred', [
    ' Open items of earlier hand-backs (the TODO notes above) this wave leaves for later:',
    ' {item: <its text as recorded>, reason}. wavec new offers them again to the next wave.',
  ]);
  comment(doc, 'charter_refs', [` The sections ${source} cited; say why each applies to this wave, or delete it.`]);
  return doc.toString({ lineWidth: 100 });
}

/**
 * The constraints the source wave added itself (not through a pattern) are the
 * likeliest to be about its own subsystem, and they are inherited all the same:
 * name them, so the author decides instead of inheriting them unseen.
 */
function addedBy(old: WaveSpec, source: string): string[] {
  const ids = old.hard_constraints.add.map((ref) => (typeof ref === 'string' ? ref : ref.id));
  if (ids.length === 0) return [];
  const Source = source[0]!.toUpperCase() + source.slice(1);
  return [
    ` ${Source} added ${ids.map((id) => `\`${id}\``).join(', ')} itself: ` +
      `keep ${ids.length === 1 ? 'it' : 'them'} ` +
      `only if ${ids.length === 1 ? 'it holds' : 'they hold'} for this wave too.`,
  ];
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

/** Every comment of the old spec, which described the old wave. */
function stripComments(doc: Document): void {
  doc.commentBefore = null;
  doc.comment = null;
  visit(doc, {
    Node(_key, node) {
      node.commentBefore = null;
      node.comment = null;
    },
  });
}

/** The stated total belonged to the old wave's modules; the branch prefix usually names the wave. */
function scaffoldPrPlan(doc: Document, old: WaveSpec, wave: number, phase: number): void {
  if (old.pr_plan.branch_prefix === undefined) {
    doc.delete('pr_plan');
    return;
  }
  const prefix = old.pr_plan.branch_prefix
    .replace(new RegExp(`\\bphase-${padPhase(old.phase)}\\b`, 'g'), `phase-${padPhase(phase)}`)
    .replace(new RegExp(`\\bwave-${old.wave}\\b`, 'g'), `wave-${wave}`);
  doc.set('pr_plan', { branch_prefix: prefix });
}

/** Same commands, pointed at the new prompt and wave; the precondition and the note are the new wave's own. */
function scaffoldTrigger(doc: Document, old: WaveSpec, input: ScaffoldInput, source: string): void {
  const commands = doc.getIn(['trigger', 'commands'], true);
  if (isSeq(commands)) {
    for (const item of commands.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        item.value = item.value
          .split(input.predecessorOutput)
          .join(input.output)
          .replace(new RegExp(`\\bwave-${old.wave}\\b`, 'g'), `wave-${input.wave}`);
      }
    }
  }
  if (old.trigger.after !== undefined) {
    doc.setIn(
      ['trigger', 'after'],
      `${PLACEHOLDER} what must have happened before this run, e.g. ${source}'s run has finished.`,
    );
  }
  if (old.trigger.note !== undefined) {
    doc.setIn(
      ['trigger', 'note'],
      `${PLACEHOLDER} a note for the operator on how this run is started; delete it if there is none.`,
    );
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
