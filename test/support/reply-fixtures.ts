import type { Question, Topic } from '../../src/core/bank/schema.js';
import type { LeaderboardView, Overview, StatsView } from '../../src/core/profile-service.js';
import type { AnswerResult, PresentedQuiz } from '../../src/core/quiz/quiz-service.js';
import type { MessageReply, PromptReply, Reply } from '../../src/core/reply.js';
import type { Delivery } from '../../src/core/quiz/delivery.js';
import type { TeamInfo } from '../../src/core/team.js';
import { dailyRenderer, dailySetupReply, dailyStatusReply } from '../../src/views/daily-views.js';
import { errorReply, UNAVAILABLE_TEXT, userErrorReply } from '../../src/views/errors.js';
import type { NameCommand } from '../../src/views/format.js';
import { helpReply } from '../../src/views/help-views.js';
import { homeReply, homeUnavailable } from '../../src/views/home-views.js';
import { leaderboardReply, statsReply, streakReply, topicsReply } from '../../src/views/profile-views.js';
import { answerResult, flashReveal, hintReply, openAnswerPrompt, quizCard } from '../../src/views/quiz-views.js';
import { practiceCard, reviewReply } from '../../src/views/learning-views.js';
import type { LearningOverview } from '../../src/core/learning/learning-service.js';
import { teamJoined, teamLeft, teamList, teamMembers } from '../../src/views/team-views.js';
import { aQuestion } from './builders.js';
import type { InterviewState } from '../../src/core/interview/interview.js';
import { interviewAnswerPrompt, interviewQuestionCard, interviewReport, interviewStatusReply, interviewStepReply, interviewStopped } from '../../src/views/interview-views.js';
import { reminderOffReply, reminderRenderer, reminderSetReply, reminderStatusReply } from '../../src/views/reminder-views.js';
import { packShareFile, packChanged, packExport, packImported, packList, packPastePrompt, reportFiled, reportNotePrompt, reportReasons, reportsList, reportsResolved } from '../../src/views/pack-views.js';
import type { PackSummary } from '../../src/core/packs/pack.js';
import { SAMPLE_ERRORS } from './user-errors.js';

/**
 * Replies every adapter must render within its platform's limits: each view, with long content
 * and with names that try to mention or ping (team names and display names are user input).
 */

export const HOSTILE = ['@everyone', '@here', '<@123456789012345678>', '<@&42>', '<!channel>', '<!here|here>', '<#C0123>', 'A & B <b>'] as const;

const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} ${i}.`).join(' ');

const question: Question = aQuestion({
  id: 'fixture-long',
  prompt: `${long('Why', 120)} @everyone?`,
  choicePrompt: 'Which statement is correct, <@123>?',
  answer: Array.from({ length: 30 }, (_, i) => `**Part ${i}.** ${long('Gradients flow backwards', 8)}`).join('\n\n'),
  explanation: long('Because <!channel>', 200),
  choices: { correct: long('Correct', 20), distractors: [long('Wrong', 20), '@here', '<#C0123>'] },
  hint: 'Think <@&42>.',
});

const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  // As long as real ids get (cryptoRandom: 12 characters), so the byte limits are tested honestly.
  id: 'AbCdEfGhIjKl',
  questionId: question.id,
  mode: 'choice',
  ownerId: 'u1',
  order: [2, 0, 3, 1],
  createdAt: 0,
  expiresAt: 7 * 86_400_000,
  ...over,
});

const quiz = (over: Partial<Delivery> = {}): PresentedQuiz => {
  const d = delivery(over);
  const all = [question.choices.correct, ...question.choices.distractors];
  return { delivery: d, question, options: d.order.map((i) => all[i] ?? '') };
};

const recorded = { status: 'recorded', points: 10, hintUsed: true, scored: false, streak: { current: 3, best: 9, lastDay: 1 } } as const;

const results = (): AnswerResult[] => [
  { ...quiz(), kind: 'choice', outcome: recorded, hidden: false, chosen: 0, correctPosition: 1, correct: false, options: quiz().options },
  { ...quiz({ mode: 'open' }), kind: 'open', outcome: recorded, hidden: false, grade: grade() },
  { ...quiz({ mode: 'open' }), kind: 'open', outcome: recorded, hidden: false, grade: aiGrade() },
  { ...quiz({ mode: 'flash', ownerId: null }), kind: 'flash', outcome: recorded, hidden: false, rating: 'again' },
  { ...quiz({ revealAt: 3_600_000, timeZone: 'Europe/Berlin', ownerId: null }), kind: 'flash', outcome: recorded, hidden: true, rating: 'good' },
];

function grade() {
  const points = Array.from({ length: 12 }, (_, i) => ({ point: `${long('Key point', 10)} ${i} @here`, keywords: ['k'] }));
  const misconception = { statement: long('It estimates', 10), correction: long('It computes', 10), evidence: [['x']], keyPoint: 1 };
  return {
    score: 42, pass: false, covered: points.slice(0, 6), missed: points.slice(6), misconceptions: [{ misconception, quote: '<!channel> finite differences' }],
    gradedBy: 'rubric' as const, notice: 'ai-timeout' as const,
  };
}

/** An AI grade at its largest: partial points, several quoted misconceptions, the longest feedback. */
function aiGrade() {
  const base = grade();
  const quote = `${long('<!here> you wrote', 40)} @everyone`;
  return {
    ...base, gradedBy: 'ai' as const, notice: undefined, covered: base.covered.slice(0, 2), partial: base.covered.slice(2),
    misconceptions: Array.from({ length: 8 }, () => ({ ...base.misconceptions[0]!, quote })),
    feedback: long('Add the <@U123> backward pass and say @here why', 600).slice(0, 600),
  };
}

const board = (over: Partial<LeaderboardView> = {}): LeaderboardView => ({
  scope: 'users',
  period: 'month',
  key: '2026-11',
  page: 2,
  pages: 100,
  total: 1000,
  entries: Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, name: `${HOSTILE[i % HOSTILE.length]} ${'x'.repeat(60)}`, score: 1000 - i, rank: 11 + i })),
  member: { id: 'me', name: '@everyone', score: 3, rank: 999 },
  ...over,
});

const stats: StatsView = {
  answered: 500,
  correct: 250,
  accuracy: 0.5,
  points: 9000,
  byTopic: Array.from({ length: 12 }, (_, i) => ({ topic: 'cnn', label: `Topic ${i} <@123>`, answered: 40, correct: 20, accuracy: 0.5 })),
  weakest: [{ topic: 'cnn', label: 'CNNs and computer vision', answered: 4, correct: 1, accuracy: 0.25 }],
};

const DAY = 86_400_000;
/** A member with a card in every topic, a long review history and plenty due. */
const memory: LearningOverview = {
  dueToday: 1234,
  dueThisWeek: 5678,
  retention: { reviews: 98765, recalled: 87654 },
  topics: Object.fromEntries(
    ['fundamentals', 'optimization', 'regularization', 'cnn', 'sequence', 'transformers', 'llm', 'generative', 'paradigms', 'evaluation', 'deployment', 'applications', 'an-old-topic <@123>'].map(
      (t, i) => [t, { cards: 300 + i, learned: 200 + i, recentAnswered: 40, recentCorrect: 20 }],
    ),
  ),
};
const noMemory: LearningOverview = { dueToday: 0, dueThisWeek: 0, retention: { reviews: 0, recalled: 0 }, topics: {} };

const team: TeamInfo = { key: 'deep-divers', name: 'Deep Divers @here', members: 300 };

const schedule = {
  channelId: 'C0123',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  weekdays: [1, 3, 5],
  topic: 'cnn',
  mode: 'choice' as const,
  revealAfterMinutes: 480,
  createdBy: 'admin',
  createdAt: 0,
};

/** A ten-question interview, every answer missing every (long) key point. */
const interviewState = (answered: number): InterviewState => ({
  id: 'AbCdEfGhIjKl',
  questionIds: Array.from({ length: 10 }, () => question.id),
  answers: Array.from({ length: answered }, (_, i) => ({
    questionId: question.id,
    score: i * 7,
    pass: i % 3 === 0,
    missed: Array.from({ length: 6 }, (__, k) => `${long('Key point <@123>', 12)} ${k}`),
    coveredCount: 0,
    gradedBy: 'ai' as const,
    at: 0,
  })),
  startedAt: 0,
  expiresAt: 86_400_000,
  reviewed: true,
});
const interviewQuestion = (answered: number) => ({ state: interviewState(answered), question, index: answered, resumed: true });
const interviewReportOf = (state: InterviewState) => ({ state, average: 42, topicsToReview: ['cnn', 'transformers', 'fundamentals'] as Topic[], addedToReview: state.questionIds });
const reminderStatus = { reminder: { userId: 'u1', time: '07:30', timeZone: 'America/Argentina/ComodRivadavia', nextAt: 0, createdAt: 0 }, dueNow: 1234 };

/** Every view's reply, named for one platform. */
export function replyFixtures(cmd: NameCommand): { name: string; reply: Reply }[] {
  const overview: Overview = { streak: { current: 4, best: 10, answeredToday: false }, stats, week: board({ period: 'week' }), team };
  const fixtures: { name: string; reply: MessageReply | PromptReply }[] = [
    { name: 'choice card', reply: quizCard(quiz()) },
    { name: 'open card, shared', reply: quizCard(quiz({ mode: 'open', ownerId: null })) },
    { name: 'flash card with hint', reply: quizCard(quiz({ mode: 'flash' }), { showHint: true }) },
    { name: 'hint, personal', reply: hintReply(quiz()) },
    { name: 'hint, shared', reply: hintReply(quiz({ ownerId: null })) },
    { name: 'open answer form', reply: openAnswerPrompt('AbCdEfGhIjKl', question) },
    { name: 'flash reveal', reply: flashReveal(delivery({ mode: 'flash' }), question) },
    ...results().map((r, i) => ({ name: `answer result ${i} (${r.kind})`, reply: answerResult(r) })),
    { name: 'daily card', reply: dailyRenderer.card(quiz({ revealAt: 3_600_000, timeZone: 'Asia/Kolkata', ownerId: null })) },
    { name: 'daily reveal', reply: dailyRenderer.reveal(quiz({ ownerId: null }), { answered: 40, correct: 12, firstCorrect: [...HOSTILE.slice(0, 3)] }, cmd) },
    { name: 'daily setup', reply: dailySetupReply(schedule, { slot: '2026-11-27', postAt: 0, revealAt: 1 }) },
    { name: 'daily status', reply: dailyStatusReply({ schedule, next: null, last: { slot: '2026-11-26', state: 'posted', token: 't', claimedAt: 0, postedAt: 0, revealAt: 1 } }) },
    { name: 'leaderboard', reply: leaderboardReply(board(), { who: 'You are', cmd }) },
    { name: 'empty team board', reply: leaderboardReply(board({ scope: 'teams', total: 0, entries: [], pages: 1, page: 1, member: null }), { who: 'You are', cmd }) },
    { name: 'streak', reply: streakReply('@here', { current: 0, best: 3, answeredToday: false }, false) },
    { name: 'stats', reply: statsReply('<@123>', stats, false, cmd) },
    { name: 'stats with memory', reply: statsReply('<@123>', stats, false, cmd, memory) },
    { name: 'practice card, review', reply: practiceCard(quiz({ practice: {} }), { kind: 'review', lastSeen: 0, due: DAY }, 6 * DAY, false) },
    { name: 'practice card, ahead', reply: practiceCard(quiz({ mode: 'flash', practice: { topic: 'cnn' } }), { kind: 'ahead', lastSeen: 0, due: 9 * DAY }, DAY, true) },
    { name: 'practice card, weakest', reply: practiceCard(quiz({ mode: 'open', practice: {} }), { kind: 'new', why: 'weakest', topic: 'sequence', accuracy: 0.41 }, DAY, true) },
    { name: 'practice card, least practised', reply: practiceCard(quiz({ practice: {} }), { kind: 'new', why: 'least-practised', topic: 'llm' }, DAY, false) },
    { name: 'practice card, chosen', reply: practiceCard(quiz({ practice: { topic: 'cnn' } }), { kind: 'new', why: 'chosen', topic: 'cnn' }, DAY, false) },
    { name: 'practice answer', reply: answerResult({ ...quiz({ practice: { topic: 'cnn' } }), kind: 'choice', outcome: recorded, hidden: false, chosen: 0, correctPosition: 1, correct: false, options: quiz().options }) },
    { name: 'review, due', reply: reviewReply(memory, cmd) },
    { name: 'review, due this week', reply: reviewReply({ ...memory, dueToday: 0 }, cmd, 'open') },
    { name: 'review, nothing due', reply: reviewReply(noMemory, cmd, 'flash') },
    { name: 'no stats', reply: statsReply('me', { ...stats, answered: 0 }, true, cmd) },
    // A picture goes with the text; its alt text is member input too (a display name).
    { name: 'stats with a picture', reply: { ...statsReply('<@123>', stats, false, cmd), attachments: [{ name: 'stats.png', mime: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), alt: `Stats of ${HOSTILE.join(' ')}` }] } },
    { name: 'topics', reply: topicsReply(new Map([['cnn', 20], ['llm', 30]]), cmd) },
    { name: 'team joined', reply: teamJoined(team, true, false) },
    { name: 'team left', reply: teamLeft(team) },
    { name: 'team list', reply: teamList(Array.from({ length: 60 }, (_, i) => ({ ...team, name: `${HOSTILE[i % HOSTILE.length]} team ${i}` })), cmd) },
    { name: 'no teams', reply: teamList([], cmd) },
    { name: 'team members', reply: teamMembers(team, Array.from({ length: 300 }, (_, i) => ({ name: `${HOSTILE[i % HOSTILE.length]} member ${i}` }))) },
    { name: 'help', reply: helpReply([{ usage: ['team join <name>', 'team leave'], description: 'Teams' }, { usage: ['quiz [topic]'], description: 'A question' }], cmd) },
    { name: 'home', reply: homeReply(overview, cmd, { dueToday: 3, dueThisWeek: 12, retention: { reviews: 40, recalled: 31 }, topics: {} }) },
    { name: 'home, before any card', reply: homeReply(overview, cmd, { dueToday: 0, dueThisWeek: 0, retention: { reviews: 0, recalled: 0 }, topics: {} }) },
    { name: 'interview question', reply: interviewQuestionCard(interviewQuestion(3)) },
    { name: 'interview answer form', reply: interviewAnswerPrompt(interviewQuestion(9)) },
    {
      name: 'interview step',
      reply: interviewStepReply({ answered: { question, index: 8, grade: aiGrade(), record: interviewState(9).answers[8]! }, duplicate: false, next: interviewQuestion(9), report: null }, cmd),
    },
    {
      name: 'interview last step',
      reply: interviewStepReply({ answered: { question, index: 9, grade: null, record: interviewState(10).answers[9]! }, duplicate: true, next: null, report: interviewReportOf(interviewState(10)) }, cmd),
    },
    { name: 'interview report', reply: interviewReport(interviewReportOf(interviewState(10)), cmd) },
    { name: 'interview report, no reviews', reply: interviewReport({ ...interviewReportOf(interviewState(10)), topicsToReview: [], addedToReview: [] }, cmd) },
    { name: 'interview status', reply: interviewStatusReply({ state: interviewState(4), report: null, question: interviewQuestion(4) }, cmd) },
    { name: 'interview stopped', reply: interviewStopped(interviewState(4), cmd) },
    { name: 'practice reminder', reply: reminderRenderer.reminder(1234, cmd) },
    { name: 'reminder set', reply: reminderSetReply(reminderStatus, cmd) },
    { name: 'reminder status', reply: reminderStatusReply({ ...reminderStatus, dueNow: null }, cmd) },
    { name: 'reminder off', reply: reminderOffReply(cmd) },
    { name: 'home unavailable', reply: homeUnavailable() },
    { name: 'unavailable', reply: errorReply(UNAVAILABLE_TEXT) },
    { name: 'pack imported with warnings', reply: packImported({ outcome: 'created', pack: { name: 'our-stack', version: '@here', hash: 'h', format: 'yaml', questions: [question], warnings: Array.from({ length: 21 }, (_, i) => ({ entry: `${HOSTILE[i % HOSTILE.length]} ${i}`, field: 'choices', message: long('tell', 20) })) } }, cmd) },
    { name: 'pack list', reply: packList(Array.from({ length: 10 }, (_, i): PackSummary => ({ name: `pack-${i}`, version: HOSTILE[i % HOSTILE.length]!, hash: 'h', enabled: i % 2 === 0, entries: 500, format: 'yaml', importedAt: 0, importedBy: 'u' })), cmd) },
    { name: 'no packs', reply: packList([], cmd) },
    { name: 'pack disabled', reply: packChanged('our-stack', 'disabled') },
    { name: 'pack export, large', reply: packExport('our-stack', `name: our-stack\n# @everyone <!channel>\n${long('line', 3000)}`, 'yaml') },
    { name: 'pack paste form', reply: packPastePrompt() },
    { name: 'pack share file (Slack)', reply: packShareFile(cmd) },
    { name: 'report reasons', reply: reportReasons('AbCdEfGhIjKl') },
    { name: 'report note form', reply: reportNotePrompt('AbCdEfGhIjKl', 'wrong-key') },
    { name: 'report filed, paused', reply: reportFiled({ questionId: 'q', reporters: 3, paused: true }) },
    { name: 'open reports', reply: reportsList(Array.from({ length: 12 }, (_, i) => ({ questionId: `our-stack-with-a-long-name/${'q'.repeat(40)}-${i}`, paused: i < 3, reports: Array.from({ length: 5 }, (_, j) => ({ userId: `u${j}`, reason: 'other' as const, note: `${HOSTILE[j % HOSTILE.length]} ${long('note', 10)}`, at: j })) })), true) },
    { name: 'reports resolved', reply: reportsResolved('our-stack/q1') },
    ...SAMPLE_ERRORS.map((e, i) => ({ name: `user error ${i} ${e.code}`, reply: userErrorReply(e, cmd) })),
  ];
  return fixtures;
}
