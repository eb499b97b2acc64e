import type { Charter } from '../load/charter.js';
import type { WaveSpec } from '../schema/spec.js';

/**
 * The hand-back part of the render context: what the spec says (extra
 * items, the merge gate) plus what the contract derives from elsewhere. The
 * Hand-back section renders it and `wavec handback` checks a reply against
 * it (through {@link ../handback/contract.js}), so the two cannot disagree.
 * The number of PR URLs is never written here: it is the plan's.
 */
export interface HandBackView {
  /** Spec items the agent also replies with, after the derived ones; free text, not checked. */
  items: string[];
  merge_gate: string;
  /** The charter section that asks for verified / assumed / unknown labels, or null when the charter has none. */
  labels: { section: number; title: string } | null;
}

/** The charter's wakeup-honesty section, found by its title as `wavec report` finds it. */
export function wakeupSection(charter: Charter): { section: number; title: string } | null {
  const found = [...charter.sections.values()].find((s) => /wakeup honesty/i.test(s.title));
  return found ? { section: found.number, title: found.title } : null;
}

export function handBackView(handBack: WaveSpec['hand_back'], charter: Charter): HandBackView {
  return { items: handBack.items, merge_gate: handBack.merge_gate, labels: wakeupSection(charter) };
}
