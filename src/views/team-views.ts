import { message, type MessageReply } from '../core/reply.js';
import type { TeamInfo } from '../core/team.js';
import { plural, type NameCommand } from './format.js';

export function teamJoined(team: TeamInfo, created: boolean, already: boolean): MessageReply {
  const text = already
    ? `You are already in **${team.name}** (${plural(team.members, 'member')}).`
    : created
      ? `You created team **${team.name}** and joined it. Others join with the same name.`
      : `You joined **${team.name}** (${plural(team.members, 'member')}). Your points now count for the team too.`;
  return message({ title: 'Teams', text, tone: 'success' });
}

export function teamLeft(team: TeamInfo): MessageReply {
  return message({ title: 'Teams', text: `You left **${team.name}**. Points you earned stay with the team.`, tone: 'info', ephemeral: true });
}

export function teamList(teams: TeamInfo[], cmd: NameCommand): MessageReply {
  if (teams.length === 0) return message({ title: 'Teams', text: `No teams yet. Create one with ${cmd('team join')} <name>.`, tone: 'info' });
  return message({ title: `Teams (${teams.length})`, text: teams.map((t) => `**${t.name}** — ${plural(t.members, 'member')}`).join('\n'), tone: 'info' });
}

export function teamMembers(team: TeamInfo, members: { name: string }[]): MessageReply {
  return message({ title: `Team ${team.name}`, text: members.map((m) => `- ${m.name}`).join('\n') || 'No members.', tone: 'info' });
}
