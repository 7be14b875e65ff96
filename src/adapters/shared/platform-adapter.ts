import type { ChannelPoster } from '../../core/channel-poster.js';

/**
 * The contract every platform adapter keeps (src/adapters/<platform>/index.ts exports a
 * `create<Platform>Adapter(config, app)` that returns one). main.ts starts the enabled adapters,
 * hands their posters to the daily scheduler and stops them on shutdown; nothing in src/core
 * knows which platforms exist. Rendering, the action codec and the poster stay in the adapter's
 * folder; test/contract/adapter-contract.ts holds every adapter to the same rules.
 */
export interface PlatformAdapter {
  /** The platform's name; also the first part of its communities' keys ("discord:<guild>"). */
  readonly platform: string;
  /** How the scheduler posts there on its own (daily questions). */
  readonly poster: ChannelPoster;
  /** Connects and serves; resolves once it is serving, rejects with an AppError naming what to fix. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Serves /healthz and /readyz itself (Slack's HTTP server), so main starts no health server of its own. */
  readonly servesHealth?: boolean | undefined;
  /** Settles when the adapter ends by itself (the console at the end of its input); main then shuts down. */
  readonly finished?: Promise<void> | undefined;
}
