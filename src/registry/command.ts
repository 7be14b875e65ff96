import type { Core } from '../core/core.js';
import type { UserRef } from '../core/identity.js';
import type { Reply } from '../core/reply.js';
import type { UserError } from '../core/result.js';
import type { ChannelPoster } from '../core/channel-poster.js';
import type { Logger } from '../core/ports.js';
import type { BoundAction } from './action.js';

/**
 * A command is declared once, as data plus handlers, and feeds every platform: Discord slash
 * commands, Slack /prep subcommands and console lines are all generated from it.
 */

/**
 * `user` and `channel` take a member or channel of the same community; the value is its id.
 * `attachment` takes a file: a Discord attachment (its URL), a path on the console; the value is a
 * reference that only the adapter's `readAttachment` turns into the file's text.
 */
export type OptionType = 'string' | 'integer' | 'boolean' | 'user' | 'channel' | 'attachment';

/** A file's text as the adapter read it, or why it could not. */
export type AttachmentRead = { ok: true; text: string } | { ok: false; problem: 'too-large' | 'unreadable'; detail?: string | undefined };

export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Fixed values; text syntax can then give them positionally ("leaderboard week"). */
  choices?: readonly { name: string; value: string }[];
  /** Values known only at run time; Discord autocompletes them, text syntax matches them. */
  dynamicChoices?: 'topic';
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
  /** In text syntax this option takes the rest of the line ("team join Deep Divers"). */
  rest?: boolean;
}

export interface SubcommandDef {
  name: string;
  description: string;
  options?: readonly OptionDef[];
}

/** Option values as the registry hands them over, checked against the definitions. */
export type OptionValues = Record<string, string | number | boolean | undefined>;

export interface CommandInput {
  subcommand?: string | undefined;
  options: OptionValues;
}

/** What a dynamic choice's values are: a bank topic or a community's pack name. */
interface DynamicChoiceValues {
  topic: string;
}

/** The value type of one option, read from its definition: its choices, else its type. */
export type OptionValue<O extends OptionDef> = O extends { choices: readonly { value: infer V }[] }
  ? V
  : O extends { dynamicChoices: infer D extends keyof DynamicChoiceValues }
    ? DynamicChoiceValues[D]
    : O['type'] extends 'integer'
      ? number
      : O['type'] extends 'boolean'
        ? boolean
        : string;

/** `{ topic: Topic | undefined; … }` from a list of option definitions; required ones are never undefined. */
export type OptionsOf<Opts extends readonly OptionDef[]> = {
  [O in Opts[number] as O['name']]: O extends { required: true } ? OptionValue<O> : OptionValue<O> | undefined;
};

/** The input a handler receives: options typed by the definitions, or one case per subcommand. */
export type TypedInput<Opts extends readonly OptionDef[], Subs extends readonly SubcommandDef[]> = Subs extends readonly []
  ? { subcommand?: undefined; options: OptionsOf<Opts> }
  : {
      [K in keyof Subs]: Subs[K] extends { name: infer N; options: infer SO extends readonly OptionDef[] }
        ? { subcommand: N; options: OptionsOf<SO> }
        : { subcommand: Subs[K]['name']; options: OptionsOf<readonly []> };
    }[number];

/** Who is asking and what they may do; filled by the adapter. */
export interface CommandContext {
  core: Core;
  user: UserRef;
  /** Manage Server on Discord, admin/owner (or listed) on Slack, always on the console. */
  isAdmin: boolean;
  /** Who counts as an admin here, for the refusal message ("server admins (Manage Server)"). */
  adminRule?: string | undefined;
  /** The user's own time zone when the platform knows it (Slack). */
  timeZone?: string | undefined;
  /** False where a reply cannot be posted to others (the console, a DM). */
  canShare: boolean;
  /** The command word users type on text platforms, for help texts ("/quiz" vs "/prep quiz"). */
  invocation: (command: string) => string;
  /** The channel the command came from, when there is one (default for channel options). */
  channelId?: string | undefined;
  /** The platform's poster, for commands that post on their own (daily questions). */
  poster?: ChannelPoster | undefined;
  /** Every command, for help. */
  commands: readonly CommandDef[];
  /** The platform's id for this interaction, carried by every log line about it. */
  interactionId?: string | undefined;
  /** Where files come after the command (Slack): expect the member's next file here for `command`. */
  awaitFile?: (() => Promise<void>) | undefined;
  /** Reads an `attachment` option's file (at most maxBytes), where the platform has files. */
  readAttachment?: ((ref: string, maxBytes: number) => Promise<AttachmentRead>) | undefined;
  /** The adapter's logger for this interaction, when it has one (the registry's otherwise). */
  log?: Logger | undefined;
}

export interface CommandDef {
  name: string;
  description: string;
  options?: readonly OptionDef[];
  subcommands?: readonly SubcommandDef[];
  /**
   * Typed lines (console, Slack) only: the subcommand run when the line names none, so
   * `interview` starts one. Discord slash commands with subcommands always name one.
   */
  textDefault?: string;
  /**
   * Typed lines only: a first word that hands the rest of the line to another command, so
   * `practice remind on 08:30` reads as `remind on 08:30`.
   */
  textRoutes?: Readonly<Record<string, string>>;
  /** Hidden from members by default on Discord and checked again at run time everywhere. */
  adminOnly?: boolean;
  /** A reply, or a user error that the registry renders in the platform's words. */
  run(ctx: CommandContext, input: CommandInput): Promise<Reply | UserError>;
  /** Button handlers (onAction), each for one typed action of commands/<name>.actions.ts. */
  actions?: readonly BoundAction[];
  /** Free-text submissions (onSubmit): modals, the console's next line. */
  prompts?: readonly BoundAction[];
}

/** A command as written in commands/: its handler sees options typed from its own definitions. */
export interface CommandSpec<Opts extends readonly OptionDef[], Subs extends readonly SubcommandDef[]> extends Omit<CommandDef, 'options' | 'subcommands' | 'run'> {
  options?: Opts;
  subcommands?: Subs;
  run(ctx: CommandContext, input: TypedInput<Opts, Subs>): Promise<Reply | UserError>;
}

/**
 * Declares a command. The `const` type parameters keep the literal names, types and choices of its
 * options, so `options.topic` is a `Topic | undefined` in the handler without a cast. The registry
 * checks every input against the same definitions before the handler runs, which is what makes
 * widening the typed handler to CommandDef sound.
 */
export function defineCommand<const Opts extends readonly OptionDef[] = readonly [], const Subs extends readonly SubcommandDef[] = readonly []>(
  spec: CommandSpec<Opts, Subs>,
): CommandDef {
  return spec;
}
