import type { ActionRef, Reply } from '../core/reply.js';
import type { Result, UserError } from '../core/result.js';
import type { CommandContext } from './command.js';

/**
 * Typed actions. A command declares each of its actions once (commands/<name>.actions.ts): how its
 * parameters become the string arguments of an ActionRef and back. Views build buttons with
 * `type.ref(params)`, handlers receive parsed params, so renaming an action or changing its
 * parameters fails to compile instead of leaving dead buttons.
 */
export interface ActionSpec<P> {
  toArgs(params: P): string[];
  /** Arguments from a button back to parameters; a user error for a stale or tampered one. */
  fromArgs(args: readonly string[]): Result<P>;
  /** What a text-only user types to press it: "1", "hint", "good". */
  word(params: P): string;
  /** Pressing it asks for free text, so a text adapter may send typed text straight to it. */
  opensPrompt?: boolean;
}

export interface ActionType<P> {
  readonly name: string;
  readonly opensPrompt: boolean;
  ref(params: P): ActionRef;
  read(args: readonly string[]): Result<P>;
  word(params: P): string;
}

export function defineAction<P>(name: string, spec: ActionSpec<P>): ActionType<P> {
  return {
    name,
    opensPrompt: spec.opensPrompt ?? false,
    ref: (params) => ({ name, args: spec.toArgs(params) }),
    read: (args) => spec.fromArgs(args),
    word: (params) => spec.word(params),
  };
}

/** A handler bound to its action type, with the parameter type erased so a command can hold several. */
export interface BoundAction {
  readonly name: string;
  readonly opensPrompt: boolean;
  run(ctx: CommandContext, args: readonly string[], text: string): Promise<Reply | UserError>;
  /** The word that presses it, or null when its arguments do not read. */
  word(args: readonly string[]): string | null;
}

function bind<P>(type: ActionType<P>, run: (ctx: CommandContext, params: P, text: string) => Promise<Reply | UserError>): BoundAction {
  return {
    name: type.name,
    opensPrompt: type.opensPrompt,
    async run(ctx, args, text) {
      const params = type.read(args);
      return params.ok ? run(ctx, params.value, text) : params;
    },
    word(args) {
      const params = type.read(args);
      return params.ok ? type.word(params.value) : null;
    },
  };
}

/** A button handler. */
export const onAction = <P>(type: ActionType<P>, handler: (ctx: CommandContext, params: P) => Promise<Reply | UserError>): BoundAction =>
  bind(type, (ctx, params) => handler(ctx, params));

/** A free-text submission handler (a modal, the console's next line). */
export const onSubmit = <P>(type: ActionType<P>, handler: (ctx: CommandContext, params: P, text: string) => Promise<Reply | UserError>): BoundAction => bind(type, handler);
