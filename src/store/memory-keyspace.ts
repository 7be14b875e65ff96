/**
 * A minimal in-process keyspace with the Redis data types the stores use (string, hash, set,
 * sorted set, list) and per-key expiry, so MemoryStore can follow the Lua scripts step by step.
 */
type Value =
  | { t: 'str'; v: string }
  | { t: 'hash'; v: Record<string, string> }
  | { t: 'set'; v: string[] }
  | { t: 'zset'; v: Record<string, number> }
  | { t: 'list'; v: string[] };

interface Entry {
  value: Value;
  /** ms since the epoch, or undefined for no expiry */
  exp?: number | undefined;
}

export class MemoryKeyspace {
  private entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  private live(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e?.exp !== undefined && e.exp <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private of<T extends Value['t']>(key: string, t: T): Extract<Value, { t: T }> | undefined {
    const e = this.live(key);
    if (!e) return undefined;
    if (e.value.t !== t) throw new Error(`WRONGTYPE ${key} holds ${e.value.t}, not ${t}`);
    return e.value as Extract<Value, { t: T }>;
  }

  private ensure<T extends Value['t']>(key: string, t: T, empty: () => Extract<Value, { t: T }>['v']): Extract<Value, { t: T }> {
    const existing = this.of(key, t);
    if (existing) return existing;
    const value = { t, v: empty() } as unknown as Extract<Value, { t: T }>;
    this.entries.set(key, { value });
    return value;
  }

  get(key: string): string | null {
    return this.of(key, 'str')?.v ?? null;
  }
  set(key: string, v: string, ttlMs?: number): void {
    this.entries.set(key, { value: { t: 'str', v }, exp: ttlMs === undefined ? undefined : this.now() + ttlMs });
  }
  /** SET NX with a lifetime; true when the key was set. */
  setNx(key: string, v: string, ttlMs: number): boolean {
    if (this.live(key)) return false;
    this.set(key, v, ttlMs);
    return true;
  }
  del(key: string): void {
    this.entries.delete(key);
  }
  pexpire(key: string, ttlMs: number): void {
    const e = this.live(key);
    if (e) e.exp = this.now() + ttlMs;
  }
  pexpireAt(key: string, at: number): void {
    const e = this.live(key);
    if (e) e.exp = at;
  }

  hget(key: string, f: string): string | null {
    return this.of(key, 'hash')?.v[f] ?? null;
  }
  hgetall(key: string): Record<string, string> {
    return { ...(this.of(key, 'hash')?.v ?? {}) };
  }
  hset(key: string, f: string, v: string): void {
    this.ensure(key, 'hash', () => ({})).v[f] = v;
  }
  hsetnx(key: string, f: string, v: string): boolean {
    const h = this.ensure(key, 'hash', () => ({}));
    if (f in h.v) return false;
    h.v[f] = v;
    return true;
  }
  hincrby(key: string, f: string, by: number): number {
    const h = this.ensure(key, 'hash', () => ({}));
    const n = Number(h.v[f] ?? 0) + by;
    h.v[f] = String(n);
    return n;
  }
  hdel(key: string, f: string): void {
    const h = this.of(key, 'hash');
    if (!h) return;
    delete h.v[f];
    if (Object.keys(h.v).length === 0) this.entries.delete(key);
  }

  sadd(key: string, m: string): boolean {
    const s = this.ensure(key, 'set', () => []);
    if (s.v.includes(m)) return false;
    s.v.push(m);
    return true;
  }
  srem(key: string, m: string): void {
    const s = this.of(key, 'set');
    if (!s) return;
    s.v = s.v.filter((x) => x !== m);
    if (s.v.length === 0) this.entries.delete(key);
  }
  smembers(key: string): string[] {
    return [...(this.of(key, 'set')?.v ?? [])];
  }
  sismember(key: string, m: string): boolean {
    return this.of(key, 'set')?.v.includes(m) ?? false;
  }

  zincrby(key: string, by: number, m: string): number {
    const z = this.ensure(key, 'zset', () => ({}));
    z.v[m] = (z.v[m] ?? 0) + by;
    return z.v[m];
  }
  /** Members high to low, ties broken like ZREVRANGE (reverse lexicographic). */
  zrevrange(key: string): [string, number][] {
    const z = this.of(key, 'zset')?.v ?? {};
    return Object.entries(z).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  }

  rpush(key: string, v: string): void {
    this.ensure(key, 'list', () => []).v.push(v);
  }
  lrange(key: string): string[] {
    return [...(this.of(key, 'list')?.v ?? [])];
  }
}
