import type { InputChange } from './provenance-diff.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { PromptStats } from '../schema/stats.js';
import type { Composition } from '../compose/context.js';
import type { LoadedSpec } from '../load/specs.js';
import type { Workspace } from '../load/workspace.js';
import type { Provenance } from '../schema/provenance.js';
import type { Budget, WavecConfig } from '../schema/config.js';
import type { RuleCode } from '../schema/rules.js';

/** What a rule sees of a prompt: always the text and its measurements. */
export interface PromptUnderCheck {
  /** Workspace-relative path the diagnostics name. */
  path: string;
  text: string;
  stats: PromptStats;
  /**
   * The fragment that wrote each line of this text (index i is line i + 1), when it was compiled; a line typed in by
   * hand has an owner no fragment has. Rules find a section by the role its fragment declares through these.
   */
  lineOwners?: readonly string[];
}

/** What a rule additionally sees when the prompt was compiled from a spec. */
export interface CompileFacts {
  workspace: Workspace;
  /** Oldest first; the last one is the wave being checked. */
  chain: readonly LoadedSpec[];
  composition: Composition;
  /** The fragment that wrote each line of the compiled prompt (index i is line i + 1). */
  lineOwners: readonly string[];
  /** Each hard constraint's text as the render wrote it, by constraint id. */
  constraintTexts: ReadonlyMap<string, string>;
}

/** What the drift rule compares: the sidecar committed next to the prompt and a fresh compile. */
export interface DriftFacts {
  /** Workspace-relative path of the provenance sidecar. */
  sidecarPath: string;
  /** The sidecar's text, for locating a recorded hash in it. */
  sidecarText: string;
  recorded: Provenance;
  fresh: Provenance;
  /** The prompt a fresh compile produces now. */
  freshText: string;
  /** When only the chain before the predecessor differs: which earlier wave changed, found through its sidecars. */
  chainChange?: InputChange;
}

export interface RuleContext {
  prompt: PromptUnderCheck;
  budget: Budget;
  compiled: CompileFacts | undefined;
  /** Workspace configuration; absent means every default. */
  config?: WavecConfig;
  /** Only when drift is checked (`wavec lint --drift`). */
  drift?: DriftFacts;
}

/**
 * A check. One rule per file under check/rules/, registered in
 * check/rules/index.ts. Rules report; they never throw and never write.
 */
export interface Rule {
  code: RuleCode;
  severity: Severity;
  /** One sentence for docs and `--help`. */
  description: string;
  /** Rules that need the spec are skipped for hand-written prompts. */
  needsSpec: boolean;
  check(context: RuleContext): Diagnostic[];
}
