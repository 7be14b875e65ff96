import type { Question } from '../bank/schema.js';
import type { Random } from '../ports.js';

/**
 * Picks the next question: a random one the user has not seen recently; when every candidate was
 * seen recently, the one seen longest ago. `recent` is newest first.
 */
export function selectQuestion(candidates: readonly Question[], recent: readonly string[], random: Random): Question | undefined {
  if (candidates.length === 0) return undefined;
  const seenAt = new Map(recent.map((id, i) => [id, i]));
  const unseen = candidates.filter((q) => !seenAt.has(q.id));
  if (unseen.length > 0) return unseen[Math.floor(random.next() * unseen.length)];
  return [...candidates].sort((a, b) => seenAt.get(b.id)! - seenAt.get(a.id)!)[0];
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function shuffledOrder(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
