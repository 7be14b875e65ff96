import { TOPICS } from '../core/bank/schema.js';
import type { LearningOverview, PracticeReason } from '../core/learning/learning-service.js';
import type { PresentedQuiz } from '../core/quiz/quiz-service.js';
import type { QuizMode } from '../core/quiz/delivery.js';
import { message, type MessageReply, type ReplyButton, type ReplyField } from '../core/reply.js';
import { practiceActions } from '../../commands/practice.actions.js';
import { percent, plural, type NameCommand } from './format.js';
import { quizCard } from './quiz-views.js';

const DAY = 86_400_000;
const topicName = (t: string) => (TOPICS as Record<string, string>)[t] ?? t;

function daysAgo(then: number, now: number): string {
  const days = Math.floor((now - then) / DAY);
  if (days <= 0) return 'earlier today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function dueIn(due: number, now: number): string {
  const days = Math.ceil((due - now) / DAY);
  return days <= 1 ? 'due within a day' : `due in ${days} days`;
}

/** Why practice chose this card, in a line. */
export function practiceReason(r: PracticeReason, now: number): string {
  switch (r.kind) {
    case 'review':
      return `Review: last seen ${daysAgo(r.lastSeen, now)}`;
    case 'ahead':
      return `Review ahead: nothing is due and nothing new is left (${dueIn(r.due, now)})`;
    case 'new':
      if (r.why === 'weakest') return `New: your weakest topic, ${topicName(r.topic)} ${percent(r.accuracy)}`;
      if (r.why === 'least-practised') return `New: a topic you have practised least, ${topicName(r.topic)}`;
      return `New: from ${topicName(r.topic)}, as you asked`;
  }
}

/** A practice card: the quiz card with the reason it was chosen on top. */
export function practiceCard(quiz: PresentedQuiz, reason: PracticeReason, now: number, update: boolean): MessageReply {
  const card = quizCard(quiz);
  return { ...card, text: `*${practiceReason(reason, now)}*\n\n${card.text ?? ''}`, update };
}

/** What `review` shows: cards due today and this week, and a button that starts practice. */
export function reviewReply(o: LearningOverview, cmd: NameCommand, mode: QuizMode = 'choice'): MessageReply {
  const start: ReplyButton[][] = [[{ label: o.dueToday > 0 ? 'Start review' : 'Practise new cards', action: practiceActions.next.ref({ mode }), style: 'primary' }]];
  const text =
    o.dueToday > 0
      ? `${plural(o.dueToday, 'card')} due today, ${o.dueThisWeek} this week. Reviews come first, most overdue first.`
      : o.dueThisWeek > 0
        ? `Nothing due today; ${plural(o.dueThisWeek, 'card')} due this week. Practise new questions meanwhile.`
        : `Nothing due this week. Every answer you give schedules its card; start with ${cmd('practice')}.`;
  return message({ title: 'Review', text, fields: retentionFields(o), buttons: start, tone: 'info', ephemeral: true });
}

/** "80% of 5 reviews recalled", or null before the first review of a card seen before. */
export function retentionSummary(o: LearningOverview): string | null {
  return o.retention.reviews === 0 ? null : `${percent(o.retention.recalled / o.retention.reviews)} of ${plural(o.retention.reviews, 'review')} recalled`;
}

function retentionFields(o: LearningOverview): ReplyField[] {
  const retention = retentionSummary(o);
  return retention ? [{ name: 'Retention', value: retention, inline: true }] : [];
}

/** Added to `stats`: retention, and cards learned (last answer recalled) of cards per topic. */
export function memoryFields(o: LearningOverview): ReplyField[] {
  const topics = Object.entries(o.topics).sort(([a], [b]) => topicName(a).localeCompare(topicName(b)));
  if (topics.length === 0) return [];
  return [
    ...retentionFields(o),
    { name: 'Cards learned', value: topics.map(([t, p]) => `${topicName(t)}: ${p.learned} of ${p.cards}`).join('\n') },
  ];
}
