import { sha256 } from '../util/hash.js';

/** A spec file as a chain link: its path and the hash of its text. */
export interface ChainLink {
  file: { path: string; hash: string };
}

/**
 * Memoised by link and the digest before it: a run that compiles every wave of a chain hashes each spec once, and a
 * parsed spec shared by two workspaces (whose chains before it differ) keeps one digest per chain.
 */
const digests = new WeakMap<ChainLink, Map<string, string>>();

/**
 * The chain digest of every link of `chain` (oldest first), in its order. A wave's chain digest is the hash of its
 * spec's path and hash and its predecessor's chain digest: it stands for the whole chain up to the wave, so a sidecar
 * records what its wave inherited in one line however long the programme.
 */
export function chainDigests(chain: readonly ChainLink[]): string[] {
  const out: string[] = [];
  let previous = '';
  for (const link of chain) {
    let known = digests.get(link);
    // A few chains per link (an edit upstream makes another): the map stays small however long the server runs.
    if (!known || known.size >= 4) digests.set(link, (known = new Map()));
    let digest = known.get(previous);
    if (digest === undefined)
      known.set(previous, (digest = sha256(`${previous}\n${link.file.path}\n${link.file.hash}`)));
    out.push(digest);
    previous = digest;
  }
  return out;
}
