import { z } from 'zod';

const HashedFile = z.object({ path: z.string(), hash: z.string() });

/** A provenance sidecar as read back: what `buildProvenance` writes (extra keys from a newer wavec are tolerated). */
export const ProvenanceFile = z.object({
  generator: z.literal('wavec'),
  version: z.string(),
  phase: z.int().positive(),
  wave: z.int().positive(),
  prompt: HashedFile,
  spec: HashedFile,
  predecessors: z.array(HashedFile),
  config: HashedFile.nullable(),
  charter: HashedFile,
  fragments: z.array(HashedFile.extend({ id: z.string() })),
  encoding: z.string(),
});
