import type { HashedFile, Provenance } from '../schema/provenance.js';

/** One input that differs between a recorded provenance and a fresh one. */
export interface InputChange {
  /** `waves/phase-02/wave-4.yaml changed`, `templates/x.md is now used`. */
  description: string;
  /** The hash as recorded, to find the line in the sidecar; absent for a new input. */
  recordedHash?: string;
}

/**
 * What changed in a prompt's inputs since its provenance was recorded: the
 * spec, its predecessors, the config, the charter, every fragment, the
 * generator and the encoding. In the order a reader checks them.
 */
export function inputChanges(recorded: Provenance, fresh: Provenance): InputChange[] {
  const changes: InputChange[] = [];
  const file = (before: HashedFile | null, after: HashedFile | null, what: string) => {
    if (before && after) {
      if (before.path !== after.path)
        changes.push({
          description: `the ${what} is now ${after.path} (was ${before.path})`,
          recordedHash: before.hash,
        });
      else if (before.hash !== after.hash)
        changes.push({ description: `${after.path} changed`, recordedHash: before.hash });
    } else if (after) changes.push({ description: `${after.path} is new` });
    else if (before) changes.push({ description: `${before.path} is gone`, recordedHash: before.hash });
  };
  const files = (before: readonly HashedFile[], after: readonly HashedFile[], gone: string, added: string) => {
    const old = new Map(before.map((f) => [f.path, f]));
    const now = new Map(after.map((f) => [f.path, f]));
    for (const [path, f] of now) {
      const was = old.get(path);
      if (!was) changes.push({ description: `${path} ${added}` });
      else if (was.hash !== f.hash) changes.push({ description: `${path} changed`, recordedHash: was.hash });
    }
    for (const [path, f] of old)
      if (!now.has(path)) changes.push({ description: `${path} ${gone}`, recordedHash: f.hash });
  };

  file(recorded.spec, fresh.spec, 'spec');
  files(recorded.predecessors ?? [], fresh.predecessors, 'is no longer a predecessor', 'is now a predecessor');
  file(recorded.config ?? null, fresh.config, 'config');
  file(recorded.charter, fresh.charter, 'charter');
  files(recorded.fragments ?? [], fresh.fragments, 'is no longer used', 'is now used');
  if (recorded.version !== fresh.version)
    changes.push({ description: `the generator changed (wavec ${recorded.version} → ${fresh.version})` });
  if (recorded.encoding !== fresh.encoding)
    changes.push({ description: `the encoding changed (${recorded.encoding} → ${fresh.encoding})` });
  return changes;
}
