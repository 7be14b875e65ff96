import { InteractionResponseType, type APIMessage } from 'discord-api-types/v10';
import type { FakeDiscordState, InteractionRecord } from './state.js';

/** One interaction the fake sent, and what the bot answered. */
export class InteractionHandle {
  constructor(
    readonly record: InteractionRecord,
    private readonly state: FakeDiscordState,
  ) {}

  /** The message the bot's answer is in: its newest follow-up, else the original response. */
  get message(): APIMessage | undefined {
    const id = this.record.followUpIds[this.record.followUpIds.length - 1] ?? this.record.originalId;
    return id ? this.state.messages.get(id) : undefined;
  }

  get original(): APIMessage | undefined {
    return this.record.originalId ? this.state.messages.get(this.record.originalId) : undefined;
  }

  get followUps(): APIMessage[] {
    return this.record.followUpIds.flatMap((id) => this.state.messages.get(id) ?? []);
  }

  /** The first callback's type (reply, deferral, update, modal, autocomplete). */
  get firstCallback(): InteractionResponseType | undefined {
    return this.record.callbacks[0]?.type;
  }

  /** Something the member can see: a message, an updated message, a modal or suggestions. */
  get visible(): boolean {
    const first = this.firstCallback;
    if (first === undefined) return false;
    if (first === InteractionResponseType.DeferredChannelMessageWithSource) return !this.record.loading || this.record.followUpIds.length > 0;
    if (first === InteractionResponseType.DeferredMessageUpdate) return this.record.edits > 0 || this.record.followUpIds.length > 0;
    return true;
  }

  /** Waits until the predicate holds (re-checked on every change the bot makes). */
  async waitFor(predicate: (h: this) => boolean, what = 'the condition', timeoutMs = 10_000): Promise<this> {
    if (this.record.failed) throw new Error(`interaction ${this.record.id}: ${this.record.failed}`);
    if (predicate(this)) return this;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${what}; callbacks: ${JSON.stringify(this.record.callbacks.map((c) => c.type))}`));
      }, timeoutMs);
      const off = this.state.onChange(() => {
        if (this.record.failed) {
          clearTimeout(timer);
          off();
          reject(new Error(`interaction ${this.record.id}: ${this.record.failed}`));
        } else if (predicate(this)) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    return this;
  }

  /** Waits for the bot's visible answer. */
  response(timeoutMs?: number): Promise<this> {
    return this.waitFor((h) => h.visible, 'a visible response', timeoutMs);
  }
}
