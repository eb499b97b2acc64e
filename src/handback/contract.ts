import type { RenderContext } from '../compose/context.js';

/** One planned PR: the reply gives its URL, or reports it blocked with a reason. */
export interface ContractPr {
  number: number;
  /** Module or cross-module task id. */
  id: string;
  title: string;
}

/**
 * What a wave's hand-back must contain, read from the same render context
 * the prompt's Hand-back section is rendered from.
 */
export interface HandBackContract {
  phase: number;
  wave: number;
  subsystem: string;
  /** In plan order; the reply gives one URL per entry. */
  prs: ContractPr[];
  /**
   * Every module: its part of the reply names what the audit found, what the
   * manifest declares and what is UNVERIFIED. Its container (the compose
   * service, named by the module id) is in the health observation.
   */
  modules: { id: string; container: string }[];
  /** Charter section whose verified / assumed / unknown labels each module's claims carry; null: none asked for. */
  labels: { section: number; title: string } | null;
  /** The spec's extra items, shown in the prompt; free text, so not checked. */
  extra_items: string[];
}

export function handBackContract(context: RenderContext): HandBackContract {
  return {
    phase: context.phase,
    wave: context.wave,
    subsystem: context.subsystem,
    prs: context.pr_plan.prs.map((pr) => ({ number: pr.number, id: pr.id, title: pr.title })),
    modules: context.modules.map((module) => ({ id: module.id, container: module.id })),
    labels: context.hand_back.labels,
    extra_items: context.hand_back.items,
  };
}
