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
  changes.push(...fragmentChanges(recorded.fragments ?? [], fresh.fragments));
  if (recorded.version !== fresh.version)
    changes.push({ description: `the generator changed (wavec ${recorded.version} → ${fresh.version})` });
  if (recorded.encoding !== fresh.encoding)
    changes.push({ description: `the encoding changed (${recorded.encoding} → ${fresh.encoding})` });
  return changes;
}

type RecordedFragment = Provenance['fragments'][number];

/**
 * Fragments are matched by id, so a fragment that moved between layers (an
 * override added or removed) reads as that, and a changed base fragment
 * (an upgrade of wavec) says it is the base's.
 */
function fragmentChanges(before: readonly RecordedFragment[], after: readonly RecordedFragment[]): InputChange[] {
  const changes: InputChange[] = [];
  const old = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  for (const [id, f] of now) {
    const was = old.get(id);
    if (!was) changes.push({ description: `${f.path} is now used` });
    else if (was.path !== f.path || (was.layer ?? f.layer) !== f.layer)
      changes.push({
        description:
          f.layer === 'user' && was.layer === 'base'
            ? `fragment "${id}" is now your override ${f.path} (was the base's ${was.path})`
            : f.layer === 'base' && was.layer === 'user'
              ? `fragment "${id}" is now the base's ${f.path} (your override ${was.path} is gone)`
              : `fragment "${id}" is now ${f.path} (was ${was.path})`,
        recordedHash: was.hash,
      });
    else if (was.hash !== f.hash)
      changes.push({
        description: f.layer === 'base' ? `base fragment ${f.path} changed (wavec's own library)` : `${f.path} changed`,
        recordedHash: was.hash,
      });
  }
  for (const [id, f] of old)
    if (!now.has(id)) changes.push({ description: `${f.path} is no longer used`, recordedHash: f.hash });
  return changes;
}
