import { quizActions } from '../../commands/quiz.actions.js';
import { isTopic, type Topic } from '../core/bank/schema.js';
import type { Overview } from '../core/profile-service.js';
import { message, type MessageReply, type ReplyButton, type ReplyField } from '../core/reply.js';
import { QUIZ_MODES, type QuizMode } from '../core/quiz/delivery.js';
import { UNAVAILABLE_TEXT } from './errors.js';
import { percent, plural, type NameCommand } from './format.js';

/**
 * A member's home screen (Slack's App Home tab): streak, points and rank this week, accuracy by
 * topic, weakest topics and team, with buttons that start a quiz. The buttons use the quiz
 * command's own "next question" action, so they run through the registry like any other.
 */

const MODE_LABEL: Record<QuizMode, string> = { choice: 'Multiple choice', open: 'Open answer', flash: 'Flash card' };

const startButton = (label: string, topic: Topic | undefined, mode: QuizMode, primary = false): ReplyButton => ({
  label,
  action: quizActions.next.ref({ topic, mode }),
  style: primary ? 'primary' : 'secondary',
});

export function homeReply({ streak, stats, week, team }: Overview, cmd: NameCommand): MessageReply {
  const today = streak.answeredToday ? 'today is done ✅' : 'answer a question today to keep it going';
  const fields: ReplyField[] = [
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
  const buttons: ReplyButton[][] = [QUIZ_MODES.map((m, i) => startButton(MODE_LABEL[m], undefined, m, i === 0))];
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

/** The home screen while the store does not answer. */
export function homeUnavailable(): MessageReply {
  return message({ title: 'Backprop', text: UNAVAILABLE_TEXT, tone: 'error' });
}
