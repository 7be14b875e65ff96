import type { Logger } from '../../core/ports.js';
import type { Store } from '../../core/store.js';
import { MAX_SKEW_SEC } from './guarded-receiver.js';

/** Bolt accepts a signed request for 5 minutes either side; a replay is refused for longer than that. */
const REMEMBER_MS = 2 * MAX_SKEW_SEC * 1000 + 60_000;
/**
 * Marks live apart from every workspace's data (a community and delivery id no real one has), so
 * a workspace that only reads leaves no keys of its own behind.
 */
const REPLAY_COMMUNITY = { platform: 'slack', id: '~requests' } as const;
const REPLAY_SCOPE = '~slack-request';

/**
 * A signed slash command replayed byte for byte carries the same signature and timestamp; its
 * key is remembered in the store, so the copy is dropped by whichever replica it reaches. The
 * store's set-once-with-expiry primitive today is markHint; a dedicated "remember once" port can
 * replace it when the store is split by role. When the store cannot answer, the request goes
 * through: the command itself then reports the outage.
 */
export class ReplayGuard {
  constructor(
    private readonly store: Pick<Store, 'markHint'>,
    private readonly logger: Logger,
  ) {}

  async firstTime(teamId: string, key: unknown): Promise<boolean> {
    if (typeof key !== 'string') return true;
    try {
      const first = await this.store.markHint(REPLAY_COMMUNITY, REPLAY_SCOPE, key, REMEMBER_MS);
      if (!first) this.logger.warn('ignored a replayed Slack request', { team: teamId });
      return first;
    } catch (err) {
      this.logger.warn('could not check a Slack request for replay', { error: (err as Error).message });
      return true;
    }
  }
}
