
export const QUIZ_MODES = ['choice', 'open', 'flash'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

/** One question shown to one user (or to a channel, when shared). */
export interface Delivery {
  id: string;
  questionId: string;
  mode: QuizMode;
  /** The user who may answer; null when shared in a channel, where each member answers once. */
  ownerId: string | null;
  /** order[displayPosition] = index into [correct, ...distractors]. */
  order: number[];
  createdAt: number;
  expiresAt: number;
  /** Set for daily posts: the correct answer stays hidden until then. */
  revealAt?: number | undefined;
  /** The zone times of this delivery are shown in (a daily schedule's zone). */
  timeZone?: string | undefined;
  /** Free-form link to where it was posted (channel / message), for adapters and the scheduler. */
  channelId?: string | undefined;
  /** Set when `practice` served it (with the topic it keeps to): its answer offers the next card. */
  practice?: { topic?: string | undefined } | undefined;
}
