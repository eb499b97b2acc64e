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

  set(key: K, value: V): V {
    if (this.entries.has(key)) return value;
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
