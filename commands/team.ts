import { defineCommand } from '../src/registry/command.js';
import { teamJoined, teamLeft, teamList, teamMembers } from '../src/views/team-views.js';
import { respond } from './shared/respond.js';

export default defineCommand({
  name: 'team',
  description: 'Join, leave or list teams; team points add up on the team leaderboard',
  subcommands: [
    {
      name: 'join',
      description: 'Join a team, creating it if it is new',
      options: [{ name: 'name', description: 'Team name', type: 'string', required: true, maxLength: 32, rest: true }],
    },
    { name: 'leave', description: 'Leave your team' },
    {
      name: 'list',
      description: 'List the teams, or the members of one team',
      options: [{ name: 'name', description: 'A team whose members to show', type: 'string', maxLength: 64, rest: true }],
    },
  ],
  async run(ctx, { subcommand, options }) {
    if (subcommand === 'join') {
      return respond(await ctx.core.teams.join(ctx.user, options.name), (o) => teamJoined(o.team, o.status === 'joined' && o.created, o.status === 'already-member'));
    }
    if (subcommand === 'leave') return respond(await ctx.core.teams.leave(ctx.user), teamLeft);
    if (options.name) return respond(await ctx.core.teams.members(ctx.user.community, options.name), (r) => teamMembers(r.team, r.members));
    return teamList(await ctx.core.teams.list(ctx.user.community), ctx.invocation);
  },
});
