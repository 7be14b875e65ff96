import type { Question } from '../../src/core/bank/schema.js';
import { QuestionBank } from '../../src/core/bank/question-bank.js';
import type { Community, UserRef } from '../../src/core/identity.js';
import type { Clock, Random } from '../../src/core/ports.js';

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(isoOrMs: string | number): void {
    this.ms = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Deterministic randomness (mulberry32) with sequential ids. */
export function seededRandom(seed = 42): Random {
  let a = seed >>> 0;
  let n = 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    id: () => `d${(++n).toString(36)}`,
  };
}

export const aCommunity = (id = 'guild-1', platform: Community['platform'] = 'discord'): Community => ({ platform, id });

export const aUser = (userId = 'u1', community: Community = aCommunity()): UserRef => ({ community, userId, displayName: `User ${userId}` });

/** A complete, valid question; override what a test cares about. */
/**
 * The sample entry's model answer: each key point stated at two places, as a full answer does (a
 * point named once earns half its credit), so it scores 100 against its own rubric.
 */
export const FIXTURE_MODEL_ANSWER =
  'It applies the chain rule to get the gradient of the loss for every weight in one backward pass: in reverse mode the chain rule runs layer by layer, so that single backward pass gives the derivative of the loss for all of them.';

export function aQuestion(overrides: Partial<Question> = {}): Question {
  const id = overrides.id ?? 'sample-question';
  return {
    id,
    topic: 'fundamentals',
    difficulty: 'intermediate',
    prompt: `Explain the idea behind ${id}.`,
    answer: FIXTURE_MODEL_ANSWER,
    keyPoints: [
      { point: 'Uses the chain rule', keywords: ['chain rule'] },
      { point: 'Computes the gradient of the loss', keywords: ['gradient of the loss', 'derivative of the loss'] },
      { point: 'One backward pass', keywords: ['backward pass', 'reverse mode'] },
    ],
    choices: { correct: 'The chain rule, backwards', distractors: ['Finite differences', 'Random search', 'Label copying'] },
    misconceptions: [
      { statement: 'Backpropagation estimates gradients by finite differences.', correction: 'It computes exact gradients with the chain rule.', evidence: [['finite differences']], keyPoint: 1 },
      { statement: 'Backpropagation needs one backward pass per weight.', correction: 'One backward pass gives the gradient for every weight.', evidence: [['backward pass', 'per weight']], keyPoint: 3 },
    ],
    explanation: 'It is reverse-mode differentiation.',
    hint: 'Think calculus.',
    tags: ['test'],
    covers: [],
    ...overrides,
  };
}

/** A comparison entry with `sides`: two key points about one side each, one about both. */
export function aComparison(overrides: Partial<Question> = {}): Question {
  return aQuestion({
    id: 'norms',
    prompt: 'How do batch normalization and layer normalization differ?',
    keyPoints: [
      { point: 'BatchNorm keeps running statistics for inference.', keywords: ['running statistics'] },
      { point: 'LayerNorm is the standard in transformers.', keywords: ['transformers'] },
      { point: 'Both learn a scale and shift.', keywords: ['scale and shift'] },
    ],
    sides: [
      ['BatchNorm', 'batch norm'],
      ['LayerNorm', 'layer norm'],
    ],
    ...overrides,
  });
}

export function aBank(questions: Question[] = [aQuestion()]): QuestionBank {
  return new QuestionBank(questions);
}
