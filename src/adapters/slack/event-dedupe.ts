/**
 * Events API deliveries are at-least-once: Slack retries (X-Slack-Retry-Num, or retry_attempt in
 * Socket Mode) when it did not see our 200 in time, and a retry can arrive while the first copy
 * is still being handled. Each event_id is handled once per process: ids are remembered when they
 * arrive (not when done), so a concurrent retry is dropped too.
 *
 * Why in memory and not in the store: a retry normally reaches the process that got the first
 * copy moments earlier, the only event handled (app_home_opened -> views.publish) is idempotent,
 * so a retry that lands on another replica or after a restart does no harm, and the dedupe keeps
 * working while the store is down. A retry whose event_id was never seen is processed: the first
 * copy may never have reached us, and dropping it would lose the event.
 */
export class EventDeduper {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 5000) {}

  /** True the first time an id is offered; false for every repeat. */
  firstTime(eventId: string): boolean {
    if (this.seen.has(eventId)) return false;
    this.seen.add(eventId);
    // A Set iterates in insertion order: drop the oldest id once full.
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

/** The event_id of an Events API body, if it is one. */
export function eventIdOf(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { event_id?: unknown }).event_id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
