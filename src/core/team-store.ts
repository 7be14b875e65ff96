import type { Community, UserRef } from './identity.js';
import type { JoinTeamOutcome, TeamInfo } from './team.js';

/** Teams port: one team per user per community. */
export interface TeamStore {
  /** Atomic: joins (creating the team when nobody is in it) unless the user is in a team already. */
  joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome>;
  /** Returns the team left, or null when the user was in none. */
  leaveTeam(user: UserRef): Promise<TeamInfo | null>;
  getUserTeam(user: UserRef): Promise<TeamInfo | null>;
  listTeams(c: Community): Promise<TeamInfo[]>;
  teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]>;
}
