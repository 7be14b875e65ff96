import type { QuestionBank } from './bank/question-bank.js';
import { DailyService, type DailyRenderer } from './daily/daily-service.js';
import { silentLogger, type Clock, type Logger, type Random } from './ports.js';
import { ProfileService } from './profile-service.js';
import { QuizService } from './quiz/quiz-service.js';
import { CachedDeliveries } from './quiz/delivery-cache.js';
import type { CoreStore } from './store.js';
import type { Grader } from './grading/grader.js';
import { RubricGrader } from './grading/rubric.js';
import { TeamService } from './team-service.js';
import { noMetrics, type Metrics } from './metrics.js';
import { LearningService } from './learning/learning-service.js';
import { InterviewService } from './interview/interview-service.js';
import type { AnswerObserver, DueCards } from './learning/graded-answer.js';
import { ReminderService, type ReminderRenderer } from './learning/reminder-service.js';
import type { PictureRenderer } from './pictures.js';
import { CommunityBanks } from './packs/community-bank.js';
import { PackService } from './packs/pack-service.js';

/**
 * Everything a command handler may use: the core's use cases over one store. The store itself is
 * not here: every read and write goes through a use case, so a rule lives in one place.
 */
export interface Core {
  bank: QuestionBank;
  clock: Clock;
  quiz: QuizService;
  profile: ProfileService;
  teams: TeamService;
  daily: DailyService;
  /** The memory model: practice, review, retention; it hears every graded answer. */
  learning: LearningService;
  interview: InterviewService;
  reminders: ReminderService;
  /** Turns the views' SVG pictures into PNG attachments; absent: replies carry text only. */
  pictures?: PictureRenderer | undefined;
  /** Community packs, the topics a community sees, members' reports. */
  packs: PackService;
}

export interface CoreDeps {
  bank: QuestionBank;
  /** One store playing every role the use cases need; each service is handed only its own. */
  store: CoreStore;
  clock: Clock;
  random: Random;
  /** How daily posts look (the views supply it; the core never formats). */
  dailyRenderer: DailyRenderer;
  /** How practice reminders look (the views supply it). */
  reminderRenderer: ReminderRenderer;
  logger?: Logger | undefined;
  /** Grades open answers; the offline rubric grader when not given. */
  grader?: Grader | undefined;
  /** Where counters go (Prometheus in production); nothing when not given. */
  metrics?: Metrics | undefined;
  /** Who hears graded interview answers; the memory model (LearningService) when not given. */
  answerObserver?: AnswerObserver | undefined;
  /** The due reviews reminders are about; the memory model's when not given. */
  dueCards?: DueCards | undefined;
  /** Renders pictures (stats, leaderboard cards); none when not given. */
  pictures?: PictureRenderer | undefined;
}

export function createCore(deps: CoreDeps): Core {
  const { bank, store, clock, random } = deps;
  const logger = deps.logger ?? silentLogger;
  const banks = new CommunityBanks(bank, store, store);
  // Deliveries never change once saved: a click on one this process has seen needs no store read.
  const deliveries = new CachedDeliveries(store, clock);
  const learning = new LearningService({ banks, cards: store, deliveries, clock, random, logger });
  const grader = deps.grader ?? lazyGrader(() => new RubricGrader(bank.questions));
  return {
    bank,
    clock,
    learning,
    quiz: new QuizService({ banks, deliveries, scores: store, settings: store, clock, random, grader, metrics: deps.metrics, reviewAnswers: true, countActivity: true }),
    profile: new ProfileService({ scores: store, teams: store, settings: store, clock, activity: store }),
    teams: new TeamService({ teams: store }),
    packs: new PackService({ banks, deliveries, packs: store, reports: store, clock }),
    daily: new DailyService({
      banks,
      schedules: store,
      deliveries,
      scores: store,
      settings: store,
      clock,
      random,
      render: deps.dailyRenderer,
      logger,
      metrics: deps.metrics ?? noMetrics,
    }),
    interview: new InterviewService({ banks, sessions: store, claims: store, deliveries: store, grader, clock, random, logger, observer: deps.answerObserver ?? learning, metrics: deps.metrics }),
    reminders: new ReminderService({ reminders: store, slots: store, settings: store, clock, random, logger, render: deps.reminderRenderer, dueCards: deps.dueCards ?? learning, metrics: deps.metrics }),
    pictures: deps.pictures,
  };
}

/** The rubric grader builds its term weights over the whole bank: at the first open answer, not at start. */
function lazyGrader(make: () => Grader): Grader {
  let grader: Grader | undefined;
  return { grade: (question, answer) => (grader ??= make()).grade(question, answer) };
}
