import { z } from 'zod';
import { keyPointSides } from '../grading/sides.js';
import { stemmedPhrase } from '../grading/text-match.js';

/** The topics the bank is organised by; one YAML file per topic in data/questions/. */
export const TOPICS = {
  fundamentals: 'Neural network fundamentals',
  optimization: 'Optimization and training',
  regularization: 'Regularization and generalization',
  cnn: 'CNNs and computer vision',
  sequence: 'Sequence and graph models',
  transformers: 'Attention and transformers',
  llm: 'Large language models',
  generative: 'Generative models',
  paradigms: 'Learning paradigms',
  evaluation: 'Evaluation, metrics and data',
  deployment: 'Deployment and efficiency',
  applications: 'Applications and ethics',
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_IDS = Object.keys(TOPICS) as Topic[];
export const isTopic = (s: string): s is Topic => Object.hasOwn(TOPICS, s);

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const keyPointSchema = z.object({
  /** A short statement of what a good answer says. */
  point: text(5, 200),
  /** Alternative phrases (synonyms) any one of which evidences the point; the first is canonical. */
  keywords: z.array(text(2, 60)).min(1).max(16),
});

/**
 * The first element of an evidence group whose phrases, and the words of each phrase, must occur in
 * the order written: it tells a swapped comparison ("an LSTM has fewer parameters than a GRU") from
 * the right one, which has the same words in the other order.
 */
export const IN_ORDER = 'in order';

const evidenceGroupSchema = z
  .array(text(1, 60))
  .min(1)
  .max(5)
  .superRefine((group, ctx) => {
    const phrases = group[0] === IN_ORDER ? group.length - 1 : group.length;
    if (group.indexOf(IN_ORDER, 1) > 0) ctx.addIssue({ code: 'custom', message: `"${IN_ORDER}" may only open a group` });
    if (phrases < 1 || phrases > 4) ctx.addIssue({ code: 'custom', message: `a group holds 1-4 phrases${group[0] === IN_ORDER ? ` after "${IN_ORDER}"` : ''}` });
  });

/** An evidence group's phrases, and whether they must occur in the order written. */
export function evidencePhrases(group: readonly string[]): { phrases: readonly string[]; inOrder: boolean } {
  return group[0] === IN_ORDER ? { phrases: group.slice(1), inOrder: true } : { phrases: group, inOrder: false };
}

/**
 * A wrong statement candidates really make. The grader looks for it in open answers: it is stated
 * when all phrases of one evidence group occur close together with no negation among them.
 */
export const misconceptionSchema = z.object({
  /** The wrong claim, written as a candidate would state it. */
  statement: text(10, 200),
  /** What is true instead, shown to the member who stated the misconception. */
  correction: text(10, 300),
  /**
   * Alternative groups of phrases; every phrase of one group must occur within a short window. A
   * group that starts with IN_ORDER matches only with its phrases, and their words, in the order written.
   */
  evidence: z.array(evidenceGroupSchema).min(1).max(8),
  /** The 1-based key point this claim contradicts; stating it forfeits that point. */
  keyPoint: z.number().int().min(1).max(6),
});

/** The fields of a bank entry; packs reuse them (src/core/packs/pack-schema.ts). */
export const questionShape = {
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lowercase slug: a-z, 0-9 and single hyphens'),
    topic: z.enum(TOPIC_IDS as [Topic, ...Topic[]]),
    difficulty: z.enum(DIFFICULTIES),
    prompt: text(10, 600),
    /** The stem shown in choice mode when the open prompt does not fit four one-sentence options. */
    choicePrompt: text(10, 300).optional(),
    answer: text(40, 4000),
    keyPoints: z.array(keyPointSchema).min(3).max(6),
    choices: z.object({
      correct: text(1, 300),
      distractors: z.array(text(1, 300)).length(3),
    }),
    misconceptions: z.array(misconceptionSchema).max(8).default([]),
    /**
     * For a question that compares things: each thing's names ("BatchNorm", "batch norm", …). A key
     * point that names exactly one side is credited only where the answer says it of that side, so
     * a swap ("LayerNorm normalizes across the batch") earns nothing (src/core/grading/sides.ts).
     */
    sides: z.array(z.array(text(1, 40)).min(1).max(8)).min(2).max(4).optional(),
    explanation: text(10, 1500),
    hint: text(5, 300),
    tags: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase tag words joined by hyphens')).min(1).max(10),
    covers: z.array(z.string().regex(/^(dl80|dl10y|dl50|dc20)\/[a-z0-9/-]+$/, 'a seed id such as dl80/fundamentals/1')).default([]),
};

type EntryForChecks = Pick<z.infer<z.ZodObject<typeof questionShape>>, 'choices' | 'misconceptions' | 'keyPoints' | 'sides'>;

/** Checks across an entry's fields, shared by the bank and packs. */
export function refineEntry(q: EntryForChecks, ctx: z.RefinementCtx): void {
  {
    const all = [q.choices.correct, ...q.choices.distractors].map((c) => c.toLowerCase());
    if (new Set(all).size !== all.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'the four choices must be distinct' });
    }
    if (q.sides) checkSides(q.sides, q.keyPoints, ctx);
    q.misconceptions.forEach((m, i) => {
      if (m.keyPoint > q.keyPoints.length) {
        ctx.addIssue({ code: 'custom', path: ['misconceptions', i, 'keyPoint'], message: `must name one of the ${q.keyPoints.length} key points (1-${q.keyPoints.length})` });
      }
    });
  }
}

/** Every name says something, no name belongs to two sides, and some key point is about one side. */
function checkSides(sides: readonly (readonly string[])[], keyPoints: readonly KeyPoint[], ctx: z.RefinementCtx): void {
  const owner = new Map<string, number>();
  sides.forEach((names, side) =>
    names.forEach((name, j) => {
      const key = stemmedPhrase(name).join(' ');
      if (key === '') ctx.addIssue({ code: 'custom', path: ['sides', side, j], message: `"${name}" has no content word to find in an answer` });
      else if (owner.has(key) && owner.get(key) !== side) ctx.addIssue({ code: 'custom', path: ['sides', side, j], message: `"${name}" names two sides` });
      else owner.set(key, side);
    }),
  );
  if (!keyPointSides(keyPoints, sides).some((s) => s !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['sides'], message: 'no key point names exactly one side, so the sides change nothing: name a side in the key points it is about, or drop sides' });
  }
}

export const questionSchema = z.object(questionShape).strict().superRefine(refineEntry);

export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Misconception = z.infer<typeof misconceptionSchema>;
/** A bank entry, or a pack's entry whose topic may be the pack's name (its id is then `pack/id`). */
export type Question = Omit<z.infer<typeof questionSchema>, 'topic'> & { topic: string };

/** The label of a topic: the bank's title, else the topic's own name (a pack). */
export const topicLabel = (topic: string): string => (isTopic(topic) ? TOPICS[topic] : topic);

export const questionFileSchema = z.array(z.unknown()).min(1, 'a topic file needs at least one question');
