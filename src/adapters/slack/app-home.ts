import type { webApi } from '@slack/bolt';
import { quizActions } from '../../../commands/quiz.actions.js';
import { isTopic, type Topic } from '../../core/bank/schema.js';
import { QUIZ_MODES, type QuizMode } from '../../core/store.js';
import { message, type MessageReply, type ReplyButton, type ReplyField } from '../../core/reply.js';
import type { CommandContext } from '../../registry/command.js';
import { UNAVAILABLE_TEXT } from '../../views/errors.js';
import { percent, plural } from '../../views/format.js';
import { LIMITS, renderBlocks } from './render-blocks.js';

/**
 * The App Home tab (app_home_opened -> views.publish): the member's streak, points and rank this
 * week, accuracy by topic, weakest topics and team, with buttons that start a quiz. The buttons
 * use the quiz command's own "next question" action, so they run through the registry like any other.
 */

const MODE_LABEL: Record<QuizMode, string> = { choice: 'Multiple choice', open: 'Open answer', flash: 'Flash card' };
const startButton = (label: string, topic: Topic | undefined, mode: QuizMode, primary = false): ReplyButton => ({
  label,
  action: quizActions.next.ref({ topic, mode }),
  style: primary ? 'primary' : 'secondary',
});

/** The home screen as a platform-neutral reply, so it is rendered and escaped like every message. */
export async function homeReply(ctx: CommandContext): Promise<MessageReply> {
  const { core, user } = ctx;
  const [streak, stats, board, team] = await Promise.all([
    core.profile.streak(user, ctx.timeZone),
    core.profile.stats(user),
    core.profile.leaderboard(user.community, 'users', 'week', 1, user.userId),
    core.store.getUserTeam(user),
  ]);
  const today = streak.answeredToday ? 'today is done ✅' : 'answer a question today to keep it going';
  const fields: ReplyField[] = [
    { name: 'Points this week', value: String(board.member?.score ?? 0), inline: true },
    { name: 'Rank this week', value: board.member ? `#${board.member.rank} of ${board.total}` : 'Not ranked yet', inline: true },
    { name: 'Answered', value: `${stats.answered} (${percent(stats.accuracy)} correct, ${plural(stats.points, 'point')} in all)`, inline: true },
    { name: 'Team', value: team ? `**${team.name}** (${plural(team.members, 'member')})` : `None yet: ${ctx.invocation('team join NAME')}`, inline: true },
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
    footer: `Start a quiz below (it arrives in your messages with Backprop), or type ${ctx.invocation('help')} in any channel.`,
    tone: 'info',
  });
}

function unavailableReply(): MessageReply {
  return message({ title: 'Backprop', text: UNAVAILABLE_TEXT, tone: 'error' });
}

/** Publishes the home tab; when the store fails it publishes a "try again" screen instead. */
export async function publishHome(client: webApi.WebClient, ctx: CommandContext, onError: (err: unknown) => void): Promise<void> {
  let reply: MessageReply;
  try {
    reply = await homeReply(ctx);
  } catch (err) {
    onError(err);
    reply = unavailableReply();
  }
  const { blocks } = renderBlocks(reply, LIMITS.viewBlocks);
  await client.views.publish({ user_id: ctx.user.userId, view: { type: 'home', blocks } });
}
