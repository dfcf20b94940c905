/** The subset of `browser.storage.*` the vault uses; tests pass an in-memory implementation. */
export interface StorageAreaLike {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** In-memory storage for unit tests and benchmarks; `quotaBytes` simulates a full disk. */
export class MemoryStorageArea implements StorageAreaLike {
  readonly items = new Map<string, unknown>();
  constructor(private readonly quotaBytes = Number.POSITIVE_INFINITY) {}

  async get(keys: string | string[]): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.items.has(key)) result[key] = structuredClone(this.items.get(key));
    }
    return result;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const next = new Map(this.items);
    for (const [key, value] of Object.entries(items)) next.set(key, structuredClone(value));
    const size = [...next].reduce((total, [key, value]) => total + key.length + JSON.stringify(value).length, 0);
    // Like browser.storage: a write that does not fit fails as a whole and changes nothing.
    if (size > this.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
    for (const [key, value] of next) this.items.set(key, value);
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.items.delete(key);
  }
}
