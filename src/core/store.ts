import type { ActivityStore } from './activity-store.js';
import type { DeliveryStore } from './delivery-store.js';
import type { ScheduleStore } from './schedule-store.js';
import type { ScoreStore } from './score-store.js';
import type { SessionStore } from './session-store.js';
import type { SettingsStore } from './settings-store.js';
import type { TeamStore } from './team-store.js';
import type { CardStore } from './learning/card-store.js';
import type { ReminderStore } from './learning/reminder-store.js';
import type { PackStore, ReportStore } from './packs/pack-store.js';

/**
 * The store ports, split by role; each core service takes only the roles it uses:
 *
 * | port | file | used by |
 * |---|---|---|
 * | DeliveryStore | delivery-store.ts | QuizService, DailyService |
 * | ScoreStore | score-store.ts | QuizService, ProfileService, DailyService |
 * | TeamStore | team-store.ts | TeamService, ProfileService |
 * | SettingsStore | settings-store.ts | QuizService, ProfileService, DailyService |
 * | ScheduleStore | schedule-store.ts | DailyService |
 * | CardStore | learning/card-store.ts | LearningService |
 * | SessionStore | session-store.ts | adapters (`app.sessions`), InterviewService |
 * | ReminderStore | learning/reminder-store.ts | ReminderService |
 * | ActivityStore | activity-store.ts | ProfileService (heat map; recordAnswer writes the counts) |
 * | PackStore, ReportStore | packs/pack-store.ts | PackService, CommunityBanks |
 *
 * Every method is scoped to one community (allSchedules, for the scheduler, excepted); no method
 * can reach another community's data. Each implementation (SqliteStore, the embedded default;
 * RedisStore, shared; MemoryStore, for unit tests) is one class implementing them all, held to
 * test/contract/store-contract.ts; the rules they apply are core/answer-rules.ts.
 */

/** What the core's use cases need (sessions: mock interviews, kept like adapters' forms). */
export type CoreStore = DeliveryStore & ScoreStore & TeamStore & SettingsStore & ScheduleStore & SessionStore & ReminderStore & CardStore & ActivityStore & PackStore & ReportStore;

/** A whole store, as the composition root opens, checks and closes it. */
export interface Store extends DeliveryStore, ScoreStore, TeamStore, SettingsStore, ScheduleStore, SessionStore, ReminderStore, CardStore, ActivityStore, PackStore, ReportStore {
  /** Checks the store answers; throws when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
