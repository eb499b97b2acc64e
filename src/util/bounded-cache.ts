/**
 * A map that forgets its oldest entries past a size: the in-process caches
 * (templates, token counts) key by content, and a long `--watch` or MCP
 * session sees a new version of a fragment on every save.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();
  private size = 0;

  /** `weigh` gives an entry's share of `limit` (default: 1 per entry). */
  constructor(
    private readonly limit: number,
    private readonly weigh: (key: K, value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` under `key`, replacing (and no longer counting) what the key held before. */
  set(key: K, value: V): V {
    const before = this.entries.get(key);
    if (before !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.size -= this.weigh(key, before as V);
    }
    this.entries.set(key, value);
    this.size += this.weigh(key, value);
    for (const [oldKey, oldValue] of this.entries) {
      if (this.size <= this.limit) break;
      this.entries.delete(oldKey);
      this.size -= this.weigh(oldKey, oldValue);
    }
    return value;
  }
}

/**
 * One value per slot (a file), for the version of it seen last: an edit replaces its file's entry instead of adding
 * one, so a long `--watch` or MCP session holds what its files are now, not every text they ever had. At most `limit`
 * slots are kept, the oldest forgotten first.
 */
export class LatestBySlot<V> {
  private readonly slots: BoundedCache<string, { version: string; value: V }>;

  constructor(limit: number) {
    this.slots = new BoundedCache(limit);
  }

  get(slot: string, version: string): V | undefined {
    const held = this.slots.get(slot);
    return held !== undefined && held.version === version ? held.value : undefined;
  }

  set(slot: string, version: string, value: V): V {
    this.slots.set(slot, { version, value });
    return value;
  }
}

/**
 * The value of the last key only: what the steps of one synchronous pass over an object (the rules of one check of
 * a prompt) share. A WeakMap keyed by the object would share it too, but V8 keeps a WeakMap's values alive through
 * every young-generation collection until a full one, so each object's value (a prompt's parse) was moved to the
 * old generation, which grew with every prompt until the next full collection.
 */
export class LastKey<K extends object, V> {
  private key: K | undefined;
  private value: V | undefined;

  get(key: K): V | undefined {
    return this.key === key ? this.value : undefined;
  }

  set(key: K, value: V): V {
    this.key = key;
    this.value = value;
    return value;
  }
}
