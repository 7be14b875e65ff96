import type { Reply } from '../../src/core/reply.js';
import type { Result } from '../../src/core/result.js';
import { errorReply } from '../../src/registry/registry.js';

/** Renders a use-case result: the view on success, the user error (what was wrong, what is valid) otherwise. */
export function respond<T>(result: Result<T>, view: (value: T) => Reply): Reply {
  return result.ok ? view(result.value) : errorReply(result.message);
}
