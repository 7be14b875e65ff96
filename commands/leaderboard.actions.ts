import { ok, fail } from '../src/core/result.js';
import type { BoardPeriod, BoardScope } from '../src/core/leaderboard.js';
import { defineAction } from '../src/registry/action.js';

export const BOARD_PERIODS: readonly BoardPeriod[] = ['week', 'month', 'all'];
export const BOARD_SCOPES: readonly BoardScope[] = ['users', 'teams'];

const isPeriod = (s: string): s is BoardPeriod => (BOARD_PERIODS as readonly string[]).includes(s);
const isScope = (s: string): s is BoardScope => (BOARD_SCOPES as readonly string[]).includes(s);

export interface BoardPage {
  scope: BoardScope;
  period: BoardPeriod;
  page: number;
}

/** The leaderboard's paging buttons; views build them, commands/leaderboard.ts handles them. */
export const leaderboardActions = {
  page: defineAction<BoardPage>('leaderboard.page', {
    toArgs: (p) => [p.scope, p.period, String(p.page)],
    fromArgs: ([scope = '', period = '', page = '1']) =>
      isScope(scope) && isPeriod(period)
        ? ok({ scope, period, page: Number(page) || 1 })
        : fail('STALE_ACTION', { command: 'leaderboard' }),
    word: (p) => `page ${p.page}`,
  }),
};
