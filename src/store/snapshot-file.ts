import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../core/errors.js';

/**
 * A JSON file written atomically (temp file, fsync, rename), with group commit: writes requested
 * while one is in flight are folded into the next one, and each caller's promise resolves only
 * once a write containing its change is on disk.
 */
export class SnapshotFile<T> {
  private inFlight: Promise<void> | null = null;
  private pending: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;

  constructor(
    readonly path: string,
    private readonly isValid: (x: unknown) => x is T,
  ) {}

  /** Reads the file; null when it does not exist. A corrupt file throws and is left untouched. */
  async load(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('STORE_CORRUPT', `Cannot read the data file ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw this.corrupt(`it is not valid JSON (${(cause as Error).message})`, cause);
    }
    if (!this.isValid(parsed)) throw this.corrupt('its content is not in the expected format');
    return parsed;
  }

  private corrupt(why: string, cause?: unknown): AppError {
    return new AppError(
      'STORE_CORRUPT',
      `The data file ${this.path} is corrupted: ${why}. Backprop will not start on it and has not changed it. ` +
        `Restore it from a backup, or move it away to start with empty data.`,
      { cause },
    );
  }

  /** Persists what snapshot() returns at write time; resolves once that is durable. */
  save(snapshot: () => T): Promise<void> {
    if (this.pending) return this.pending.promise;
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.pending = { promise, resolve, reject };
    void this.drain(snapshot);
    return promise;
  }

  private async drain(snapshot: () => T): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => {});
    const batch = this.pending;
    if (!batch) return;
    this.pending = null;
    this.inFlight = this.writeAtomically(JSON.stringify(snapshot()));
    try {
      await this.inFlight;
      batch.resolve();
    } catch (err) {
      batch.reject(err);
    } finally {
      this.inFlight = null;
    }
  }

  private async writeAtomically(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.path);
  }

  /** Waits for every requested write to finish. */
  async flush(): Promise<void> {
    while (this.pending || this.inFlight) {
      await (this.pending?.promise ?? this.inFlight)?.catch(() => {});
    }
  }
}
