import type { Store } from '../../../src/core/store.js';

/** `once`: only the next call is slow, so a test controls the total delay whatever the call count. */
export type StoreMode = 'ok' | 'fail' | 'hang' | { delayMs: number; once?: boolean };

/**
 * Wraps a real store so a test can make it fail, hang or slow down, the way an unreachable or
 * overloaded Redis would. It is the Store port, injected like any store; no module is mocked.
 */
export class StoreSwitch {
  mode: StoreMode = 'ok';
  readonly store: Store;

  constructor(inner: Store) {
    this.store = new Proxy(inner, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'close') return value;
        return async (...args: unknown[]) => {
          await this.gate();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  private async gate(): Promise<void> {
    const mode = this.mode;
    if (mode === 'ok') return;
    if (mode === 'fail') throw new Error('connect ECONNREFUSED 127.0.0.1:6379 (store switched off by the test)');
    if (mode === 'hang') return new Promise<void>(() => {});
    if (mode.once) this.mode = 'ok';
    await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
  }
}
