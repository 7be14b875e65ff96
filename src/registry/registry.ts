import { AppError } from '../core/errors.js';
import type { ActionRef, Reply } from '../core/reply.js';
import { childLogger } from '../core/logging.js';
import { noMetrics, type InteractionOutcome, type Metrics } from '../core/metrics.js';
import type { Logger } from '../core/ports.js';
import type { UserError } from '../core/result.js';
import type { Community } from '../core/identity.js';
import { commandSchema } from './definition-schema.js';
import { errorReply, RESTARTING_TEXT, UNAVAILABLE_TEXT, userErrorReply } from '../views/errors.js';
import type { BoundAction } from './action.js';
import type { CommandContext, CommandDef, CommandInput, OptionDef, OptionValues } from './command.js';

export interface RegistryOptions {
  /** Values for options with dynamicChoices, e.g. the bank's topics. */
  dynamicChoices: { topic: () => readonly string[] };
  /** A community's own topics (the bank's and its packs'), for suggestions; the static list when not given. */
  communityTopics?: ((c: Community) => Promise<readonly string[]>) | undefined;
  logger: Logger;
  /** Counts interactions by platform, command and outcome; nothing when not given. */
  metrics?: Metrics | undefined;
}

/**
 * Validated command definitions plus dispatch: it checks every input against the definitions,
 * enforces admin-only commands, and turns a thrown failure into a "try again" reply so no
 * platform ever shows a raw error.
 */
export class CommandRegistry {
  readonly commands: readonly CommandDef[];
  private readonly byName: Map<string, CommandDef>;
  private readonly actions = new Map<string, BoundAction>();
  private readonly prompts = new Map<string, BoundAction>();
  /** Handlers running now, so a shutdown can let them finish. */
  private readonly inFlight = new Set<Promise<Reply>>();
  private closing = false;

  constructor(
    commands: readonly CommandDef[],
    readonly options: RegistryOptions,
  ) {
    const problems: string[] = [];
    commands.forEach((c, i) => {
      const r = commandSchema.safeParse(c);
      if (!r.success) {
        for (const issue of r.error.issues) problems.push(`command "${c.name ?? `#${i + 1}`}": ${issue.path.join('.') || '(command)'}: ${issue.message}`);
      }
      for (const [kind, map, target] of [['action', c.actions, this.actions], ['prompt', c.prompts, this.prompts]] as const) {
        for (const bound of map ?? []) {
          if (target.has(bound.name)) problems.push(`command "${c.name}": ${kind} "${bound.name}" is declared twice`);
          if (!bound.name.startsWith(`${c.name}.`)) problems.push(`command "${c.name}": ${kind} "${bound.name}" belongs to another command`);
          target.set(bound.name, bound);
        }
      }
    });
    this.byName = new Map(commands.map((c) => [c.name, c]));
    if (this.byName.size !== commands.length) problems.push('command names must be unique');
    for (const c of commands) {
      for (const [word, to] of Object.entries(c.textRoutes ?? {})) {
        if (!this.byName.has(to)) problems.push(`command "${c.name}": textRoutes "${word}" leads to "${to}", which is not a command`);
      }
    }
    if (problems.length > 0) throw new AppError('COMMANDS_INVALID', `Invalid command definitions:\n- ${problems.join('\n- ')}`);
    this.commands = commands;
  }

  get(name: string): CommandDef | undefined {
    return this.byName.get(name);
  }

  /** The option definitions that apply to a command (and subcommand). */
  optionsOf(cmd: CommandDef, subcommand?: string): readonly OptionDef[] {
    if (!cmd.subcommands) return cmd.options ?? [];
    return cmd.subcommands.find((s) => s.name === subcommand)?.options ?? [];
  }

  choicesOf(opt: OptionDef): readonly string[] | undefined {
    if (opt.choices) return opt.choices.map((c) => c.value);
    if (opt.dynamicChoices) return this.options.dynamicChoices[opt.dynamicChoices]();
    return undefined;
  }

  /** Suggestions in a community: its pack names too, for a topic. */
  async completeIn(c: Community, opt: OptionDef, partial: string): Promise<string[]> {
    const topics = opt.dynamicChoices === 'topic' ? await this.options.communityTopics?.(c) : undefined;
    return this.complete(opt, partial, topics);
  }

  /** Suggestions for an autocompleted option: values that start with, then contain, the text. */
  complete(opt: OptionDef, partial: string, values?: readonly string[]): string[] {
    const all = values ?? this.choicesOf(opt) ?? [];
    const p = partial.toLowerCase();
    return [...all.filter((v) => v.startsWith(p)), ...all.filter((v) => !v.startsWith(p) && v.includes(p))].slice(0, 25);
  }

  /** Checks an input against the definition; returns a message saying what is wrong and what is valid. */
  validate(cmd: CommandDef, input: CommandInput): string | null {
    if (cmd.subcommands) {
      const names = cmd.subcommands.map((s) => s.name);
      if (!input.subcommand || !names.includes(input.subcommand)) {
        return `${input.subcommand ? `"${input.subcommand}" is not a ${cmd.name} subcommand` : `${cmd.name} needs a subcommand`}. Valid: ${names.join(', ')}.`;
      }
    }
    const defs = this.optionsOf(cmd, input.subcommand);
    for (const key of Object.keys(input.options)) {
      if (input.options[key] !== undefined && !defs.some((d) => d.name === key)) {
        return `Unknown option "${key}". Valid options: ${defs.map((d) => d.name).join(', ') || 'none'}.`;
      }
    }
    for (const def of defs) {
      const v = input.options[def.name];
      if (v === undefined || v === '') {
        if (def.required) return `The option "${def.name}" is required: ${def.description}.`;
        continue;
      }
      const problem = this.checkValue(def, v);
      if (problem) return problem;
    }
    return null;
  }

  private checkValue(def: OptionDef, v: string | number | boolean): string | null {
    if (def.type === 'integer') {
      if (typeof v !== 'number' || !Number.isInteger(v)) return `The option "${def.name}" must be a whole number.`;
      if ((def.minValue !== undefined && v < def.minValue) || (def.maxValue !== undefined && v > def.maxValue)) {
        return `The option "${def.name}" must be between ${def.minValue ?? '-∞'} and ${def.maxValue ?? '∞'}.`;
      }
      return null;
    }
    if (def.type === 'boolean') return typeof v === 'boolean' ? null : `The option "${def.name}" must be true or false.`;
    if (def.type === 'user' || def.type === 'channel') {
      return typeof v === 'string' && /^[A-Za-z0-9]{1,40}$/.test(v) ? null : `The option "${def.name}" must name a ${def.type === 'user' ? 'member' : 'channel'}.`;
    }
    if (typeof v !== 'string') return `The option "${def.name}" must be text.`;
    if (def.type === 'attachment') return v.length <= 2000 ? null : `The option "${def.name}" must be a file.`;
    if (def.maxLength !== undefined && v.length > def.maxLength) return `The option "${def.name}" is limited to ${def.maxLength} characters.`;
    const choices = this.choicesOf(def);
    // A topic may also be one of the community's packs, which only the core knows: it checks those.
    if (def.dynamicChoices === 'topic' && /^[a-z][a-z0-9-]{0,23}$/.test(v)) return null;
    if (choices && !choices.includes(v)) {
      return `"${v.slice(0, 40)}" is not a valid ${def.name}. Valid ${def.name} values: ${choices.join(', ')}.`;
    }
    return null;
  }

  async runCommand(ctx: CommandContext, name: string, input: CommandInput): Promise<Reply> {
    const cmd = this.byName.get(name);
    if (!cmd) {
      return errorReply(`Unknown command "${name.slice(0, 40)}". Valid commands: ${this.commands.map((c) => c.name).join(', ')}.`);
    }
    const problem = this.validate(cmd, input);
    if (problem) return this.count(ctx, name, 'invalid', errorReply(problem));
    if (cmd.adminOnly && !ctx.isAdmin) {
      return this.count(ctx, name, 'user_error', errorReply(`Only ${ctx.adminRule ?? 'admins'} can use ${ctx.invocation(cmd.name)}.`));
    }
    return this.guard(ctx, () => cmd.run(ctx, input), name);
  }

  /**
   * Runs the handler behind a button. `ref` is null when the adapter's codec could not read the
   * wire value (another app's component, a tampered value); that, and an unknown action, get a
   * clear message.
   */
  async runAction(ctx: CommandContext, ref: ActionRef | null): Promise<Reply> {
    const bound = ref && this.actions.get(ref.name);
    if (!ref || !bound) return this.count(ctx, 'unknown', 'invalid', errorReply('This button is no longer supported. Start again with a new command.'));
    return this.guard(ctx, () => bound.run(ctx, ref.args, ''), ref.name);
  }

  async runPrompt(ctx: CommandContext, ref: ActionRef | null, text: string): Promise<Reply> {
    const bound = ref && this.prompts.get(ref.name);
    if (!ref || !bound) return this.count(ctx, 'unknown', 'invalid', errorReply('This form is no longer supported. Start again with a new command.'));
    return this.guard(ctx, () => bound.run(ctx, ref.args, text), ref.name);
  }

  /** What a text-only user types to press a button with this action (the console); null when unknown. */
  actionWord(ref: ActionRef): string | null {
    return this.actions.get(ref.name)?.word(ref.args) ?? null;
  }

  /** True when pressing a button with this action asks for free text. */
  opensPrompt(ref: ActionRef): boolean {
    return this.actions.get(ref.name)?.opensPrompt ?? false;
  }

  /** Stops taking new work: later commands and buttons are told to try again in a moment. */
  close(): void {
    this.closing = true;
  }

  /** Resolves when every handler that was running has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private count(ctx: CommandContext, command: string, outcome: InteractionOutcome, reply: Reply): Reply {
    (this.options.metrics ?? noMetrics).interaction(ctx.user.community.platform, command, outcome);
    return reply;
  }

  /** Refuses new work while closing; otherwise runs it and keeps it in flight until it settles. */
  private guard(ctx: CommandContext, fn: () => Promise<Reply | UserError>, command: string): Promise<Reply> {
    if (this.closing) return Promise.resolve(errorReply(RESTARTING_TEXT));
    const run = this.run(ctx, fn, command);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return run;
  }

  /** Runs a handler with a child logger for this interaction; a throw becomes "try again", counted as failed. */
  private async run(ctx: CommandContext, fn: () => Promise<Reply | UserError>, command: string): Promise<Reply> {
    const started = performance.now();
    const log = childLogger(ctx.log ?? this.options.logger, {
      platform: ctx.user.community.platform,
      community: ctx.user.community.id,
      command,
      interactionId: ctx.interactionId,
    });
    try {
      const out = await fn();
      // A user error's words are written here, for the platform that asked.
      const outcome = 'type' in out ? 'ok' : 'user_error';
      (log as Logger & { debug?: Logger['info'] }).debug?.('interaction handled', { outcome, ms: Math.round(performance.now() - started) });
      return this.count(ctx, command, outcome, 'type' in out ? out : userErrorReply(out, ctx.invocation));
    } catch (err) {
      log.error('handler failed', { error: err instanceof Error ? err.message : String(err) });
      return this.count(ctx, command, 'failed', errorReply(UNAVAILABLE_TEXT));
    }
  }
}

/** Builds OptionValues from loosely typed platform input, coercing numbers and booleans by definition. */
export function coerceOptions(defs: readonly OptionDef[], raw: Record<string, string>): OptionValues | string {
  const out: OptionValues = {};
  for (const [key, value] of Object.entries(raw)) {
    const def = defs.find((d) => d.name === key);
    if (!def || def.type === 'string' || def.type === 'attachment') {
      out[key] = value;
    } else if (def.type === 'user') {
      // Accepts a raw id or a mention as platforms write it: <@123>, <@!123>, <@U123|name>.
      const m = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(value) ?? /^@?([A-Za-z0-9]+)$/.exec(value);
      if (!m) return `The option "${key}" must name a member, for example @someone.`;
      out[key] = m[1]!;
    } else if (def.type === 'channel') {
      // <#123>, <#C123|name> or a raw id.
      const m = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(value) ?? /^#?([A-Za-z0-9]+)$/.exec(value);
      if (!m) return `The option "${key}" must name a channel, for example #general.`;
      out[key] = m[1]!;
    } else if (def.type === 'integer') {
      if (!/^-?\d+$/.test(value)) return `The option "${key}" must be a whole number, not "${value.slice(0, 20)}".`;
      out[key] = Number(value);
    } else {
      const v = value.toLowerCase();
      if (!['true', 'false', 'yes', 'no'].includes(v)) return `The option "${key}" must be true or false.`;
      out[key] = v === 'true' || v === 'yes';
    }
  }
  return out;
}
