import type { KeyPoint, Misconception, Question } from '../bank/schema.js';
import type { UserRef } from '../identity.js';

/** An open answer at or above this score counts as correct for accuracy statistics and streaks. */
export const PASS_SCORE = 60;

/** A misconception the answer states, with the answer's own words that state it. */
export interface StatedMisconception {
  misconception: Misconception;
  quote: string;
}

/**
 * A key point the answer stated of the wrong side of a comparison ("LayerNorm keeps running
 * statistics" for BatchNorm's point): no credit, and the member is told which side it holds for.
 */
export interface SwappedClaim {
  keyPoint: KeyPoint;
  /** The answer's words, from the side it named to the claim. */
  quote: string;
  /** The side the answer said it of, in the answer's words. */
  saidOf: string;
  /** The side it holds for (its first name in the entry). */
  holdsFor: string;
}

/**
 * Why an answer was graded by the rubric although the AI grader is configured: the AI did not
 * answer in time, failed (error, unusable reply), or a daily cap was reached. Views word it.
 */
export type GradeNotice = 'ai-timeout' | 'ai-failed' | 'member-limit' | 'community-limit';

/** What a grader says of one open answer; the member sees all of it. */
export interface Grade {
  /** 0–100. */
  score: number;
  pass: boolean;
  covered: KeyPoint[];
  missed: KeyPoint[];
  misconceptions: StatedMisconception[];
  /** Which grader produced this grade. */
  gradedBy: 'rubric' | 'ai';
  /**
   * Key points made only in part, for part of their credit: the AI found them half made; the rubric
   * grader found them named at one place only, not explained (SCORING.singleMentionCredit).
   */
  partial?: KeyPoint[] | undefined;
  /** Set when the AI grader was configured but the rubric graded, and why. */
  notice?: GradeNotice | undefined;
  /** The AI's two or three sentences of feedback. */
  feedback?: string | undefined;
  /** Missed key points the answer stated of the other side of the comparison (rubric grader). */
  swapped?: SwappedClaim[] | undefined;
}

/** Whether a grade gives the key point any credit: covered, or partly (named once, half made). */
export const earns = (g: Grade, kp: KeyPoint): boolean => g.covered.includes(kp) || (g.partial ?? []).includes(kp);

/** Who is being graded: the AI grader counts daily caps and caches per community with it. */
export interface GradingContext {
  user: UserRef;
}

/** The grading port: the rubric grader by default; others (an AI grader) can take its place. */
export interface Grader {
  grade(question: Question, answer: string, context?: GradingContext): Promise<Grade>;
}
