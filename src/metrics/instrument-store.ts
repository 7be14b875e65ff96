import type { Metrics } from '../core/metrics.js';

/** Calls that are not store operations: lifecycle and the embedded store's own info. */
const NOT_MEASURED = new Set(['close', 'constructor', 'then']);

/**
 * The same store, with every async method timed and its failures counted (store_operation_seconds,
 * store_errors_total). A Proxy, so it follows the store's shape as the port changes, and calls go
 * to the store itself (private fields keep working).
 */
export function instrumentStore<T extends object>(store: T, storeName: string, metrics: Metrics): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || NOT_MEASURED.has(prop)) return value;
      const cached = wrapped.get(prop);
      if (cached) return cached;
      const fn = value as (...args: unknown[]) => unknown;
      const timed = (...args: unknown[]): unknown => {
        const start = process.hrtime.bigint();
        const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
        let out: unknown;
        try {
          out = fn.apply(target, args);
        } catch (err) {
          metrics.storeOperation(storeName, prop, seconds(), true);
          throw err;
        }
        if (!(out instanceof Promise)) return out;
        return out.then(
          (v: unknown) => {
            metrics.storeOperation(storeName, prop, seconds(), false);
            return v;
          },
          (err: unknown) => {
            metrics.storeOperation(storeName, prop, seconds(), true);
            throw err;
          },
        );
      };
      wrapped.set(prop, timed);
      return timed;
    },
  });
}
