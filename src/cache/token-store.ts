import path from 'node:path';
import { TOKENIZER_ID, type TokenCountStore } from '../analyse/tokens.js';
import type { Encoding } from '../schema/config.js';
import { VERSION } from '../version.js';
import { isRecord, readCacheFile, writeCacheFile } from './files.js';

/** Counts kept per encoding; past this many, the oldest are dropped on the next write. */
const MAX_COUNTS = 200_000;

interface TokenFile {
  wavec: 'token-counts';
  version: string;
  tokenizer: string;
  encoding: string;
  counts: Record<string, number>;
}

/**
 * Token counts on disk, one file per encoding (`tokens-o200k_base.json`),
 * keyed by the hash of each counted piece: a CI lint of unchanged prompts
 * counts without loading a vocabulary. Read on the first lookup; new counts
 * are written back by {@link DiskTokenCounts.flush}, merged with what other
 * processes wrote meanwhile.
 */
export class DiskTokenCounts {
  private readonly loaded = new Map<Encoding, Map<string, number>>();
  private readonly added = new Map<Encoding, Map<string, number>>();

  constructor(private readonly directory: string) {}

  /** The store for one encoding, as `useTokenCountStore` takes it. */
  storeFor(encoding: Encoding): TokenCountStore {
    return {
      get: (hash) => this.counts(encoding).get(hash),
      set: (hash, count) => {
        this.counts(encoding).set(hash, count);
        let added = this.added.get(encoding);
        if (!added) this.added.set(encoding, (added = new Map()));
        added.set(hash, count);
      },
    };
  }

  /** Writes the counts added in this process, if any. */
  flush(): void {
    for (const [encoding, added] of this.added) {
      if (added.size === 0) continue;
      const onDisk = this.read(encoding);
      for (const [hash, count] of added) onDisk.set(hash, count);
      const kept = [...onDisk].slice(-MAX_COUNTS);
      const file: TokenFile = {
        wavec: 'token-counts',
        version: VERSION,
        tokenizer: TOKENIZER_ID,
        encoding,
        counts: Object.fromEntries(kept),
      };
      writeCacheFile(this.file(encoding), file);
    }
    this.added.clear();
  }

  private counts(encoding: Encoding): Map<string, number> {
    let counts = this.loaded.get(encoding);
    if (!counts) this.loaded.set(encoding, (counts = this.read(encoding)));
    return counts;
  }

  private read(encoding: Encoding): Map<string, number> {
    const isTokenFile = (value: unknown): value is TokenFile =>
      isRecord(value) &&
      value.wavec === 'token-counts' &&
      value.version === VERSION &&
      value.tokenizer === TOKENIZER_ID &&
      value.encoding === encoding &&
      isRecord(value.counts) &&
      Object.values(value.counts).every((n) => Number.isSafeInteger(n) && (n as number) >= 0);
    const file = readCacheFile(this.file(encoding), isTokenFile);
    return new Map(file ? Object.entries(file.counts) : []);
  }

  private file(encoding: Encoding): string {
    return path.join(this.directory, `tokens-${encoding}.json`);
  }
}
