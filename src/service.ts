/** Something main starts and stops besides the adapters: the scheduler, the health server. */
export interface Service {
  stop(): Promise<void>;
}
