import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ParsedSpecIndex, WaveRef } from '../load/specs.js';
import type { WaveSpec } from '../schema/spec.js';
import { sha256 } from '../util/hash.js';
import { VERSION } from '../version.js';
import { isRecord, isString, readCacheFile, writeCacheFile } from './files.js';
import type { CacheFolder } from './folder.js';
import { realRootOf } from './inputs.js';

interface IndexedSpec {
  phase: number;
  wave: number;
  /** The hash of the text the spec was validated from (the one provenance records). */
  hash: string;
  spec: WaveSpec;
}

interface IndexEntry {
  wavec: 'spec-index';
  version: string;
  key: string;
  /** By the spec's workspace-relative path. */
  specs: Record<string, IndexedSpec>;
}

/**
 * The specs of one workspace as earlier runs validated them, in one signed file `<cache>/specs/<key>.json` (the key
 * is the workspace's real path and wavec's version). A compile of the last wave of a long programme reads every
 * predecessor's spec and hashes it, as before, but takes the validated value from here instead of parsing its YAML:
 * one file read instead of a parse per spec. Read on first use, written by {@link save} when a spec was added or
 * changed; it holds the specs the workspace has, one per path.
 */
export class SpecIndexFile implements ParsedSpecIndex {
  private readonly file: string | undefined;
  private readonly key: string;
  private specs: Map<string, IndexedSpec> | undefined;
  private changed = false;

  constructor(
    private readonly cache: CacheFolder,
    root: string,
  ) {
    const realRoot = realRootOf(root);
    this.key = sha256(JSON.stringify({ version: VERSION, root: realRoot ?? null })).slice('sha256:'.length);
    this.file = realRoot === undefined ? undefined : path.join(cache.directory, 'specs', `${this.key}.json`);
  }

  get(ref: WaveRef, hash: string): WaveSpec | undefined {
    const indexed = this.read().get(ref.path);
    return indexed && indexed.hash === hash && indexed.phase === ref.phase && indexed.wave === ref.wave
      ? indexed.spec
      : undefined;
  }

  set(ref: WaveRef, hash: string, spec: WaveSpec): void {
    // Only a value that JSON gives back as it is: a spec read from here must be the one a parse makes.
    if (this.file === undefined || !isDeepStrictEqual(JSON.parse(JSON.stringify(spec)), spec)) return;
    this.read().set(ref.path, { phase: ref.phase, wave: ref.wave, hash, spec });
    this.changed = true;
  }

  /** Writes the index if this run added or changed a spec, keeping only the paths in `listed` when it is given. */
  save(listed?: readonly string[]): void {
    if (!this.changed || this.file === undefined || this.specs === undefined) return;
    const keep = listed === undefined ? undefined : new Set(listed);
    const specs: Record<string, IndexedSpec> = {};
    for (const [specPath, indexed] of [...this.specs].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (keep === undefined || keep.has(specPath)) specs[specPath] = indexed;
    const entry: IndexEntry = { wavec: 'spec-index', version: VERSION, key: this.key, specs };
    writeCacheFile(this.cache, this.file, entry);
    this.changed = false;
  }

  private read(): Map<string, IndexedSpec> {
    if (this.specs) return this.specs;
    const isEntry = (value: unknown): value is IndexEntry =>
      isRecord(value) &&
      value.wavec === 'spec-index' &&
      value.version === VERSION &&
      value.key === this.key &&
      isRecord(value.specs) &&
      Object.values(value.specs).every(isIndexedSpec);
    const entry = this.file === undefined ? undefined : readCacheFile(this.cache, this.file, isEntry);
    return (this.specs = new Map(entry ? Object.entries(entry.specs) : []));
  }
}

function isIndexedSpec(value: unknown): value is IndexedSpec {
  return (
    isRecord(value) &&
    typeof value.phase === 'number' &&
    typeof value.wave === 'number' &&
    isString(value.hash) &&
    isRecord(value.spec)
  );
}
