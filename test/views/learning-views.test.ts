import { describe, expect, it } from 'vitest';
import type { LearningOverview } from '../../src/core/learning/learning-service.js';
import { memoryFields, practiceReason, reviewReply } from '../../src/views/learning-views.js';

const DAY = 86_400_000;
const slash = (c: string) => `/${c}`;
const overview = (over: Partial<LearningOverview>): LearningOverview => ({ dueToday: 0, dueThisWeek: 0, retention: { reviews: 0, recalled: 0 }, topics: {}, ...over });

describe('learning views', () => {
  it('say why practice chose a card', () => {
    const now = 10 * DAY;
    expect(practiceReason({ kind: 'review', lastSeen: now - 6 * DAY - 5, due: now - DAY }, now)).toBe('Review: last seen 6 days ago');
    expect(practiceReason({ kind: 'review', lastSeen: now - DAY, due: now }, now)).toBe('Review: last seen yesterday');
    expect(practiceReason({ kind: 'review', lastSeen: now - 3_600_000, due: now }, now)).toBe('Review: last seen earlier today');
    expect(practiceReason({ kind: 'new', why: 'weakest', topic: 'sequence', accuracy: 0.414 }, now)).toBe('New: your weakest topic, Sequence and graph models 41%');
    expect(practiceReason({ kind: 'new', why: 'least-practised', topic: 'llm' }, now)).toBe('New: a topic you have practised least, Large language models');
    expect(practiceReason({ kind: 'ahead', lastSeen: 0, due: now + 3 * DAY }, now)).toContain('due in 3 days');
  });

  it('review counts what is due and always offers a start button', () => {
    const due = reviewReply(overview({ dueToday: 3, dueThisWeek: 7, retention: { reviews: 10, recalled: 9 } }), slash);
    expect(due.text).toBe('3 cards due today, 7 this week. Reviews come first, most overdue first.');
    expect(due.fields).toEqual([{ name: 'Retention', value: '90% of 10 reviews recalled', inline: true }]);
    expect(due.buttons?.[0]?.[0]?.label).toBe('Start review');
    const none = reviewReply(overview({}), slash);
    expect(none.text).toContain('/practice');
    expect(none.buttons?.[0]?.[0]?.label).toBe('Practise new cards');
  });

  it('stats gain retention and cards learned per topic, nothing for a member without cards', () => {
    expect(memoryFields(overview({}))).toEqual([]);
    const fields = memoryFields(overview({ retention: { reviews: 4, recalled: 3 }, topics: { cnn: { cards: 5, learned: 2, recentAnswered: 1, recentCorrect: 1 } } }));
    expect(fields.map((f) => f.value)).toEqual(['75% of 4 reviews recalled', 'CNNs and computer vision: 2 of 5']);
  });
});
