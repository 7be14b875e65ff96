import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { WireError, WriterData, WriterMessage, WriterRequest } from './writer-protocol.js';
import type { WriteArgs, WriteOp, Writes } from './writes.js';

/** SQLite errors that say the file cannot take writes (full, read-only, I/O, locked), not a bug. */
const STORAGE_ERRORS = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PROTOCOL|PERM)/;

/** Starts write-worker; under tsx (npm start, tests) the worker registers tsx for itself first. */
function spawnWorker(data: WriterData): Worker {
  const compiled = !import.meta.url.endsWith('.ts');
  const entry = new URL(`./write-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return new Worker(entry, { workerData: data });
  // Node 20 does not apply the parent's module loader to a worker's entry file.
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * The main thread's side of the writer thread: sends each write, tracks whether writes succeed
 * (for /readyz), and runs the throttled write probe.
 */
export class Writer {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private failure: { since: number; message: string } | null = null;
  private stopped: string | null = null;
  private lastProbeAt = 0;

  private constructor(
    private readonly worker: Worker,
    readonly path: string,
    private readonly clock: Clock,
    private readonly probeIntervalMs: number,
    logger: Logger | undefined,
  ) {
    worker.on('message', (m: WriterMessage) => {
      if (m.type === 'reply') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if (m.ok) {
          this.failure = null;
          p?.resolve(m.result);
        } else {
          p?.reject(this.fromWire(m.error));
        }
      } else if (m.type === 'log') {
        logger?.[m.level](m.msg, m.data);
      }
    });
    worker.on('exit', (code) => this.halt(`the database writer thread stopped (exit code ${code})`));
    worker.on('error', (err) => {
      logger?.error('The database writer thread failed', { error: String(err) });
      this.halt(`the database writer thread failed: ${err.message}`);
    });
    worker.unref();
  }

  /** Starts the writer thread, which creates, migrates and imports as needed; rejects if it cannot. */
  static async start(dataDir: string, clock: Clock, probeIntervalMs: number, logger?: Logger): Promise<Writer> {
    const worker = spawnWorker({ dataDir, now: clock.now() });
    let onMessage!: (m: WriterMessage) => void;
    let onExit!: (code: number) => void;
    let onError!: (err: Error) => void;
    const path = await new Promise<string>((resolve, reject) => {
      onMessage = (m) => {
        if (m.type === 'log') logger?.[m.level](m.msg, m.data);
        else if (m.type === 'ready') resolve(m.path);
        else if (m.type === 'failed') reject(m.error.appCode ? new AppError(m.error.appCode, m.error.message) : new Error(m.error.message));
      };
      onExit = (code) => reject(new Error(`the database writer thread exited with ${code} while opening ${dataDir}`));
      onError = reject;
      worker.on('message', onMessage).on('exit', onExit).on('error', onError);
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    worker.off('message', onMessage).off('exit', onExit).off('error', onError);
    return new Writer(worker, path, clock, probeIntervalMs, logger);
  }

  /** Runs one write (one transaction) in the writer thread. */
  call<K extends WriteOp>(op: K, ...args: WriteArgs<K>): Promise<ReturnType<Writes[K]>> {
    if (this.stopped) return Promise.reject(new AppError('STORE_UNAVAILABLE', `Cannot write to ${this.path}: ${this.stopped}`));
    const id = this.next++;
    const promise = new Promise<ReturnType<Writes[K]>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.ref(); // a write in flight keeps the process alive until it is answered
      this.worker.postMessage({ type: 'write', id, op, args } satisfies WriterRequest);
    });
    this.inFlight.add(promise);
    const settled = () => this.inFlight.delete(promise);
    promise.then(settled, settled);
    return promise;
  }

  private fromWire(e: WireError): Error {
    if (e.appCode) return new AppError(e.appCode, e.message);
    if (!e.sqliteCode || !STORAGE_ERRORS.test(e.sqliteCode)) return new Error(e.message);
    this.failure ??= { since: this.clock.now(), message: `${e.message} (${e.sqliteCode})` };
    return new AppError('STORE_UNAVAILABLE', `Cannot write to ${this.path}: ${e.message} (${e.sqliteCode})`);
  }

  private halt(reason: string): void {
    this.stopped ??= reason;
    this.failure ??= { since: this.clock.now(), message: reason };
    for (const p of this.pending.values()) p.reject(new AppError('STORE_UNAVAILABLE', `Cannot write to ${this.path}: ${reason}`));
    this.pending.clear();
  }

  /**
   * Throws while writes fail. A failed write marks the store failing at once; a cheap write probe
   * (at most every probeIntervalMs, every second while failing) notices a recovery, or a failure
   * when nothing else writes.
   */
  async checkWritable(): Promise<void> {
    const now = Date.now();
    if (!this.stopped && now - this.lastProbeAt >= (this.failure ? 1000 : this.probeIntervalMs)) {
      this.lastProbeAt = now;
      await this.call('probe', this.clock.now()).catch(() => {});
    }
    if (this.failure) {
      // The driver's own message stays in the log; readiness bodies carry only ours.
      throw new AppError('STORE_UNAVAILABLE', `Writes to ${this.path} fail since ${new Date(this.failure.since).toISOString()}`);
    }
  }

  /** Finishes the writes in flight, closes the connection and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    await Promise.allSettled([...this.inFlight]);
    this.stopped = 'the store is closed';
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref(); // keep the process alive until the thread has closed the database
    this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await exited;
  }
}
