import type { CommandDef } from '../src/registry/command.js';
import daily from './daily.js';
import help from './help.js';
import interview from './interview.js';
import pack from './pack.js';
import leaderboard from './leaderboard.js';
import practice from './practice.js';
import remind from './practice-remind.js';
import quiz from './quiz.js';
import review from './review.js';
import stats from './stats.js';
import streak from './streak.js';
import team from './team.js';
import topics from './topics.js';

/** Every command, in the order help lists them. Each platform is generated from this list. */
export const commands: readonly CommandDef[] = [quiz, practice, review, interview, remind, leaderboard, streak, stats, topics, team, daily, pack, help];
