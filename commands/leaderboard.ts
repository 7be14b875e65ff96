import type { BoardPeriod, BoardScope } from '../src/core/leaderboard.js';
import { onAction } from '../src/registry/action.js';
import { defineCommand, type CommandContext } from '../src/registry/command.js';
import { leaderboardReply, leaderboardTitle } from '../src/views/profile-views.js';
import { leaderboardPicture } from '../src/views/pictures/leaderboard-picture.js';
import { withPicture } from './shared/pictures.js';
import { BOARD_PERIODS as PERIODS, BOARD_SCOPES as SCOPES, leaderboardActions } from './leaderboard.actions.js';

async function show(ctx: CommandContext, scope: BoardScope, period: BoardPeriod, page: number, update: boolean, image = false) {
  const team = scope === 'teams' ? await ctx.core.teams.teamOf(ctx.user) : null;
  const memberId = scope === 'teams' ? (team?.key ?? '') : ctx.user.userId;
  const view = await ctx.core.profile.leaderboard(ctx.user.community, scope, period, page, memberId);
  const who = scope === 'teams' ? (team ? `Your team ${team.name} is` : 'You are in no team, so you are') : 'You are';
  const reply = leaderboardReply(view, { update, who, cmd: ctx.invocation });
  // The card shows the ranks on this page (the top 10 on the first), as the text does.
  return image && view.entries.length > 0 ? withPicture(ctx, reply, () => leaderboardPicture(view, leaderboardTitle(view))) : reply;
}

export default defineCommand({
  name: 'leaderboard',
  description: 'Top members or teams this week, this month or of all time, with your own rank',
  options: [
    { name: 'period', description: 'week (default), month or all', type: 'string', choices: PERIODS.map((p) => ({ name: p, value: p })) },
    { name: 'scope', description: 'users (default) or teams', type: 'string', choices: SCOPES.map((s) => ({ name: s, value: s })) },
    { name: 'page', description: 'Page number', type: 'integer', minValue: 1, maxValue: 1000 },
    { name: 'image', description: 'Attach the board as a picture (a card of the top 10)', type: 'boolean' },
  ],
  async run(ctx, { options }) {
    return show(ctx, options.scope ?? 'users', options.period ?? 'week', options.page ?? 1, false, options.image ?? false);
  },
  actions: [onAction(leaderboardActions.page, async (ctx, { scope, period, page }) => show(ctx, scope, period, page, true))],
});
