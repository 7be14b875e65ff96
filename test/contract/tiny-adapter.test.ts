import { expect, it } from 'vitest';
import { makeTestApp } from '../support/app.js';
import { createTinyAdapter, renderTiny, TINY_LIMITS, tinyActions } from '../support/tiny-platform.js';
import { runAdapterContract } from './adapter-contract.js';

/** The seam itself: a platform written in a test file, with a 64-byte action limit, keeps the same contract. */
runAdapterContract({
  platform: 'tiny',
  cmd: (c) => `!${c}`,
  codec: tinyActions,
  render: renderTiny,
  limitProblems: (m) => [
    ...(m.text.length > TINY_LIMITS.text ? ['text too long'] : []),
    ...m.buttons.flatMap((b) => [...(b.label.length > TINY_LIMITS.label ? [`label ${b.label}`] : []), ...(Buffer.byteLength(b.id) > TINY_LIMITS.actionBytes ? [`id ${b.id}`] : [])]),
  ],
  visibleText: (m) => [m.text, ...m.buttons.map((b) => b.label)],
  pingProblems: () => [],
  create: (app) => createTinyAdapter({}, app),
});

it('runs daily questions on a platform the core has never heard of', async () => {
  const app = await makeTestApp();
  const tiny = createTinyAdapter({}, app);
  const community = { platform: 'tiny', id: 'room-1' };
  const setup = await app.core.daily.setup({ community, channelId: 'lobby', adminId: 'admin', time: '00:00', timeZone: 'UTC' }, tiny.poster);
  expect(setup.ok).toBe(true);
  expect(await app.core.daily.postNow(community, 'lobby', tiny.poster)).toMatchObject({ ok: true });
  const [post] = tiny.poster.posts;
  expect(post?.message.buttons.map((b) => tinyActions.decode(b.id)?.name)).toContain('quiz.choice');
});
