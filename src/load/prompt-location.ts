import { lstatSync } from 'node:fs';
import path from 'node:path';
import { provenancePath } from './output-path.js';
import { isInside, toDisplayPath } from './read-source.js';

/** A prompt file as lint names it. */
export interface PromptLocation {
  /** Absolute path. */
  absolute: string;
  /** What diagnostics print: workspace-relative inside the workspace, else as given. */
  display: string;
  inside: boolean;
}

export function locatePrompt(root: string, given: string): PromptLocation {
  const absolute = path.resolve(root, given);
  const inside = isInside(root, absolute);
  return { absolute, display: toDisplayPath(inside ? path.relative(root, absolute) : given), inside };
}

/**
 * Whether something is at the place of the prompt's provenance sidecar: only a prompt inside the workspace with one
 * is linted as compiled, and only a compiled prompt's findings can be in other files than its own (its spec, a
 * fragment, the sidecar).
 */
export function hasSidecarPlace(root: string, prompt: PromptLocation): boolean {
  if (!prompt.inside) return false;
  try {
    lstatSync(path.join(root, provenancePath(prompt.display)));
    return true;
  } catch {
    return false;
  }
}
