/** Something main starts and stops: an adapter, the scheduler, the health server. */
export interface Service {
  stop(): Promise<void>;
}
