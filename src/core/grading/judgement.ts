import { z } from 'zod';
import { evidencePhrases, type KeyPoint, type Question } from '../bank/schema.js';
import { PASS_SCORE, type Grade, type StatedMisconception } from './grader.js';
import { SCORING } from './rubric.js';
import { keyPointSides, sideNamedBy } from './sides.js';
import { stemmedPhrase, stemTokens } from './text-match.js';

/**
 * What an AI judge returns for one answer, in the shape the issue fixes so that any
 * OpenAI-compatible server (or test double) can produce it. Indexes are 1-based, as listed in the
 * request; each quote must be the answer's own words.
 */
export const judgementSchema = z.object({
  keyPoints: z
    .array(
      z.object({
        index: z.number().int().min(1),
        status: z.enum(['covered', 'partial', 'missed']),
        quote: z.string().max(2000).default(''),
      }),
    )
    .max(20),
  misconceptions: z.array(z.object({ index: z.number().int().min(1), quote: z.string().max(2000).default('') })).max(20).default([]),
  feedback: z.string().max(4000).default(''),
});
export type Judgement = z.infer<typeof judgementSchema>;

/** The JSON schema sent as `response_format` to endpoints that support structured output. */
export const JUDGEMENT_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['keyPoints', 'misconceptions', 'feedback'],
  properties: {
    keyPoints: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'status', 'quote'],
        properties: { index: { type: 'integer' }, status: { type: 'string', enum: ['covered', 'partial', 'missed'] }, quote: { type: 'string' } },
      },
    },
    misconceptions: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['index', 'quote'], properties: { index: { type: 'integer' }, quote: { type: 'string' } } },
    },
    feedback: { type: 'string' },
  },
} as const;

/**
 * Reads a judgement from a model's text: plain JSON, JSON in a code fence, or JSON with prose
 * around it (small local models add both). Returns null when no valid judgement is in it.
 */
export function parseJudgement(text: string): Judgement | null {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const c of candidates) {
    try {
      const parsed = judgementSchema.safeParse(JSON.parse(c));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON; try the next candidate
    }
  }
  return null;
}

/** A judgement after Backprop checked every quote: only what the answer's words evidence. */
export interface VerifiedJudgement {
  /** Per key point (0-based, in entry order): credit that survived the evidence check. */
  keyPoints: { status: 'covered' | 'partial' | 'missed'; quote: string }[];
  /** Misconceptions (0-based index into the entry's) whose quote is in the answer. */
  misconceptions: { index: number; quote: string }[];
  feedback: string;
}

/** A quote shorter than this many content words cannot carry a key point. */
export const MIN_QUOTE_WORDS = 2;
const MAX_FEEDBACK_CHARS = 600;

/** Lowercase, one space between words, unified quotes and dashes: how quotes are compared. */
export const normaliseForQuote = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐-―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Is this quote evidence for a claim described by `about`? It must occur verbatim in the answer
 * (after whitespace and case normalisation), hold enough content words, share a content word with
 * the claim, and not be only the question's own words.
 */
function isEvidence(quote: string, answer: string, about: readonly string[], promptStems: ReadonlySet<string>): boolean {
  const q = normaliseForQuote(quote).replace(/^["'.…\s]+|["'.…\s]+$/g, '');
  if (q.length === 0 || !normaliseForQuote(answer).includes(q)) return false;
  const stems = stemTokens(q);
  if (stems.length < MIN_QUOTE_WORDS) return false;
  if (stems.every((s) => promptStems.has(s))) return false;
  // The claim's own words, not the question's; a claim made only of the question's words keeps them.
  const claim = [...new Set(about.flatMap((a) => stemmedPhrase(a)))];
  const own = claim.filter((s) => !promptStems.has(s));
  const pool = new Set(own.length > 0 ? own : claim);
  return stems.some((s) => pool.has(s));
}

/** Keeps only what the answer's own words support; the model's claims alone are worth nothing. */
export function verifyJudgement(question: Question, answer: string, j: Judgement): VerifiedJudgement {
  const promptStems = new Set(stemTokens(`${question.prompt} ${question.choicePrompt ?? ''}`));
  const kpSides = keyPointSides(question.keyPoints, question.sides);
  const keyPoints = question.keyPoints.map((kp, i) => {
    const claim = j.keyPoints.find((k) => k.index === i + 1 && k.status !== 'missed');
    if (!claim || !isEvidence(claim.quote, answer, [kp.point, ...kp.keywords], promptStems)) return { status: 'missed' as const, quote: '' };
    // As for the rubric grader: a quote that names only the other side of a comparison is a swap.
    const quoteSide = question.sides && sideNamedBy(claim.quote, question.sides);
    if (kpSides[i] !== undefined && quoteSide !== undefined && quoteSide !== kpSides[i]) return { status: 'missed' as const, quote: '' };
    return { status: claim.status, quote: claim.quote.trim() };
  });
  const seen = new Set<number>();
  const misconceptions = j.misconceptions.flatMap((m) => {
    const entry = question.misconceptions[m.index - 1];
    if (!entry || seen.has(m.index) || !isEvidence(m.quote, answer, [entry.statement, ...entry.evidence.flatMap((g) => evidencePhrases(g).phrases)], new Set())) return [];
    seen.add(m.index);
    return [{ index: m.index - 1, quote: m.quote.trim() }];
  });
  return { keyPoints, misconceptions, feedback: j.feedback.trim().slice(0, MAX_FEEDBACK_CHARS) };
}

/**
 * The score, computed by Backprop from verified judgements only: a covered point counts fully, a
 * partial one half; a stated misconception forfeits the point it contradicts and costs the
 * rubric grader's penalty.
 */
export function gradeFromVerified(question: Question, v: VerifiedJudgement): Grade {
  const forfeited = new Set(v.misconceptions.map((m) => (question.misconceptions[m.index]?.keyPoint ?? 0) - 1));
  const covered: KeyPoint[] = [];
  const partial: KeyPoint[] = [];
  const missed: KeyPoint[] = [];
  question.keyPoints.forEach((kp, i) => {
    const status = forfeited.has(i) ? 'missed' : (v.keyPoints[i]?.status ?? 'missed');
    (status === 'covered' ? covered : status === 'partial' ? partial : missed).push(kp);
  });
  const share = (covered.length + partial.length / 2) / question.keyPoints.length;
  const raw = 100 * share - SCORING.misconceptionPenalty * v.misconceptions.length;
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  const misconceptions: StatedMisconception[] = v.misconceptions.flatMap((m) => {
    const misconception = question.misconceptions[m.index];
    return misconception ? [{ misconception, quote: m.quote }] : [];
  });
  return { score, pass: score >= PASS_SCORE, covered, missed, misconceptions, gradedBy: 'ai', partial, feedback: v.feedback || undefined };
}
