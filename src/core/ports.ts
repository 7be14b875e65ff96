/** Ports owned by the core: what it needs from the outside world, and nothing more. */

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An id that is hard to guess and safe in a custom_id / action value. */
  id(): string;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
