import type { Community, UserRef } from '../../src/core/identity.js';
import { communityKey } from '../../src/core/identity.js';
import type { AnswerObserver, DueCards, GradedAnswer } from '../../src/core/learning/graded-answer.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A small real learning loop for tests (the FSRS one lives on its own branch): every graded answer
 * becomes a card, due again in ten minutes when missed and in three days when right; a card can
 * also be put in by hand. Counts what is due for reminders.
 */
export class ListReviewQueue implements AnswerObserver, DueCards {
  readonly answers: GradedAnswer[] = [];
  private readonly cards = new Map<string, number>();

  async answerGraded(answer: GradedAnswer): Promise<void> {
    this.answers.push(answer);
    this.add(answer.user, answer.questionId, answer.at + (answer.correct ? 3 * DAY : 10 * MINUTE));
  }

  add(user: { community: Community; userId: string }, questionId: string, dueAt: number): void {
    this.cards.set(`${communityKey(user.community)}|${user.userId}|${questionId}`, dueAt);
  }

  async dueCount(user: UserRef, until: number): Promise<number> {
    const prefix = `${communityKey(user.community)}|${user.userId}|`;
    return [...this.cards].filter(([key, dueAt]) => key.startsWith(prefix) && dueAt <= until).length;
  }

  questionsOf(user: UserRef): string[] {
    const prefix = `${communityKey(user.community)}|${user.userId}|`;
    return [...this.cards.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }
}
