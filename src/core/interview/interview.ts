
/** A mock interview lives this long from its start; a member can leave and resume within it. */
export const INTERVIEW_TTL_MS = 24 * 3_600_000;
export const INTERVIEW_LENGTH = { min: 3, max: 10, default: 5 } as const;

/** One graded answer of an interview, kept with the interview (the grade itself is not stored whole). */
export interface InterviewAnswer {
  questionId: string;
  score: number;
  pass: boolean;
  /** Key points the answer missed, as the bank states them. */
  missed: string[];
  coveredCount: number;
  gradedBy: 'rubric' | 'ai';
  at: number;
}

/**
 * A member's interview as stored in the session store (JSON): the questions drawn at the start and
 * the answers so far, in order. The next question is `questionIds[answers.length]`.
 */
export interface InterviewState {
  id: string;
  questionIds: string[];
  answers: InterviewAnswer[];
  topic?: string | undefined;
  difficulty?: string | undefined;
  startedAt: number;
  expiresAt: number;
  /** Set when the last answer was graded; the finished interview stays readable until it expires. */
  finishedAt?: number | undefined;
  /** Whether the answers went to the learning loop (an AnswerObserver was configured). */
  reviewed?: boolean | undefined;
}

export const isFinished = (s: InterviewState) => s.answers.length >= s.questionIds.length;

/** What the end-of-interview report needs, computed from the state and the bank. */
export interface InterviewReport {
  state: InterviewState;
  /** Mean score of the answers, 0–100. */
  average: number;
  /** Topics of the answers that did not pass, weakest first, each once. */
  topicsToReview: string[];
  /** Questions reported to the learning loop, so they come back in the member's reviews. */
  addedToReview: string[];
}

/** The session key of a member's interview (per community, as every session key). */
export const interviewKey = (userId: string) => `interview:${userId}`;
