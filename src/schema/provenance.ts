import { z } from 'zod';
import { FRAGMENT_LAYERS, type Layer } from './fragment.js';

const HashedFileSchema = z.object({ path: z.string(), hash: z.string() });

/** A provenance sidecar as read back: what `buildProvenance` writes (extra keys from a newer wavec are tolerated). */
export const ProvenanceFile = z.object({
  generator: z.literal('wavec'),
  version: z.string(),
  phase: z.int().positive(),
  wave: z.int().positive(),
  prompt: HashedFileSchema,
  spec: HashedFileSchema,
  // Optional: sidecars of an older wavec listed the whole chain (`predecessors`) instead; such a one is out of date.
  predecessor: HashedFileSchema.extend({ chain: z.string() }).nullable().optional(),
  chain: z.string().optional(),
  predecessors: z.array(HashedFileSchema).optional(),
  config: HashedFileSchema.nullable(),
  charter: HashedFileSchema,
  // Optional: sidecars written before the library had layers do not say.
  fragments: z.array(HashedFileSchema.extend({ id: z.string(), layer: z.enum(FRAGMENT_LAYERS).optional() })),
  encoding: z.string(),
});

export interface HashedFile {
  path: string;
  hash: string;
}

/** A predecessor's spec, with the chain digest of the chain up to it. */
export interface ChainedFile extends HashedFile {
  chain: string;
}

/**
 * What a compiled prompt was made from. It lives in a sidecar file, not in
 * the prompt, so the agent that reads the prompt reads nothing but the prompt.
 * With it, a check can tell a stale prompt (an input changed) from a
 * hand-edited one (the prompt's own hash changed).
 */
export interface Provenance {
  generator: 'wavec';
  version: string;
  phase: number;
  wave: number;
  prompt: HashedFile;
  spec: HashedFile;
  /**
   * The immediate predecessor's spec and its chain digest (null for a chain's first wave). What the wave inherits
   * is the whole chain, which its digest stands for: a sidecar stays one size however long the programme.
   */
  predecessor: ChainedFile | null;
  /** This wave's chain digest: the hash of its spec and its predecessor's chain digest. */
  chain: string;
  /**
   * The config file and the hash of what in it shapes the prompt: every
   * setting but those that only check it (`rules`, `required_sections`,
   * `max_file_bytes`), with defaults filled in. Turning a rule down, or a
   * comment, makes no prompt stale.
   */
  config: HashedFile | null;
  charter: HashedFile;
  /**
   * Sorted by path. Each says its layer: a base fragment's path is in the
   * package (`wavec/templates/…`), unless the workspace's templates folder
   * is the package's own, and its hash is the base's digest, so an upgrade
   * of wavec that changes it shows as drift.
   */
  fragments: (HashedFile & { id: string; layer?: Layer })[];
  encoding: string;
}

/** Stable JSON: two-space indent, LF, final newline. Key order is fixed by buildProvenance. */
export function serializeProvenance(provenance: Provenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}
