import { defineCommand, type CommandContext, type SubcommandDef } from '../src/registry/command.js';
import { reminderOffReply, reminderSetReply, reminderStatusReply } from '../src/views/reminder-views.js';
import { respond } from './shared/respond.js';

/**
 * Practice reminders: `remind on HH:MM`. Typed lines also reach it as `practice remind …`
 * (practice's textRoutes); Discord cannot mix practice's options with subcommands.
 */
export const remindSubcommands = [
  {
    name: 'on',
    description: 'A direct message at a local time on days when you have reviews due',
    options: [
      { name: 'time', description: 'Local time, HH:MM (24-hour), e.g. 08:30', type: 'string', required: true, maxLength: 5 },
      { name: 'timezone', description: 'IANA time zone (default: yours on Slack, else the community’s, else UTC)', type: 'string', maxLength: 64 },
    ],
  },
  { name: 'off', description: 'Stop your practice reminder' },
  { name: 'status', description: 'Your reminder and the reviews due now' },
] as const satisfies readonly SubcommandDef[];

type RemindInput = { subcommand: 'on'; options: { time: string; timezone?: string | undefined } } | { subcommand: 'off' | 'status'; options: object };

export async function runRemind(ctx: CommandContext, input: RemindInput) {
  const reminders = ctx.core.reminders;
  switch (input.subcommand) {
    case 'on':
      return respond(
        await reminders.set({ user: ctx.user, time: input.options.time, timeZone: input.options.timezone, userZone: ctx.timeZone }, ctx.poster),
        (s) => reminderSetReply(s, ctx.invocation),
      );
    case 'off':
      return respond(await reminders.off(ctx.user), () => reminderOffReply(ctx.invocation));
    default:
      return respond(await reminders.status(ctx.user), (s) => reminderStatusReply(s, ctx.invocation));
  }
}

export default defineCommand({
  name: 'remind',
  description: 'Practice reminders: a direct message on days when you have reviews due',
  subcommands: remindSubcommands,
  run: (ctx, input) => runRemind(ctx, input),
});
