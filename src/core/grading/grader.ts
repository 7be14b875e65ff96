import type { KeyPoint, Misconception, Question } from '../bank/schema.js';

/** An open answer at or above this score counts as correct for accuracy statistics and streaks. */
export const PASS_SCORE = 60;

/** A misconception the answer states, with the answer's own words that state it. */
export interface StatedMisconception {
  misconception: Misconception;
  quote: string;
}

/** What a grader says of one open answer; the member sees all of it. */
export interface Grade {
  /** 0–100. */
  score: number;
  pass: boolean;
  covered: KeyPoint[];
  missed: KeyPoint[];
  misconceptions: StatedMisconception[];
}

/** The grading port: the rubric grader by default; others (an AI grader) can take its place. */
export interface Grader {
  grade(question: Question, answer: string): Promise<Grade>;
}
