import type { DailyRenderer, RevealSummary } from '../core/daily/daily-service.js';
import type { Occurrence } from '../core/daily/schedule-time.js';
import { describeWeekdays } from '../core/daily/schedule-input.js';
import type { PresentedQuiz } from '../core/quiz/quiz-service.js';
import { message, type MessageReply } from '../core/reply.js';
import type { DailySchedule } from '../core/daily/schedule.js';
import type { DailyStatus } from '../core/daily/daily-service.js';
import { TOPICS } from '../core/bank/schema.js';
import { clockTime, percent, plural, reflow, type NameCommand } from './format.js';
import { quizCard } from './quiz-views.js';
import { DateTime } from 'luxon';

function dailyCard(quiz: PresentedQuiz): MessageReply {
  const card = quizCard(quiz);
  return { ...card, title: `Daily question · ${card.title ?? ''}`, ephemeral: false, update: false };
}

/** The card after the reveal: correct answer, explanation, how the channel did; names never ping. */
function dailyReveal({ question, options, delivery }: PresentedQuiz, s: RevealSummary, cmd: NameCommand): MessageReply {
  const correctPos = delivery.order.indexOf(0);
  const lines = [question.prompt, ''];
  if (delivery.mode === 'choice') options.forEach((o, i) => lines.push(`${i === correctPos ? '✅' : '▫️'} **${i + 1}.** ${o}`));
  else lines.push(`**Answer:** ${question.choices.correct}`);
  const results =
    s.answered === 0
      ? 'Nobody answered this one.'
      : `${plural(s.answered, 'member')} answered, ${percent(s.correct / s.answered)} correct.` +
        (s.firstCorrect.length > 0 ? ` First correct: ${s.firstCorrect.join(', ')}.` : '');
  return message({
    title: `Daily question · revealed`,
    text: `${lines.join('\n')}\n\n${results}`,
    fields: [{ name: 'Why', value: reflow(question.explanation) }, { name: 'Model answer', value: reflow(question.answer) }],
    tone: 'success',
    footer: `Answers are closed. Practise more with ${cmd('quiz')}.`,
  });
}

export const dailyRenderer: DailyRenderer = { card: dailyCard, reveal: dailyReveal };

const when = (ms: number, zone: string) => `${DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL')} at ${clockTime(ms, zone)}`;

function describe(s: DailySchedule): string {
  const topic = s.topic ? (TOPICS as Record<string, string>)[s.topic] ?? s.topic : 'any topic';
  return `${s.time} ${s.timeZone}, ${describeWeekdays(s.weekdays)} · ${topic} · ${s.difficulty ?? 'any difficulty'} · ${s.mode} · answer revealed after ${plural(s.revealAfterMinutes / 60, 'hour')}`;
}

export function dailySetupReply(schedule: DailySchedule, next: Occurrence | null): MessageReply {
  const nextLine = next ? `The first question comes ${when(next.postAt, schedule.timeZone)}.` : 'No post is due in the next two weeks.';
  return message({ title: 'Daily question set up', text: `${describe(schedule)}\n${nextLine}`, tone: 'success', ephemeral: true });
}

export function dailyStatusReply(s: DailyStatus): MessageReply {
  const zone = s.schedule.timeZone;
  const last = s.last?.postedAt
    ? `${when(s.last.postedAt, zone)} (${s.last.state === 'revealed' ? 'revealed' : `revealed ${when(s.last.revealAt ?? 0, zone)}`})`
    : 'none yet';
  return message({
    title: 'Daily question',
    fields: [
      { name: 'Schedule', value: describe(s.schedule) },
      { name: 'Next post', value: s.next ? when(s.next.postAt, zone) : 'none in the next two weeks' },
      { name: 'Last post', value: last },
    ],
    tone: 'info',
    ephemeral: true,
  });
}
