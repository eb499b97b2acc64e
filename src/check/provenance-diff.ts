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
export function inputChanges(
  recorded: Provenance,
  fresh: Provenance,
  /** What changed earlier in the chain when only the predecessor's chain digest differs (see `chain-change.ts`). */
  chainChange?: InputChange,
): InputChange[] {
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

  file(recorded.spec, fresh.spec, 'spec');
  changes.push(...predecessorChanges(recorded, fresh, chainChange));
  file(recorded.config ?? null, fresh.config, 'config');
  file(recorded.charter, fresh.charter, 'charter');
  changes.push(...fragmentChanges(recorded.fragments ?? [], fresh.fragments));
  if (recorded.version !== fresh.version)
    changes.push({ description: `the generator changed (wavec ${recorded.version} → ${fresh.version})` });
  if (recorded.encoding !== fresh.encoding)
    changes.push({ description: `the encoding changed (${recorded.encoding} → ${fresh.encoding})` });
  return changes;
}

/** The immediate predecessor by path and hash; the chain before it by its digest. */
function predecessorChanges(recorded: Provenance, fresh: Provenance, chainChange?: InputChange): InputChange[] {
  // A sidecar of an older wavec lists every predecessor instead of a digest: it can only be rewritten.
  if (recorded.chain === undefined || recorded.predecessor === undefined)
    return [{ description: 'the sidecar lists the whole predecessor chain (written by an older wavec)' }];
  const before = recorded.predecessor;
  const after = fresh.predecessor;
  if (before && after) {
    if (before.path !== after.path)
      return [{ description: `the predecessor is now ${after.path} (was ${before.path})`, recordedHash: before.hash }];
    if (before.hash !== after.hash) return [{ description: `${after.path} changed`, recordedHash: before.hash }];
    if (before.chain !== after.chain)
      return [
        chainChange ?? {
          description: `a wave before ${after.path} in its chain changed`,
          recordedHash: before.chain,
        },
      ];
    return [];
  }
  if (after) return [{ description: `${after.path} is now a predecessor` }];
  if (before) return [{ description: `${before.path} is no longer a predecessor`, recordedHash: before.hash }];
  return [];
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
