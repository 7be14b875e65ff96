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
}

export interface CoreDeps {
  bank: QuestionBank;
  /** One store playing every role the use cases need; each service is handed only its own. */
  store: CoreStore;
  clock: Clock;
  random: Random;
  /** How daily posts look (the views supply it; the core never formats). */
  dailyRenderer: DailyRenderer;
  logger?: Logger | undefined;
  /** Grades open answers; the offline rubric grader when not given. */
  grader?: Grader | undefined;
  /** Where counters go (Prometheus in production); nothing when not given. */
  metrics?: Metrics | undefined;
}

export function createCore(deps: CoreDeps): Core {
  const { bank, store, clock, random } = deps;
  // Deliveries never change once saved: a click on one this process has seen needs no store read.
  const deliveries = new CachedDeliveries(store, clock);
  return {
    bank,
    clock,
    quiz: new QuizService({ bank, deliveries, scores: store, settings: store, clock, random, grader: deps.grader ?? lazyGrader(() => new RubricGrader(bank.questions)), metrics: deps.metrics }),
    profile: new ProfileService({ scores: store, teams: store, settings: store, clock }),
    teams: new TeamService({ teams: store }),
    daily: new DailyService({
      bank,
      schedules: store,
      deliveries,
      scores: store,
      settings: store,
      clock,
      random,
      render: deps.dailyRenderer,
      logger: deps.logger ?? silentLogger,
      metrics: deps.metrics ?? noMetrics,
    }),
  };
}

/** The rubric grader builds its term weights over the whole bank: at the first open answer, not at start. */
function lazyGrader(make: () => Grader): Grader {
  let grader: Grader | undefined;
  return { grade: (question, answer) => (grader ??= make()).grade(question, answer) };
}
