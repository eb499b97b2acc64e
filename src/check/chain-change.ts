import { chainDigests, type ChainLink } from '../load/chain-digest.js';
import type { ChainedFile, Provenance } from '../schema/provenance.js';
import type { InputChange } from './provenance-diff.js';

/** The sidecar recorded for a predecessor's prompt, or undefined when there is none that can be read. */
export type RecordedOf<Link> = (link: Link) => Promise<Provenance | undefined>;

/**
 * Answers already found in one run, by a link's spec path and the chain digest recorded for it: the prompts of one
 * programme share their chain, so each link is looked at once however many later waves ask.
 */
export type ChainChangeMemo = Map<string, InputChange | null>;

/**
 * Which earlier wave changed when a prompt's predecessor is the same spec but the chain before it is not: a sidecar
 * records only its predecessor and that predecessor's chain digest, so the walk goes back through the predecessors'
 * own sidecars, each recording the link before it, until a recorded spec hash differs from the spec now. Undefined
 * when the sidecars on the way were rewritten since (they no longer record the chain the prompt was made from).
 */
export async function earlierChainChange<Link extends ChainLink>(
  recordedPredecessor: ChainedFile,
  /** The fresh chain before the prompt's own wave, oldest first. */
  chain: readonly Link[],
  recordedOf: RecordedOf<Link>,
  memo: ChainChangeMemo,
): Promise<InputChange | undefined> {
  const digests = chainDigests(chain);
  const visited: string[] = [];
  let expected = recordedPredecessor;
  let found: InputChange | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i]!;
    const key = `${link.file.path}\n${expected.chain}`;
    const known = memo.get(key);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(key);
    if (expected.path !== link.file.path) {
      found = { description: `${link.file.path} is now in the chain (was ${expected.path})` };
      break;
    }
    if (expected.hash !== link.file.hash) {
      found = { description: `${link.file.path} changed`, recordedHash: expected.hash };
      break;
    }
    if (expected.chain === digests[i]) break;
    const recorded = await recordedOf(link);
    // Only a sidecar from when the later wave was compiled still tells what came before.
    if (!recorded || recorded.chain !== expected.chain || recorded.predecessor === undefined) break;
    if (recorded.predecessor === null) {
      if (i > 0) found = { description: `${chain[i - 1]!.file.path} is now a predecessor` };
      break;
    }
    if (i === 0) {
      found = { description: `${recorded.predecessor.path} is no longer a predecessor` };
      break;
    }
    expected = recorded.predecessor;
  }
  for (const key of visited) memo.set(key, found);
  return found ?? undefined;
}
