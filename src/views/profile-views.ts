import { message, type MessageReply, type ReplyButton } from '../core/reply.js';
import type { LeaderboardView, StatsView, StreakView } from '../core/profile-service.js';
import { TOPICS } from '../core/bank/schema.js';
import { leaderboardActions } from '../../commands/leaderboard.actions.js';
import { percent, plural, type NameCommand } from './format.js';
import type { LearningOverview } from '../core/learning/learning-service.js';
import { memoryFields } from './learning-views.js';

const PERIOD_LABEL = { week: 'this week', month: 'this month', all: 'all time' } as const;

export const leaderboardTitle = (v: Pick<LeaderboardView, 'scope' | 'period'>) => `Leaderboard · ${v.scope === 'teams' ? 'teams' : 'members'} · ${PERIOD_LABEL[v.period]}`;

export function leaderboardReply(v: LeaderboardView, opts: { update?: boolean; who: string; cmd: NameCommand }): MessageReply {
  const title = leaderboardTitle(v);
  if (v.total === 0) {
    const how = v.scope === 'teams' ? `Join a team with ${opts.cmd('team join')} and answer a question to put it on the board.` : 'Answer a question to get on the board.';
    return message({ title, text: `Nobody is on this board yet. ${how}`, tone: 'info', update: opts.update ?? false });
  }
  const medal = (rank: number) => ['🥇', '🥈', '🥉'][rank - 1] ?? `**${rank}.**`;
  const lines = v.entries.map((e) => `${medal(e.rank)} ${e.name} — ${plural(e.score, 'point')}`);
  const onPage = v.member && v.entries.some((e) => e.id === v.member!.id);
  if (v.member && !onPage) lines.push('', `You${v.scope === 'teams' ? 'r team' : ''} (${v.member.name}): **#${v.member.rank}** of ${v.total} — ${plural(v.member.score, 'point')}`);
  else if (!v.member) lines.push('', `${opts.who} not on this board yet.`);
  const buttons: ReplyButton[][] = [];
  if (v.pages > 1) {
    const page = (label: string, p: number, disabled: boolean): ReplyButton => ({
      label,
      action: leaderboardActions.page.ref({ scope: v.scope, period: v.period, page: p }),
      style: 'secondary',
      disabled,
    });
    buttons.push([page('◀ Previous', v.page - 1, v.page <= 1), page('Next ▶', v.page + 1, v.page >= v.pages)]);
  }
  return message({ title, text: lines.join('\n'), buttons, footer: `Page ${v.page} of ${v.pages} · ${v.key === 'all' ? 'all time' : v.key}`, tone: 'info', update: opts.update ?? false });
}

export function streakReply(name: string, s: StreakView, self: boolean): MessageReply {
  const who = self ? 'Your' : `${name}'s`;
  const status = s.current === 0
    ? (self ? 'No active streak. Answer a question today to start one.' : 'No active streak.')
    : s.answeredToday
      ? 'Today is done ✅'
      : self ? 'Answer a question today to keep it going.' : 'Not answered today yet.';
  return message({
    title: `${who} streak`,
    text: `🔥 **${plural(s.current, 'day')}** (best: ${plural(s.best, 'day')})\n${status}`,
    tone: 'info',
  });
}

/** `memory`: the learning loop's retention and cards learned, added after the answer stats. */
export function statsReply(name: string, s: StatsView, self: boolean, cmd: NameCommand, memory?: LearningOverview): MessageReply {
  const title = self ? 'Your stats' : `Stats for ${name}`;
  if (s.answered === 0) return message({ title, text: self ? `No answers yet. Start with ${cmd('quiz')}.` : `${name} has not answered anything yet.`, tone: 'info' });
  const fields = [
    { name: 'Answered', value: String(s.answered), inline: true },
    { name: 'Accuracy', value: percent(s.accuracy), inline: true },
    { name: 'Points', value: String(s.points), inline: true },
    { name: 'By topic', value: s.byTopic.map((t) => `${t.label}: ${percent(t.accuracy)} of ${t.answered}`).join('\n') },
  ];
  if (s.weakest.length > 0) fields.push({ name: 'Weakest topics', value: s.weakest.map((t) => `${t.label} (${percent(t.accuracy)})`).join(', ') });
  if (memory) fields.push(...memoryFields(memory));
  return message({ title, fields, tone: 'info' });
}

export function topicsReply(counts: Map<string, number>, cmd: NameCommand): MessageReply {
  const lines = [...counts.entries()].map(([topic, n]) => `\`${topic}\` — ${(TOPICS as Record<string, string>)[topic] ?? topic} (${plural(n, 'question')})`);
  return message({ title: 'Topics', text: `${lines.join('\n')}\n\nPick one with ${cmd('quiz topic:<name>')}.`, tone: 'info', ephemeral: true });
}
