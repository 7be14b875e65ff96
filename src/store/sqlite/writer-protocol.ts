import { AppError, type ErrorCode } from '../../core/errors.js';
import type { WriteOp } from './writes.js';

/** Messages between the main thread (writer.ts) and the writer thread (write-worker.ts). */

export interface WriterData {
  dataDir: string;
  /** The main thread's clock at start, for the migration and import records. */
  now: number;
}

export type WriterRequest = { type: 'write'; id: number; op: WriteOp; args: unknown[] } | { type: 'close' };

/** An error as it crosses threads: its message, and the code that says what kind it is. */
export interface WireError {
  message: string;
  appCode?: ErrorCode | undefined;
  sqliteCode?: string | undefined;
}

export type WriterMessage =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: WireError }
  | { type: 'ready'; path: string }
  | { type: 'failed'; error: WireError }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; msg: string; data?: Record<string, unknown> | undefined };

export function toWire(err: unknown): WireError {
  const code = (err as { code?: unknown }).code;
  return {
    message: err instanceof Error ? err.message : String(err),
    appCode: err instanceof AppError ? err.code : undefined,
    sqliteCode: typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined,
  };
}
