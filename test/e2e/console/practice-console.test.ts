import { PassThrough, Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/index.js';
import type { ChannelPoster } from '../../../src/core/channel-poster.js';
import { makeTestApp } from '../../support/app.js';
import { FixedClock } from '../../support/builders.js';
import { ListReviewQueue } from '../../support/review-queue.js';

/** A mock interview and a reminder typed at the console, in process (the adapter over a stream). */
it('console: an interview answered by typing, its report, and a reminder printed as the direct message', async () => {
  const clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
  const queue = new ListReviewQueue();
  const app = await makeTestApp({ clock, answerObserver: queue, dueCards: queue });
  const lines = [
    '/interview start length:3',
    'It applies the chain rule to get the gradient of the loss for every weight in one backward pass.',
    '/interview status',
    'I do not know.',
    'Gradients, probably.',
    '/remind on 06:30',
  ];
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const adapter = createConsoleAdapter({ input: Readable.from(lines.map((l) => `${l}\n`)), output, userName: 'ann' }, app);
  await adapter.start();
  await adapter.finished;
  const flat = printed.replace(/\s+/g, ' ');
  expect(flat).toContain('Question 1 of 3');
  expect(flat).toMatch(/Question 1 of 3: \*?\*?\d+\/100/);
  expect(flat).toContain('Question 2 of 3 is next; 1 answer so far');
  expect(flat).toMatch(/mock interview · report/i);
  expect(flat).toContain('Added to your reviews: 3 questions');
  expect(flat).toMatch(/Missed \(3\)\W* ▫️ Uses the chain rule/);
  expect(flat).toContain('06:30');
  // Two missed answers are due again ten minutes later: the reminder at 06:30 names them.
  clock.set('2026-12-01T06:30:00Z');
  printed = '';
  expect(await app.core.reminders.runDue(new Map<string, ChannelPoster>([['console', adapter.poster]]))).toEqual({ sent: 1, skipped: 0 });
  expect(printed.replace(/\s+/g, ' ')).toContain('PRACTICE REMINDER You have 2 reviews due today.');
});
