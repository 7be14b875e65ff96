import { topicLabel, type Question } from '../core/bank/schema.js';
import type { InterviewQuestion, InterviewStep } from '../core/interview/interview-service.js';
import type { InterviewReport, InterviewState } from '../core/interview/interview.js';
import { MAX_ANSWER_CHARS } from '../core/quiz/quiz-service.js';
import { message, type MessageReply, type PromptReply, type ReplyField } from '../core/reply.js';
import { interviewActions } from '../../commands/interview.actions.js';
import { plural, type NameCommand } from './format.js';
import { gradeFields, graderNote } from './quiz-views.js';

const TITLE = 'Mock interview';
const position = (index: number, state: InterviewState) => `Question ${index + 1} of ${state.questionIds.length}`;
const about = (q: Question) => `${topicLabel(q.topic)} · ${q.difficulty}`;

function questionButtons(q: InterviewQuestion) {
  return [[
    { label: 'Answer', action: interviewActions.answer.ref({ interviewId: q.state.id, index: q.index }), style: 'primary' as const },
    { label: 'Stop', action: interviewActions.stop.ref({}), style: 'danger' as const },
  ]];
}

/** The current question: at the start, on resume (`interview` again) and after each answer. */
export function interviewQuestionCard(q: InterviewQuestion, update = false): MessageReply {
  const lead = q.resumed ? '*Resuming your interview.*\n\n' : '';
  return message({
    title: `${TITLE} · ${position(q.index, q.state)}`,
    text: `${lead}${q.question.prompt}\n\n*Answer as you would aloud: you are graded on the key points a strong answer covers.*`,
    footer: `${about(q.question)} · your interview keeps for 24 hours`,
    buttons: questionButtons(q),
    tone: 'info',
    ephemeral: true,
    update,
  });
}

export function interviewAnswerPrompt(q: InterviewQuestion): PromptReply {
  return {
    type: 'prompt',
    action: interviewActions.submit.ref({ interviewId: q.state.id, index: q.index }),
    title: position(q.index, q.state),
    label: q.question.prompt.length <= 45 ? q.question.prompt : 'Answer in your own words',
    placeholder: 'Explain as you would in an interview…',
    minLength: 1,
    maxLength: MAX_ANSWER_CHARS,
    multiline: true,
  };
}

/** After an answer: its grade, then the next question or the report. */
export function interviewStepReply(step: InterviewStep, cmd: NameCommand): MessageReply {
  const { answered } = step;
  const head = `${position(answered.index, stateOf(step))}: **${answered.record.score}/100**`;
  const note = step.duplicate ? ' (already graded; counted once)' : answered.grade ? ` · *${graderNote(answered.grade)}*` : '';
  const gradeInfo: ReplyField[] = answered.grade
    ? gradeFields(answered.grade)
    : [{ name: `Missed (${answered.record.missed.length})`, value: answered.record.missed.map((p) => `▫️ ${p}`).join('\n') || 'Nothing: every key point covered.' }];
  if (step.report) {
    const report = interviewReport(step.report, cmd);
    return { ...report, text: `${head}${note}\n\n${report.text ?? ''}`, update: true };
  }
  // The grade first, then the next question: the order in which they are read.
  const graded = gradeInfo.map((f) => `**${f.name}**\n${f.value}`).join('\n');
  const next = interviewQuestionCard(step.next!, true);
  return { ...next, text: `${head}${note}\n${graded}\n\n**Next:** ${next.text ?? ''}` };
}

const stateOf = (step: InterviewStep): InterviewState => (step.report?.state ?? step.next!.state);

/** The end of an interview: the score of each question, what was missed, what to review. */
export function interviewReport(report: InterviewReport, cmd: NameCommand): MessageReply {
  const { state } = report;
  const fields: ReplyField[] = state.answers.map((a, i) => ({
    name: `${i + 1}. ${a.pass ? '✅' : '⚠️'} ${a.score}/100`,
    value: a.missed.length === 0 ? 'Every key point covered.' : `Missed: ${a.missed.join('; ')}`,
  }));
  const topics = report.topicsToReview.map((t) => topicLabel(t));
  const lines = [
    `You answered ${plural(state.answers.length, 'question')}; average **${report.average}/100**.`,
    topics.length > 0 ? `**Topics to review:** ${topics.join(', ')}.` : '**Topics to review:** none — every answer passed.',
    report.addedToReview.length > 0
      ? `**Added to your reviews:** ${plural(report.addedToReview.length, 'question')}; the ones you missed come back soonest (${cmd('practice')}).`
      : '**Added to your reviews:** none (reviews are not available here).',
  ];
  return message({
    title: `${TITLE} · report`,
    text: lines.join('\n'),
    fields,
    footer: `Another one: ${cmd('interview start')}`,
    tone: report.topicsToReview.length === 0 ? 'success' : 'warning',
    ephemeral: true,
  });
}

export function interviewStopped(state: InterviewState, cmd: NameCommand): MessageReply {
  return message({
    title: TITLE,
    text: `Interview stopped after ${plural(state.answers.length, 'answer')} of ${state.questionIds.length}. Start a new one with ${cmd('interview start')}.`,
    tone: 'info',
    ephemeral: true,
  });
}

export function interviewStatusReply(status: { state: InterviewState; report: InterviewReport | null; question: InterviewQuestion | null }, cmd: NameCommand): MessageReply {
  if (status.report) return interviewReport(status.report, cmd);
  const q = status.question!;
  const done = q.state.answers;
  const avg = done.length === 0 ? null : Math.round(done.reduce((s, a) => s + a.score, 0) / done.length);
  return message({
    title: TITLE,
    text: `${position(q.index, q.state)} is next; ${plural(done.length, 'answer')} so far${avg === null ? '' : `, average ${avg}/100`}. Continue with ${cmd('interview start')} or end it with ${cmd('interview stop')}.`,
    tone: 'info',
    ephemeral: true,
  });
}
