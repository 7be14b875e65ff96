import type { Question } from '../bank/schema.js';
import type { Random } from '../ports.js';
import type { TopicProgress } from './card.js';

/**
 * A topic's recent accuracy counts only from this many cards answered in the recent window
 * (RECENT_DAYS): two lucky answers do not make a strong topic.
 */
export const MIN_RECENT_SAMPLE = 3;

/** Why a new question came from its topic. */
export type NewCardReason =
  /** The lowest recent accuracy among topics with enough answers; accuracy 0–1. */
  | { why: 'weakest'; topic: string; accuracy: number }
  /** No topic has enough recent answers yet: the topic with the fewest cards. */
  | { why: 'least-practised'; topic: string }
  /** The member asked for this topic. */
  | { why: 'chosen'; topic: string };

/**
 * Picks the topic of the next new question among those with unseen questions left: the member's
 * choice; else the lowest recent accuracy (ties: fewer cards first) among topics with at least
 * MIN_RECENT_SAMPLE recent answers; else the topic with the fewest cards (ties at random).
 */
export function weakestTopic(unseen: Question[], progress: Record<string, TopicProgress>, chosen: string | undefined, random: Random): NewCardReason {
  if (chosen) return { why: 'chosen', topic: chosen };
  const topics = [...new Set(unseen.map((q) => q.topic))];
  const measured = topics
    .map((topic) => ({ topic, p: progress[topic] }))
    .filter((t): t is { topic: string; p: TopicProgress } => t.p !== undefined && t.p.recentAnswered >= MIN_RECENT_SAMPLE)
    .map(({ topic, p }) => ({ topic, accuracy: p.recentCorrect / p.recentAnswered, cards: p.cards }))
    .sort((a, b) => a.accuracy - b.accuracy || a.cards - b.cards || a.topic.localeCompare(b.topic));
  const weakest = measured[0];
  if (weakest) return { why: 'weakest', topic: weakest.topic, accuracy: weakest.accuracy };
  const cardsOf = (t: string) => progress[t]?.cards ?? 0;
  const fewest = Math.min(...topics.map(cardsOf));
  const least = topics.filter((t) => cardsOf(t) === fewest);
  return { why: 'least-practised', topic: least[Math.floor(random.next() * least.length)]! };
}
