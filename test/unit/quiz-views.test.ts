import { describe, expect, it } from 'vitest';
import { RubricGrader, SCORING } from '../../src/core/grading/rubric.js';
import type { PresentedQuiz } from '../../src/core/quiz/quiz-service.js';
import { gradeFields, quizCard, stemFor } from '../../src/views/quiz-views.js';
import { aComparison, aQuestion } from '../support/builders.js';

const q = aQuestion({ prompt: 'Describe how backpropagation works.', choicePrompt: 'Which statement about backpropagation is correct?' });

describe('quiz views', () => {
  it('asks the choice stem in choice mode and the open prompt otherwise', () => {
    expect(stemFor(q, 'choice')).toBe('Which statement about backpropagation is correct?');
    expect(stemFor(q, 'open')).toBe('Describe how backpropagation works.');
    expect(stemFor(aQuestion(), 'choice')).toBe(aQuestion().prompt);
    const quiz: PresentedQuiz = {
      question: q,
      options: [q.choices.correct, ...q.choices.distractors],
      delivery: { id: 'd1', questionId: q.id, mode: 'choice', ownerId: 'u1', order: [0, 1, 2, 3], createdAt: 0, expiresAt: 1 },
    };
    const card = quizCard(quiz);
    expect(card.type === 'message' && card.text).toMatch(/^Which statement about backpropagation is correct\?/);
  });

  it('shows covered, missed and each misconception with the member\'s own words and the correction', async () => {
    // As in a long answer (a short one gets full credit for a point stated once, SCORING.conciseWords).
    const grade = await new RubricGrader([q], { ...SCORING, conciseWords: 0 }).grade(q, 'You get the gradient of the loss by finite differences.');
    const fields = gradeFields(grade);
    // The gradient point is named once: half its credit, and the member is told so.
    expect(fields.map((f) => f.name)).toEqual(['Covered (0)', 'Named, not explained (1)', 'Missed (2)', 'Misconceptions (1)']);
    expect(fields[1]!.value).toBe('◐ Computes the gradient of the loss');
    expect(fields[3]!.value).toBe('❌ **Backpropagation estimates gradients by finite differences.** You wrote “finite differences”. It computes exact gradients with the chain rule.');
  });

  it('says which side a claim said of the wrong one holds for', async () => {
    const norms = aComparison();
    const grade = await new RubricGrader([norms]).grade(norms, 'Batch norm is the standard in transformers, and both learn a scale and shift.');
    const fields = gradeFields(grade);
    expect(fields.map((f) => f.name)).toEqual(['Covered (0)', 'Named, not explained (1)', 'Missed (2)', 'Said of the wrong one (1)']);
    expect(fields[3]!.value).toBe('🔁 You wrote “Batch norm is the standard in transformers”: that holds for LayerNorm, not Batch norm. **LayerNorm is the standard in transformers.**');
  });
});
