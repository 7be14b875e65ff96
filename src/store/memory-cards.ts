import { communityKey, type UserRef } from '../core/identity.js';
import { NO_REVIEWS, topicProgress, type CardRecord, type ReviewTally, type TopicProgress } from '../core/learning/card.js';
import type { AnswerReview, CardStore } from '../core/learning/card-store.js';
import { answerReview } from '../core/learning/answer-review.js';

interface MemberCards {
  cards: Map<string, CardRecord>;
  tally: ReviewTally;
}

/** MemoryStore's cards: one map per member; JavaScript's single thread makes each method atomic. */
export class MemoryCards implements CardStore {
  private readonly members = new Map<string, MemberCards>();

  private of(user: UserRef): MemberCards {
    const key = `${communityKey(user.community)}|${user.userId}`;
    let m = this.members.get(key);
    if (!m) this.members.set(key, (m = { cards: new Map(), tally: { ...NO_REVIEWS } }));
    return m;
  }

  async getCard(user: UserRef, questionId: string): Promise<CardRecord | null> {
    const c = this.of(user).cards.get(questionId);
    return c ? { ...c } : null;
  }

  async saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> {
    const m = this.of(user);
    if ((m.cards.get(card.questionId)?.reps ?? 0) !== expectedReps) return false;
    this.save(m, card, tally);
    return true;
  }

  /** An answer's review in the caller's turn, so MemoryStore.recordAnswer reviews atomically with the answer. */
  reviewNow(user: UserRef, review: AnswerReview, usedHint: boolean): void {
    const m = this.of(user);
    const save = answerReview(m.cards.get(review.questionId) ?? null, review, usedHint);
    if (save) this.save(m, save.card, save.tally);
  }

  private save(m: MemberCards, card: CardRecord, tally: { recalled: boolean } | undefined): void {
    m.cards.set(card.questionId, { ...card });
    if (tally) m.tally = { reviews: m.tally.reviews + 1, recalled: m.tally.recalled + (tally.recalled ? 1 : 0) };
  }

  async dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> {
    return [...this.of(user).cards.values()]
      .filter((c) => c.due <= until)
      .sort((a, b) => a.due - b.due || a.questionId.localeCompare(b.questionId))
      .slice(0, limit)
      .map((c) => ({ ...c }));
  }

  async countDue(user: UserRef, until: number): Promise<number> {
    return [...this.of(user).cards.values()].filter((c) => c.due <= until).length;
  }

  async cardIds(user: UserRef): Promise<string[]> {
    return [...this.of(user).cards.keys()];
  }

  async topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> {
    return topicProgress(this.of(user).cards.values(), since);
  }

  async reviewTally(user: UserRef): Promise<ReviewTally> {
    return { ...this.of(user).tally };
  }
}
