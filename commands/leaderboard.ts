import type { BoardPeriod, BoardScope } from '../src/core/leaderboard.js';
import { onAction } from '../src/registry/action.js';
import { defineCommand, type CommandContext } from '../src/registry/command.js';
import { leaderboardReply } from '../src/views/profile-views.js';
import { BOARD_PERIODS as PERIODS, BOARD_SCOPES as SCOPES, leaderboardActions } from './leaderboard.actions.js';

async function show(ctx: CommandContext, scope: BoardScope, period: BoardPeriod, page: number, update: boolean) {
  const team = scope === 'teams' ? await ctx.core.teams.teamOf(ctx.user) : null;
  const memberId = scope === 'teams' ? (team?.key ?? '') : ctx.user.userId;
  const view = await ctx.core.profile.leaderboard(ctx.user.community, scope, period, page, memberId);
  const who = scope === 'teams' ? (team ? `Your team ${team.name} is` : 'You are in no team, so you are') : 'You are';
  return leaderboardReply(view, { update, who, cmd: ctx.invocation });
}

export default defineCommand({
  name: 'leaderboard',
  description: 'Top members or teams this week, this month or of all time, with your own rank',
  options: [
    { name: 'period', description: 'week (default), month or all', type: 'string', choices: PERIODS.map((p) => ({ name: p, value: p })) },
    { name: 'scope', description: 'users (default) or teams', type: 'string', choices: SCOPES.map((s) => ({ name: s, value: s })) },
    { name: 'page', description: 'Page number', type: 'integer', minValue: 1, maxValue: 1000 },
  ],
  async run(ctx, { options }) {
    return show(ctx, options.scope ?? 'users', options.period ?? 'week', options.page ?? 1, false);
  },
  actions: [onAction(leaderboardActions.page, async (ctx, { scope, period, page }) => show(ctx, scope, period, page, true))],
});
