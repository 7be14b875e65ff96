/** Stable error codes, so callers and logs can tell failures apart without parsing messages. */
export type ErrorCode =
  | 'BANK_INVALID'
  | 'CONFIG_INVALID'
  | 'STORE_CORRUPT'
  | 'STORE_TOO_NEW'
  | 'STORE_UNAVAILABLE'
  | 'COMMANDS_INVALID'
  | 'INTERNAL';

/** An operational failure (not a user mistake): bad config, corrupt data, an unreachable store. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}
