import type { Community, CommunitySettings } from './identity.js';

/** Settings port: a community's own settings. */
export interface SettingsStore {
  getSettings(c: Community): Promise<CommunitySettings>;
  /** Sets only the fields given; with onlyIfUnset, leaves fields that already have a value. */
  updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset?: boolean): Promise<CommunitySettings>;
}
