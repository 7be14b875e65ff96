import { topicLabel as labelOf, type Question } from '../core/bank/schema.js';
import type { Delivery } from '../core/quiz/delivery.js';
import { message, type MessageReply, type PromptReply, type ReplyButton } from '../core/reply.js';
import type { AnswerResult, PresentedQuiz } from '../core/quiz/quiz-service.js';
import type { Grade } from '../core/grading/grader.js';
import { MAX_ANSWER_CHARS } from '../core/quiz/quiz-service.js';
import { BASE_POINTS, FLASH_RATINGS, SCORE_WINDOW_DAYS } from '../core/scoring.js';
import { quizActions } from '../../commands/quiz.actions.js';
import { practiceActions } from '../../commands/practice.actions.js';
import { clockTime, reflow } from './format.js';
import { withReportButton } from './pack-views.js';

const topicLabel = (q: Question) => labelOf(q.topic);
const heading = (q: Question) => `${topicLabel(q)} · ${q.difficulty}`;
const isShared = (d: Delivery) => d.ownerId === null;

/** The question as asked in a mode: choice mode may have its own stem that the four options answer. */
export const stemFor = (q: Question, mode: Delivery['mode']) => (mode === 'choice' && q.choicePrompt ? q.choicePrompt : q.prompt);

export interface CardOptions {
  /** Show the hint inside the card (personal quizzes, after the Hint button). */
  showHint?: boolean;
}

/** The question as first shown: prompt, numbered options for choice mode, and its buttons. */
export function quizCard({ delivery, question, options }: PresentedQuiz, opts: CardOptions = {}): MessageReply {
  const id = delivery.id;
  const lines = [stemFor(question, delivery.mode)];
  const buttons: ReplyButton[][] = [];
  if (delivery.mode === 'choice') {
    lines.push('', ...options.map((o, i) => `**${i + 1}.** ${o}`));
    buttons.push(options.map((_, i) => ({ label: String(i + 1), action: quizActions.choice.ref({ deliveryId: id, position: i }), style: 'primary' as const })));
  } else if (delivery.mode === 'open') {
    lines.push('', '*Answer in your own words; you are graded on the key points a strong answer covers.*');
    buttons.push([{ label: 'Answer', action: quizActions.answer.ref({ deliveryId: id }), style: 'primary' }]);
  } else {
    lines.push('', '*Think of your answer, then reveal the model answer and rate yourself honestly.*');
    buttons.push([{ label: 'Reveal', action: quizActions.reveal.ref({ deliveryId: id }), style: 'primary' }]);
  }
  if (opts.showHint) lines.push('', `💡 **Hint:** ${question.hint}`);
  else buttons[0]!.push({ label: 'Hint', action: quizActions.hint.ref({ deliveryId: id }), style: 'secondary' });
  const worth = BASE_POINTS[question.difficulty];
  const footer = delivery.revealAt
    ? `Daily question · one answer per member · answer revealed at ${clockTime(delivery.revealAt, delivery.timeZone)}`
    : `${worth} points · a hint halves them${isShared(delivery) ? ' · everyone may answer once' : ''}`;
  return message({ title: heading(question), text: lines.join('\n'), buttons, footer, tone: 'info', ephemeral: !isShared(delivery) });
}

export function openAnswerPrompt(deliveryId: string, question: Question): PromptReply {
  return {
    type: 'prompt',
    action: quizActions.submit.ref({ deliveryId }),
    title: 'Your answer',
    label: question.prompt.length <= 45 ? question.prompt : 'Answer in your own words',
    placeholder: 'Explain as you would in an interview…',
    minLength: 1,
    maxLength: MAX_ANSWER_CHARS,
    multiline: true,
  };
}

/** The model answer and the point of the question, shown after every answer. */
function modelAnswerFields(q: Question, withExplanation: boolean) {
  const fields = [{ name: 'Model answer', value: reflow(q.answer) }];
  if (withExplanation) fields.unshift({ name: 'Why', value: reflow(q.explanation) });
  return fields;
}

function pointsLine(r: AnswerResult): string {
  const o = r.outcome;
  const parts = [`**+${o.points} points**`];
  if (!o.scored) parts.push(`(no points: you already answered this question in the last ${SCORE_WINDOW_DAYS} days)`);
  else if (o.hintUsed) parts.push('(halved for the hint)');
  parts.push(`· streak ${o.streak.current} day${o.streak.current === 1 ? '' : 's'}`);
  return parts.join(' ');
}

function nextButtons(q: Question, d: Delivery): ReplyButton[][] {
  // A practice card continues practice (same topic and mode).
  if (d.practice) return [[{ label: 'Next card', action: practiceActions.next.ref({ topic: d.practice.topic, mode: d.mode }), style: 'primary' }]];
  const mode = d.mode;
  return [[{ label: 'Next question', action: quizActions.next.ref({ topic: q.topic, mode }), style: 'secondary' }]];
}

/** A daily answer before the reveal: acknowledged privately, result hidden. */
function recordedHidden(r: AnswerResult): MessageReply {
  const at = clockTime(r.delivery.revealAt ?? 0, r.delivery.timeZone);
  return message({
    title: 'Answer recorded',
    text: `Recorded — the answer is revealed at ${at}. Your streak: ${r.outcome.streak.current} day${r.outcome.streak.current === 1 ? '' : 's'}.`,
    tone: 'success',
    ephemeral: true,
  });
}

/** After an answer: for a personal quiz it replaces the card; in a channel it goes privately to the member. */
export function answerResult(r: AnswerResult): MessageReply {
  if (r.hidden) return recordedHidden(r);
  const q = r.question;
  const shared = isShared(r.delivery);
  const base = { ephemeral: true, update: !shared, buttons: withReportButton(shared ? undefined : nextButtons(q, r.delivery), r.delivery.id) };
  if (r.kind === 'choice') {
    const lines = [stemFor(q, 'choice'), ''];
    r.options.forEach((o, i) => {
      const mark = i === r.correctPosition ? '✅' : i === r.chosen ? '❌' : '▫️';
      lines.push(`${mark} **${i + 1}.** ${o}`);
    });
    lines.push('', r.correct ? `Correct! ${pointsLine(r)}` : `Not quite: the answer is **${r.correctPosition + 1}**. ${pointsLine(r)}`);
    // `base` spread last: properties after a spread are slow in V8 (see QuizService.answerChoice).
    return message({ title: heading(q), text: lines.join('\n'), fields: modelAnswerFields(q, true), tone: r.correct ? 'success' : 'warning', ...base });
  }
  if (r.kind === 'open') {
    const { score, pass } = r.grade;
    const fields = [...gradeFields(r.grade), ...modelAnswerFields(q, false)];
    const text = `${q.prompt}\n\nScore: **${score}/100** ${pointsLine(r)}\n*${graderNote(r.grade)}*`;
    return message({ title: heading(q), text, fields, tone: pass ? 'success' : 'warning', ...base });
  }
  return message({
    title: heading(q),
    text: `${q.prompt}\n\nYou rated yourself **${r.rating}**. ${pointsLine(r)}`,
    fields: modelAnswerFields(q, false),
    tone: r.rating === 'again' ? 'warning' : 'success',
    ...base,
  });
}

const NOTICES: Record<NonNullable<Grade['notice']>, string> = {
  'ai-timeout': 'Graded by the rubric: the AI grader did not answer in time.',
  'ai-failed': 'Graded by the rubric: the AI grader is unavailable right now.',
  'member-limit': "Graded by the rubric: you have used today's AI gradings (more at 00:00 UTC).",
  'community-limit': "Graded by the rubric: this community has used today's AI gradings (more at 00:00 UTC).",
};

/** Which grader graded, and why the rubric did when the AI grader is configured. */
export function graderNote(g: Grade): string {
  if (g.notice) return NOTICES[g.notice];
  return g.gradedBy === 'ai' ? 'Graded by AI: only points your own words show count.' : 'Graded by the rubric.';
}

/** Covered, partly covered and missed key points, misconceptions with the member's words, AI feedback. */
export function gradeFields(g: Grade): { name: string; value: string }[] {
  const partial = g.partial ?? [];
  const fields = [
    { name: `Covered (${g.covered.length})`, value: g.covered.map((k) => `✅ ${k.point}`).join('\n') || 'None of the key points yet.' },
    // The rubric's partial points are named at one place only; the AI's are half made.
    ...(partial.length > 0 ? [{ name: `${g.gradedBy === 'rubric' ? 'Named, not explained' : 'Partly covered'} (${partial.length})`, value: partial.map((k) => `◐ ${k.point}`).join('\n') }] : []),
    { name: `Missed (${g.missed.length})`, value: g.missed.map((k) => `▫️ ${k.point}`).join('\n') || 'Nothing: every key point covered.' },
  ];
  if (g.misconceptions.length > 0) {
    fields.push({
      name: `Misconceptions (${g.misconceptions.length})`,
      value: g.misconceptions.map((m) => `❌ **${m.misconception.statement}** You wrote “${m.quote}”. ${m.misconception.correction}`).join('\n'),
    });
  }
  const swapped = g.swapped ?? [];
  if (swapped.length > 0) {
    fields.push({
      name: `Said of the wrong one (${swapped.length})`,
      value: swapped.map((s) => `🔁 You wrote “${s.quote}”: that holds for ${s.holdsFor}, not ${s.saidOf}. **${s.keyPoint.point}**`).join('\n'),
    });
  }
  if (g.feedback) fields.push({ name: 'Feedback', value: g.feedback });
  return fields;
}

/** Flash mode: the model answer, then four self-rating buttons. */
export function flashReveal(delivery: Delivery, q: Question): MessageReply {
  const rate = FLASH_RATINGS.map((rating) => ({
    label: rating[0]!.toUpperCase() + rating.slice(1),
    action: quizActions.rate.ref({ deliveryId: delivery.id, rating }),
    style: rating === 'again' ? ('danger' as const) : ('secondary' as const),
  }));
  return message({
    title: heading(q),
    text: `${q.prompt}\n\nHow well did you know it?`,
    fields: modelAnswerFields(q, false),
    buttons: [rate],
    tone: 'info',
    ephemeral: true,
    update: !isShared(delivery),
  });
}

export function hintReply(quiz: PresentedQuiz): MessageReply {
  if (isShared(quiz.delivery)) {
    return message({ title: 'Hint', text: `💡 ${quiz.question.hint}\n*Your points for this question are halved.*`, tone: 'info', ephemeral: true });
  }
  return Object.assign(quizCard(quiz, { showHint: true }), { update: true });
}
