import { describe, expect, it } from 'vitest';
import { gradeAgainstRubric } from '../../src/core/grading/rubric.js';
import { StemmedText, stemTokens } from '../../src/core/grading/text-match.js';

describe('grading', () => {
  it('stems and drops stopwords on both sides', () => {
    expect(stemTokens('The Gradients of the losses')).toEqual(stemTokens('gradient loss'));
    const t = new StemmedText('We compute the sum of the squares of residuals.');
    expect(t.hasPhrase('sum of squares')).toBe(true);
    expect(t.hasPhrase('squares sum')).toBe(false);
    expect(t.hasPhrase('')).toBe(false);
  });

  it('matches phrases word by word, not inside other words', () => {
    const t = new StemmedText('Dropout randomly zeroes activations; it is not a pooling trick.');
    expect(t.hasPhrase('dropout')).toBe(true);
    expect(t.hasPhrase('drop')).toBe(false);
    expect(t.hasPhrase('zeroing activations')).toBe(true);
  });

  it('scores the share of key points any of whose synonyms appear', () => {
    const rubric = [
      { point: 'chain rule', keywords: ['chain rule'] },
      { point: 'reuses intermediate values', keywords: ['cached activations', 'reuse intermediate results'] },
      { point: 'reverse mode', keywords: ['reverse mode', 'backward pass'] },
    ];
    expect(gradeAgainstRubric('Apply the chain rule in a backward pass.', rubric)).toMatchObject({ score: 67 });
    const r = gradeAgainstRubric('Chain rule, reusing intermediate results, in reverse-mode.', rubric);
    expect(r.score).toBe(100);
    expect(gradeAgainstRubric('No idea, something with databases.', rubric)).toMatchObject({ score: 0, covered: [] });
  });
});
