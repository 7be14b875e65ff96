import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Store } from '../../src/core/store.js';

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; code: string; message: string };

export class StoreCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A SqliteStore in a child process of its own (test/support/sqlite-worker.ts), called over IPC. */
export class StoreProcess {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new StoreCallError(m.code, m.message));
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const w of this.waiting.values()) w.reject(new Error('store process exited'));
      this.waiting.clear();
    });
  }

  static async start(dataDir: string): Promise<StoreProcess> {
    const child = fork(fileURLToPath(new URL('./sqlite-worker.ts', import.meta.url)), [dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`store process exited with ${code}: ${stderr}`)));
    });
    return new StoreProcess(child, port);
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<K extends keyof Store>(op: K, ...args: Parameters<Store[K]>): Promise<Awaited<ReturnType<Store[K]>>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, args });
    });
  }

  async readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`http://127.0.0.1:${this.port}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Closes the store cleanly and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.disconnect();
    await this.exited;
  }
}
