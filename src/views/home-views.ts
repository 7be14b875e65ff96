import { practiceActions } from '../../commands/practice.actions.js';
import { quizActions } from '../../commands/quiz.actions.js';
import { isTopic, type Topic } from '../core/bank/schema.js';
import type { LearningOverview } from '../core/learning/learning-service.js';
import type { Overview } from '../core/profile-service.js';
import { message, type MessageReply, type ReplyButton, type ReplyField } from '../core/reply.js';
import { QUIZ_MODES, type QuizMode } from '../core/quiz/delivery.js';
import { UNAVAILABLE_TEXT } from './errors.js';
import { retentionSummary } from './learning-views.js';
import { percent, plural, type NameCommand } from './format.js';

/**
 * A member's home screen (Slack's App Home tab): streak, the reviews due (spaced repetition),
 * points and rank this week, accuracy by topic, weakest topics and team, with buttons that start a
 * review or a quiz. The buttons are the practice and quiz commands' own "next" actions, so they run
 * through the registry like any other.
 */

const MODE_LABEL: Record<QuizMode, string> = { choice: 'Multiple choice', open: 'Open answer', flash: 'Flash card' };

const startButton = (label: string, topic: Topic | undefined, mode: QuizMode, primary = false): ReplyButton => ({
  label,
  action: quizActions.next.ref({ topic, mode }),
  style: primary ? 'primary' : 'secondary',
});

export function homeReply({ streak, stats, week, team }: Overview, cmd: NameCommand, memory?: LearningOverview): MessageReply {
  const today = streak.answeredToday ? 'today is done ✅' : 'answer a question today to keep it going';
  const fields: ReplyField[] = [
    ...(memory ? [reviewsField(memory, cmd)] : []),
    { name: 'Points this week', value: String(week.member?.score ?? 0), inline: true },
    { name: 'Rank this week', value: week.member ? `#${week.member.rank} of ${week.total}` : 'Not ranked yet', inline: true },
    { name: 'Answered', value: `${stats.answered} (${percent(stats.accuracy)} correct, ${plural(stats.points, 'point')} in all)`, inline: true },
    { name: 'Team', value: team ? `**${team.name}** (${plural(team.members, 'member')})` : `None yet: ${cmd('team join NAME')}`, inline: true },
    {
      name: 'Accuracy by topic',
      value: stats.byTopic.map((t) => `- ${t.label}: ${percent(t.accuracy)} of ${t.answered}`).join('\n') || 'No answers yet: start a quiz below.',
    },
  ];
  if (stats.weakest.length > 0) {
    fields.push({ name: 'Weakest topics', value: stats.weakest.map((t) => `${t.label} (${percent(t.accuracy)})`).join(', ') });
  }
  // Due reviews come first when there are any: recalling a card just before it is forgotten is what the loop is for.
  const due = memory?.dueToday ?? 0;
  const review: ReplyButton[] = memory ? [{ label: due > 0 ? `Review ${plural(due, 'due card')}` : 'Next practice card', action: practiceActions.next.ref({ mode: 'choice' }), style: due > 0 ? 'primary' : 'secondary' }] : [];
  const buttons: ReplyButton[][] = [[...review, ...QUIZ_MODES.map((m, i) => startButton(MODE_LABEL[m], undefined, m, i === 0 && due === 0))]];
  if (stats.weakest.length > 0) buttons.push(stats.weakest.map((t) => startButton(`Practice ${t.label}`, isTopic(t.topic) ? t.topic : undefined, 'choice')));
  return message({
    title: 'Backprop: your interview prep',
    text: `🔥 **Streak: ${plural(streak.current, 'day')}** (best ${plural(streak.best, 'day')}): ${today}.`,
    fields,
    buttons,
    footer: `Start a quiz below (it arrives in your messages with Backprop), or type ${cmd('help')} in any channel.`,
    tone: 'info',
  });
}

/** Spaced repetition at a glance: what is due, and how much of what came due was recalled. */
function reviewsField(o: LearningOverview, cmd: NameCommand): ReplyField {
  const retention = retentionSummary(o);
  const due =
    o.dueToday > 0
      ? `${plural(o.dueToday, 'card')} due today, ${o.dueThisWeek} this week`
      : o.dueThisWeek > 0
        ? `Nothing due today; ${plural(o.dueThisWeek, 'card')} this week`
        : `Nothing due this week: every answer schedules its card (${cmd('review')})`;
  return { name: 'Reviews', value: retention ? `${due} · ${retention}` : due };
}

/** The home screen while the store does not answer. */
export function homeUnavailable(): MessageReply {
  return message({ title: 'Backprop', text: UNAVAILABLE_TEXT, tone: 'error' });
}
