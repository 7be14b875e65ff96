import { message } from '../src/core/reply.js';
import { defineCommand, type CommandContext, type OptionDef } from '../src/registry/command.js';
import { fail } from '../src/core/result.js';
import { dailySetupReply, dailyStatusReply } from '../src/views/daily-views.js';
import { respond } from './shared/respond.js';
import { difficultyOption, modeOption, topicOption } from './shared/options.js';

const channelOption = { name: 'channel', description: 'The channel (default: this one)', type: 'channel' } as const satisfies OptionDef;

/** The channel a daily subcommand is about, and the poster that reaches it. */
function target(ctx: CommandContext, channel: string | undefined) {
  const channelId = channel ?? ctx.channelId;
  if (!ctx.poster) return { error: fail('DAILY_UNAVAILABLE', {}) };
  if (!channelId) return { error: fail('CHANNEL_REQUIRED', {}) };
  return { channelId, poster: ctx.poster };
}

export default defineCommand({
  name: 'daily',
  description: 'Admins: schedule a question in a channel every day, revealed later with results',
  adminOnly: true,
  subcommands: [
    {
      name: 'setup',
      description: 'Post a question in a channel every day at a local time',
      options: [
        { name: 'time', description: 'Local time, HH:MM (24-hour), e.g. 09:00', type: 'string', required: true, maxLength: 5 },
        { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin, America/New_York, UTC', type: 'string', required: true, maxLength: 64 },
        channelOption,
        { name: 'weekdays', description: 'daily (default), weekdays, weekends, mon,wed,fri or mon-thu', type: 'string', maxLength: 40 },
        topicOption(),
        difficultyOption(),
        modeOption('choice (default), open or flash'),
        { name: 'reveal_hours', description: 'Hours until the answer is revealed (default 8)', type: 'integer', minValue: 1, maxValue: 23 },
      ],
    },
    { name: 'off', description: 'Stop the daily question in a channel', options: [channelOption] },
    { name: 'now', description: "Post today's question right away", options: [channelOption] },
    { name: 'status', description: 'The schedule, the next post time and the last post', options: [channelOption] },
  ],
  async run(ctx, { subcommand, options }) {
    const t = target(ctx, options.channel);
    if ('error' in t) return t.error!;
    const daily = ctx.core.daily;
    const community = ctx.user.community;
    switch (subcommand) {
      case 'setup': {
        const result = await daily.setup(
          {
            community,
            channelId: t.channelId,
            adminId: ctx.user.userId,
            time: options.time,
            timeZone: options.timezone,
            weekdays: options.weekdays,
            topic: options.topic,
            difficulty: options.difficulty,
            mode: options.mode,
            revealHours: options.reveal_hours,
          },
          t.poster,
        );
        return respond(result, (r) => dailySetupReply(r.schedule, r.next));
      }
      case 'off':
        return respond(await daily.off(community, t.channelId), () => message({ title: 'Daily question', text: 'The daily question in this channel is off.', tone: 'info', ephemeral: true }));
      case 'now':
        return respond(await daily.postNow(community, t.channelId, t.poster), () => message({ title: 'Daily question', text: "Today's question is posted.", tone: 'success', ephemeral: true }));
      default:
        return respond(await daily.status(community, t.channelId), dailyStatusReply);
    }
  },
});
