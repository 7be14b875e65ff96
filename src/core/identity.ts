/**
 * A platform's name ("discord", "slack", "console", …). Deliberately open: an adapter names its own
 * platform, and adding one needs no change here.
 */
export type Platform = string;

/** A community owns all of its data; nothing is shared across communities. */
export interface Community {
  platform: Platform;
  id: string;
}

/** A user is (platform, community, user id); the display name is informational only. */
export interface UserRef {
  community: Community;
  userId: string;
  displayName: string;
}

/** The stable key of a community; it is also the Redis Cluster hash tag of all its keys. */
export function communityKey(c: Community): string {
  return `${c.platform}:${c.id}`;
}

/** A community's own settings (the zone its days, weeks and months are counted in). */
export interface CommunitySettings {
  timeZone?: string | undefined;
}
