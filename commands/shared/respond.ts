import type { Reply } from '../../src/core/reply.js';
import type { Result, UserError } from '../../src/core/result.js';

/** A use case's result as a handler's answer: the view on success, else the user error (the registry words it per platform). */
export function respond<T>(result: Result<T>, view: (value: T) => Reply): Reply | UserError {
  return result.ok ? view(result.value) : result;
}
