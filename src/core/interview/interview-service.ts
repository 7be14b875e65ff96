import type { Difficulty, Question } from '../bank/schema.js';
import type { DeliveryStore } from '../delivery-store.js';
import type { Grade, Grader } from '../grading/grader.js';
import type { Community, UserRef } from '../identity.js';
import type { AnswerObserver } from '../learning/graded-answer.js';
import type { Metrics } from '../metrics.js';
import type { QuestionBanks } from '../packs/community-bank.js';
import type { Clock, Logger, Random } from '../ports.js';
import { MAX_ANSWER_CHARS } from '../quiz/quiz-service.js';
import { selectQuestion } from '../quiz/select-question.js';
import { fail, ok, type Result } from '../result.js';
import type { ScheduleStore } from '../schedule-store.js';
import type { SessionStore } from '../session-store.js';
import { INTERVIEW_LENGTH, INTERVIEW_TTL_MS, interviewKey, isFinished, type InterviewAnswer, type InterviewReport, type InterviewState } from './interview.js';

/** A grading claim not finished within this long was a process that died mid-grading; another may retry. */
const GRADING_CLAIM_STALE_MS = 2 * 60_000;

export interface InterviewDeps {
  /** The community's questions: the bank plus its enabled packs, so a pack's topic can be interviewed on. */
  banks: QuestionBanks;
  sessions: SessionStore;
  /** The slot claims of daily posts, reused as "this answer is being graded" markers. */
  claims: Pick<ScheduleStore, 'claimSlot' | 'finishSlot' | 'releaseSlot'>;
  deliveries: Pick<DeliveryStore, 'getRecent'>;
  grader: Grader;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** The learning loop: every graded interview answer goes to the member's review queue. */
  observer?: AnswerObserver | undefined;
  /** Counts answers (mode "interview") by verdict; nothing by default. */
  metrics?: Metrics | undefined;
}

export interface StartInterviewRequest {
  user: UserRef;
  length?: number | undefined;
  topic?: string | undefined;
  difficulty?: Difficulty | undefined;
}

/** The question to show now, and whether it is a running interview shown again. */
export interface InterviewQuestion {
  state: InterviewState;
  question: Question;
  index: number;
  resumed: boolean;
}

export interface InterviewStep {
  /** The answer just graded, with its full grade (the stored answer keeps only a summary). */
  answered: { question: Question; index: number; grade: Grade | null; record: InterviewAnswer };
  /** True when this submission had already been graded (a double submit): nothing was counted again. */
  duplicate: boolean;
  next: InterviewQuestion | null;
  report: InterviewReport | null;
}

/** A stored interview with its questions by id, looked up once per call. */
interface Loaded {
  state: InterviewState;
  questions: ReadonlyMap<string, Question>;
}

/**
 * Mock interviews: a few open questions in a row, graded like open quizzes, kept in the session
 * store so they survive restarts and any process can continue them. Each answer is graded by one
 * process only (a claim per question), so a double submit never counts twice.
 */
export class InterviewService {
  constructor(private readonly deps: InterviewDeps) {}

  /** Starts an interview, or shows the current question of the one running (resume). */
  async start(req: StartInterviewRequest): Promise<Result<InterviewQuestion>> {
    const running = await this.load(req.user);
    if (running && !isFinished(running.state)) return ok(this.current(running, true));
    const length = req.length ?? INTERVIEW_LENGTH.default;
    if (!Number.isInteger(length) || length < INTERVIEW_LENGTH.min || length > INTERVIEW_LENGTH.max) {
      return fail('INVALID_OPTION', { option: 'length', min: INTERVIEW_LENGTH.min, max: INTERVIEW_LENGTH.max });
    }
    const bank = await this.deps.banks.for(req.user.community);
    // Any slug reaches here (a community's packs are topics too): name the valid ones, as quiz does.
    if (req.topic !== undefined && !bank.topics().includes(req.topic)) return fail('UNKNOWN_TOPIC', { topic: req.topic, valid: bank.topics() });
    const candidates = bank.filter({ topic: req.topic, difficulty: req.difficulty });
    if (candidates.length === 0) return fail('NO_QUESTIONS', { topic: req.topic, difficulty: req.difficulty });
    const recent = await this.deps.deliveries.getRecent(req.user);
    const picked: Question[] = [];
    for (let i = 0; i < length; i++) {
      const q = selectQuestion(candidates.filter((c) => !picked.includes(c)), recent, this.deps.random);
      if (!q) break;
      picked.push(q);
    }
    const now = this.deps.clock.now();
    const state: InterviewState = {
      id: this.deps.random.id(),
      questionIds: picked.map((q) => q.id),
      answers: [],
      topic: req.topic,
      difficulty: req.difficulty,
      startedAt: now,
      expiresAt: now + INTERVIEW_TTL_MS,
      reviewed: this.deps.observer !== undefined,
    };
    await this.save(req.user, state);
    return ok(this.current({ state, questions: new Map(picked.map((q) => [q.id, q])) }, false));
  }

  /** The running interview (finished ones too, until they expire), or NO_INTERVIEW. */
  async status(user: UserRef): Promise<Result<{ state: InterviewState; report: InterviewReport | null; question: InterviewQuestion | null }>> {
    const loaded = await this.load(user);
    if (!loaded) return fail('NO_INTERVIEW', {});
    const { state } = loaded;
    return ok(isFinished(state) ? { state, report: this.report(loaded), question: null } : { state, report: null, question: this.current(loaded, true) });
  }

  async stop(user: UserRef): Promise<Result<InterviewState>> {
    const loaded = await this.load(user);
    if (!loaded || !(await this.deps.sessions.deleteSession(user.community, interviewKey(user.userId)))) return fail('NO_INTERVIEW', {});
    return ok(loaded.state);
  }

  /** The question an Answer button is for, if it is still the one to answer. */
  async question(user: UserRef, interviewId: string, index: number): Promise<Result<InterviewQuestion>> {
    const loaded = await this.load(user);
    if (!loaded) return fail('NO_INTERVIEW', {});
    if (loaded.state.id !== interviewId || index !== loaded.state.answers.length) return fail('INTERVIEW_MOVED_ON', {});
    return ok(this.current(loaded, true));
  }

  async answer(user: UserRef, interviewId: string, index: number, text: string): Promise<Result<InterviewStep>> {
    const answer = text.trim();
    if (answer.length === 0) return fail('INVALID_ANSWER', { problem: 'empty' });
    if (answer.length > MAX_ANSWER_CHARS) return fail('INVALID_ANSWER', { problem: 'too-long', length: answer.length, max: MAX_ANSWER_CHARS });
    const loaded = await this.load(user);
    if (!loaded || loaded.state.id !== interviewId) return fail('NO_INTERVIEW', {});
    const { state, questions } = loaded;
    if (index < state.answers.length) return this.repeat(loaded, index);
    const question = index === state.answers.length ? questions.get(state.questionIds[index] ?? '') : undefined;
    if (!question) return fail('INTERVIEW_MOVED_ON', {});

    // One grader per (interview, question) across processes: a second submit loses the claim.
    const { clock, random, claims } = this.deps;
    const now = clock.now();
    const token = random.id();
    const marker = `interview:${user.userId}:${state.id}`;
    const claim = { token, now, staleBefore: now - GRADING_CLAIM_STALE_MS, ttlMs: INTERVIEW_TTL_MS };
    if (!(await claims.claimSlot(user.community, marker, `q${index}`, 'post', claim))) {
      const after = await this.load(user);
      // Not yet recorded: another process is grading this very answer right now.
      return after && after.state.id === interviewId && index < after.state.answers.length ? this.repeat(after, index) : fail('INTERVIEW_MOVED_ON', {});
    }
    let grade: Grade;
    try {
      grade = await this.deps.grader.grade(question, answer, { user });
    } catch (err) {
      // Nothing was recorded: give the question back so the member's retry is graded at once.
      await claims.releaseSlot(user.community, marker, `q${index}`, 'post', token).catch(() => false);
      throw err;
    }
    const record: InterviewAnswer = {
      questionId: question.id,
      score: grade.score,
      pass: grade.pass,
      missed: grade.missed.map((k) => k.point),
      coveredCount: grade.covered.length,
      gradedBy: grade.gradedBy,
      at: clock.now(),
    };
    // Read again: the member may have stopped the interview while it was being graded.
    const latest = (await this.load(user))?.state;
    if (!latest || latest.id !== interviewId || latest.answers.length !== index) return fail('NO_INTERVIEW', {});
    const updated: InterviewState = { ...latest, answers: [...latest.answers, record] };
    if (isFinished(updated)) updated.finishedAt = record.at;
    await this.save(user, updated);
    await claims.finishSlot(user.community, marker, `q${index}`, 'post', token, { postedAt: record.at });
    this.deps.metrics?.answer('interview', record.pass ? 'correct' : 'incorrect');
    await this.observe(user, question, record);
    return ok(this.step({ state: updated, questions }, index, grade, false));
  }

  /** The result of a submission that was already graded: shown again, counted once. */
  private repeat(loaded: Loaded, index: number): Result<InterviewStep> {
    this.deps.metrics?.answer('interview', 'duplicate');
    return ok(this.step(loaded, index, null, true));
  }

  private step(loaded: Loaded, index: number, grade: Grade | null, duplicate: boolean): InterviewStep {
    const record = loaded.state.answers[index]!;
    const question = loaded.questions.get(record.questionId)!;
    const finished = isFinished(loaded.state);
    return { answered: { question, index, grade, record }, duplicate, next: finished ? null : this.current(loaded, false), report: finished ? this.report(loaded) : null };
  }

  private async observe(user: UserRef, question: Question, record: InterviewAnswer): Promise<void> {
    try {
      await this.deps.observer?.answerGraded({
        user,
        questionId: question.id,
        topic: question.topic,
        source: 'interview',
        correct: record.pass,
        score: record.score,
        usedHint: false,
        at: record.at,
      });
    } catch (err) {
      // The answer is recorded; a learning loop that failed must not turn it into an error.
      this.deps.logger.warn('interview answer not added to reviews', { error: String(err) });
    }
  }

  private report({ state, questions }: Loaded): InterviewReport {
    const answers = state.answers;
    const average = answers.length === 0 ? 0 : Math.round(answers.reduce((s, a) => s + a.score, 0) / answers.length);
    const weakest = answers.filter((a) => !a.pass).sort((a, b) => a.score - b.score);
    const topics: string[] = [];
    for (const a of weakest) {
      const topic = questions.get(a.questionId)?.topic;
      if (topic && !topics.includes(topic)) topics.push(topic);
    }
    return { state, average, topicsToReview: topics, addedToReview: state.reviewed ? answers.map((a) => a.questionId) : [] };
  }

  private current({ state, questions }: Loaded, resumed: boolean): InterviewQuestion {
    const index = state.answers.length;
    return { state, question: questions.get(state.questionIds[index]!)!, index, resumed };
  }

  private async load(user: UserRef): Promise<Loaded | null> {
    const raw = await this.deps.sessions.getSession(user.community, interviewKey(user.userId));
    if (raw === null) return null;
    const state = JSON.parse(raw) as InterviewState;
    const questions = await this.questionsOf(user.community, state.questionIds);
    // A question removed since the start (from the bank, or a pack disabled or removed) ends the
    // interview rather than breaking it.
    return questions ? { state, questions } : null;
  }

  /** The interview's questions by id as a delivered card sees them (a pause stops new draws only), or null when one is gone. */
  private async questionsOf(c: Community, ids: readonly string[]): Promise<Map<string, Question> | null> {
    const found = await this.deps.banks.questions(c, ids);
    return found.every((q) => q !== undefined) ? new Map(found.map((q) => [q.id, q])) : null;
  }

  private async save(user: UserRef, state: InterviewState): Promise<void> {
    const ttl = Math.max(1, state.expiresAt - this.deps.clock.now());
    await this.deps.sessions.setSession(user.community, interviewKey(user.userId), JSON.stringify(state), ttl);
  }
}
