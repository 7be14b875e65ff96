import { AppError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/core/store.js';

/**
 * A real store behind a switch: up, down (every call fails like an unreachable Redis), or held
 * (every call waits until the test releases it, a store slower than Slack's 3 seconds without any
 * timing in the test).
 */
export interface OutageSwitch {
  store: Store;
  up(): void;
  down(): void;
  /** Holds calls until the returned release() is called. */
  hold(): () => void;
}

export function outageStore(inner: Store): OutageSwitch {
  let mode: 'up' | 'down' | 'held' = 'up';
  let gate: Promise<void> = Promise.resolve();
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return (...args: unknown[]) => {
        const call = () => (value as (...a: unknown[]) => unknown).apply(target, args);
        if (mode === 'down') return Promise.reject(new AppError('STORE_UNAVAILABLE', 'store is down (test)'));
        if (mode === 'held') return gate.then(call);
        return call();
      };
    },
  });
  return {
    store,
    up: () => {
      mode = 'up';
    },
    down: () => {
      mode = 'down';
    },
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      mode = 'held';
      return () => {
        mode = 'up';
        release();
      };
    },
  };
}
