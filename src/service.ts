import type { ChannelPoster } from './core/channel-poster.js';

/** Something main starts and stops: an adapter, the scheduler, the health server. */
export interface Service {
  stop(): Promise<void>;
  /** Set by platform adapters: how the scheduler posts there. */
  poster?: ChannelPoster | undefined;
}
