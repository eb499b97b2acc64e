import type { ModuleLifecycle, WaveSpec } from '../schema/spec.js';

/**
 * What a part of the hand-back asks for. `wavec handback` checks each kind
 * its own way; an `item` (a spec's extra `hand_back.items` entry) must be
 * answered, or marked not applicable with a reason.
 */
export type HandBackPartKind = 'prs' | 'modules' | 'health' | 'item' | 'noticed';

/** One part of the hand-back contract, as the prompt asks for it. */
export interface HandBackPart {
  /** `prs`, `modules`, `health`, `item:1`, … or `noticed`. */
  key: string;
  kind: HandBackPartKind;
  /** Its number in the prompt's numbered list; null for the closing noticed-not-done request. */
  number: number | null;
  /** The sentence the prompt asks it with (Markdown). */
  text: string;
}

/**
 * The hand-back part of the render context: the one declaration of what the
 * agent replies with. The Hand-back section renders `parts` (a numbered list)
 * and `noticed`; `wavec handback` checks a reply against exactly these parts
 * (through {@link ../handback/contract.js}); the `hand-back-contract` rule
 * holds the prompt to stating each of them. The number of PR URLs is never
 * written in the spec: it is the plan's.
 */
export interface HandBackView {
  /** Spec items the agent also replies with, after the derived ones. */
  items: string[];
  merge_gate: string;
  /** The charter section that asks for verified / assumed / unknown labels, or null when the charter has none. */
  labels: { section: number; title: string } | null;
  /** The numbered parts: the PR URLs, the per-module lines, the health observation, then each extra item. */
  parts: HandBackPart[];
  /** The closing request for the "noticed, not done" list. */
  noticed: HandBackPart;
}

/** What the hand-back's derived parts are made from. */
export interface HandBackFacts {
  subsystem: string;
  /** The number of PRs the plan has. */
  prs: number;
  /**
   * Every module's containers, as the health observation names them; a new module does not run yet, so the
   * observation says what its PR adds and how it was validated instead.
   */
  modules: readonly { id: string; containers: readonly string[]; lifecycle: ModuleLifecycle }[];
}

/** `honesty`: the charter section the honesty role maps to (`charter_roles`), which asks each claim for a label. */
export function handBackView(
  handBack: WaveSpec['hand_back'],
  honesty: { section: number; title: string } | null,
  facts: HandBackFacts,
): HandBackView {
  const labels = honesty;
  const derived: Omit<HandBackPart, 'number'>[] = [
    {
      key: 'prs',
      kind: 'prs',
      text:
        `${facts.prs === 1 ? 'The PR URL' : `The ${facts.prs} PR URLs, in PR-plan order`}. ` +
        'For a PR you could not open, write "blocked" and the reason in its place.',
    },
    {
      key: 'modules',
      kind: 'modules',
      text:
        'Per module, three lines: what the audit found, what the manifest declares, and anything marked UNVERIFIED ' +
        '(or "UNVERIFIED: none").' +
        (labels ? ` Label each claim verified, assumed or unknown (charter §${labels.section}).` : ''),
    },
    {
      key: 'health',
      kind: 'health',
      text: healthText(facts),
    },
    ...handBack.items.map((item, i) => ({ key: `item:${i + 1}`, kind: 'item' as const, text: item })),
  ];
  return {
    items: handBack.items,
    merge_gate: handBack.merge_gate,
    labels,
    parts: derived.map((part, i) => ({ ...part, number: i + 1 })),
    noticed: {
      key: 'noticed',
      kind: 'noticed',
      number: null,
      text: 'Add a short **noticed, not done** list for anything out of scope you saw (or say none).',
    },
  };
}

function healthText(facts: HandBackFacts): string {
  const running = facts.modules.filter((module) => module.lifecycle !== 'new');
  const added = facts.modules.filter((module) => module.lifecycle === 'new');
  const containers = running.flatMap((module) => module.containers.map((name) => `\`${name}\``));
  const state =
    `the state of each ${added.length > 0 ? 'running ' : ''}module's container (${containers.join(', ')}) ` +
    'at the end of the run, with the command that showed it, and anything that changed since the start';
  const design =
    `for ${added.length === 1 ? 'the new module' : 'each new module'} ` +
    `(${added.map((module) => `\`${module.id}\``).join(', ')}), what its PR adds and how you validated it, ` +
    'with the command (it does not run yet: no container state)';
  const parts = [...(running.length > 0 ? [state] : []), ...(added.length > 0 ? [design] : [])];
  return `The ${facts.subsystem} subsystem health observation: ${parts.join('; ')}.`;
}
