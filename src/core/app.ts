import type { QuestionBank } from './bank/question-bank.js';
import type { Clock, Random } from './ports.js';
import { ProfileService } from './profile-service.js';
import { QuizService } from './quiz/quiz-service.js';
import type { Store } from './store.js';
import { TeamService } from './team-service.js';

/** Everything a command handler may use: the core's use cases over one store. */
export interface Core {
  bank: QuestionBank;
  store: Store;
  clock: Clock;
  quiz: QuizService;
  profile: ProfileService;
  teams: TeamService;
}

export function createCore(deps: { bank: QuestionBank; store: Store; clock: Clock; random: Random }): Core {
  return {
    ...deps,
    quiz: new QuizService(deps),
    profile: new ProfileService(deps),
    teams: new TeamService(deps),
  };
}
