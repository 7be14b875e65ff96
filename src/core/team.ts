/** A team of one community, as its members see it; one team per user per community. */
export interface TeamInfo {
  key: string;
  name: string;
  members: number;
}

export type JoinTeamOutcome =
  | { status: 'joined'; created: boolean; team: TeamInfo }
  | { status: 'already-member'; team: TeamInfo }
  | { status: 'in-other-team'; team: TeamInfo };
