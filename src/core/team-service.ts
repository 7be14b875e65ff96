import type { Community, UserRef } from './identity.js';
import { fail, ok, type Result } from './result.js';
import type { JoinTeamOutcome, TeamInfo } from './team.js';
import type { TeamStore } from './team-store.js';
import { mixesScripts, normalizeTeamName, skeleton } from './team-names.js';

const TEAM_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,30}[\p{L}\p{N}._-]$/u;

/** Validates a team name and derives its key: the same team whatever the case or spacing. */
export function parseTeamName(raw: string): Result<{ key: string; name: string }> {
  const name = normalizeTeamName(raw);
  if (!TEAM_NAME.test(name)) {
    return fail('INVALID_OPTION', { option: 'team-name', value: name });
  }
  return ok({ name, key: name.toLowerCase().replace(/ /g, '-') });
}

/** Teams: join (creating if new), leave, list; one team per user per community. */
export class TeamService {
  constructor(private readonly deps: { teams: TeamStore }) {}

  async join(user: UserRef, rawName: string): Promise<Result<Extract<JoinTeamOutcome, { status: 'joined' | 'already-member' }>>> {
    const parsed = parseTeamName(rawName);
    if (!parsed.ok) return parsed;
    const { key, name } = parsed.value;
    if (mixesScripts(name)) {
      const twin = (await this.deps.teams.listTeams(user.community)).find((t) => t.key !== key && skeleton(t.name) === skeleton(name));
      if (twin) return fail('INVALID_OPTION', { option: 'team-name', value: name, lookalike: twin.name });
    }
    const outcome = await this.deps.teams.joinTeam(user, key, name);
    if (outcome.status === 'in-other-team') {
      return fail('TEAM_CONFLICT', { team: outcome.team.name });
    }
    return ok(outcome);
  }

  async leave(user: UserRef): Promise<Result<TeamInfo>> {
    const left = await this.deps.teams.leaveTeam(user);
    return left ? ok(left) : fail('NOT_IN_TEAM', {});
  }

  /** The user's team, or null. */
  async teamOf(user: UserRef): Promise<TeamInfo | null> {
    return this.deps.teams.getUserTeam(user);
  }

  async list(c: Community): Promise<TeamInfo[]> {
    return (await this.deps.teams.listTeams(c)).sort((a, b) => b.members - a.members || a.name.localeCompare(b.name));
  }

  /** A team's members; an unknown team lists the teams that exist. */
  async members(c: Community, rawName: string): Promise<Result<{ team: TeamInfo; members: { id: string; name: string }[] }>> {
    const parsed = parseTeamName(rawName);
    const teams = await this.list(c);
    const team = parsed.ok ? teams.find((t) => t.key === parsed.value.key) : undefined;
    if (!team) {
      return fail('UNKNOWN_TEAM', { name: rawName.trim(), teams: teams.map((t) => t.name) });
    }
    return ok({ team, members: await this.deps.teams.teamMembers(c, team.key) });
  }
}
