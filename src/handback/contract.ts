import type { RenderContext } from '../compose/context.js';
import type { HandBackPart } from '../compose/hand-back.js';
import type { ModuleLifecycle } from '../schema/spec.js';

/** One planned PR: the reply gives its URL, or reports it blocked with a reason. */
export interface ContractPr {
  number: number;
  /** Module or cross-module task id. */
  id: string;
  title: string;
}

/** A module as the reply names it: by its id, its compose service or one of its containers. */
export interface ContractModule {
  id: string;
  service: string;
  /** Every one is named, with its state, in the health observation (a new module's: named, no state). */
  containers: string[];
  /** A new module does not run yet: the health observation says what its PR adds and how it was validated. */
  lifecycle: ModuleLifecycle;
}

/**
 * What a wave's hand-back must contain: the parts the prompt's Hand-back
 * section asks for (`hand_back.parts` and `hand_back.noticed` of the same
 * render context), with the facts each part is checked against.
 */
export interface HandBackContract {
  phase: number;
  wave: number;
  subsystem: string;
  /** Every part, in the order the prompt asks for them; the noticed-not-done list last. */
  parts: HandBackPart[];
  /** In plan order; the reply gives one URL per entry. */
  prs: ContractPr[];
  /** Every module: its part names what the audit found, what the manifest declares and what is UNVERIFIED. */
  modules: ContractModule[];
  /** Charter section whose verified / assumed / unknown labels each module's claims carry; null: none asked for. */
  labels: { section: number; title: string } | null;
}

export function handBackContract(context: RenderContext): HandBackContract {
  return {
    phase: context.phase,
    wave: context.wave,
    subsystem: context.subsystem,
    parts: [...context.hand_back.parts, context.hand_back.noticed],
    prs: context.pr_plan.prs.map((pr) => ({ number: pr.number, id: pr.id, title: pr.title })),
    modules: context.modules.map((module) => ({
      id: module.id,
      service: module.service,
      containers: module.containers,
      lifecycle: module.lifecycle,
    })),
    labels: context.hand_back.labels,
  };
}

/** The extra items of a contract: the parts a reply answers in free text. */
export function contractItems(contract: HandBackContract): HandBackPart[] {
  return contract.parts.filter((part) => part.kind === 'item');
}
