/**
 * Keeps posts to one Slack channel about a second apart (Slack's guidance for chat.postMessage),
 * while different channels proceed in parallel. A daily fan-out to many channels therefore never
 * bursts into one channel, and WebClient's own 429 handling covers the rest.
 */
export class ChannelPacer {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits for the channel's turn, then books the next slot. */
  async turn(channelId: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next.get(channelId) ?? 0);
    this.next.set(channelId, at + this.intervalMs);
    if (this.next.size > 10_000) this.prune(now);
    if (at > now) await this.sleep(at - now);
  }

  private prune(now: number): void {
    for (const [channel, at] of this.next) if (at < now) this.next.delete(channel);
  }
}
