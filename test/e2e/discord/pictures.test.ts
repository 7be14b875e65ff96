import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/bootstrap.js';
import { localDay } from '../../../src/core/calendar.js';
import { FakeDiscord, type Actor } from '../../support/fake-discord/index.js';
import { readPngHeader } from '../../support/png.js';
import { embed, text, userRef } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

let fake: FakeDiscord;
let app: App;
const world = useBotWorld();
beforeAll(() => ({ fake, app } = world));

/** A member who answered `n` questions today, through the quiz use case. */
async function answered(actor: Actor, n: number): Promise<void> {
  const user = userRef(fake, actor);
  for (let i = 0; i < n; i++) {
    const quiz = await app.core.quiz.start({ user, mode: 'choice' });
    if (!quiz.ok) throw new Error(quiz.code);
    const answer = await app.core.quiz.answerChoice(user, quiz.value.delivery.id, i % 4);
    if (!answer.ok) throw new Error(answer.code);
  }
}

const uploads = (path: RegExp) => fake.rest.requests.filter((r) => path.test(r.path) && r.files.length > 0);

describe('pictures on Discord', () => {
  it('/stats answers with its text and the picture as a multipart upload shown in the embed', async () => {
    const carol = fake.member('Carol');
    await answered(carol, 3);
    const before = uploads(/callback|webhooks/).length;
    const h = await fake.slash(carol, 'stats').response();
    expect(text(h.message)).toContain('Answered\n3');
    const [upload] = uploads(/callback|webhooks/).slice(before);
    expect(upload?.files).toHaveLength(1);
    const file = upload!.files[0]!;
    expect(file).toMatchObject({ field: 'files[0]', filename: 'stats.png', contentType: 'image/png' });
    expect(readPngHeader(file.data).width).toBe(800);
    expect(file.data.length).toBeLessThan(200 * 1024);
    // Discord keeps it with the message, described (alt text), and the embed shows it.
    expect(h.message?.attachments).toMatchObject([{ filename: 'stats.png', size: file.data.length, content_type: 'image/png', description: expect.stringContaining('Activity: 3 answers') }]);
    expect(embed(h.message).image).toEqual({ url: 'attachment://stats.png' });
    // The day was counted: today's cell is lit in the member's record.
    const today = localDay(Date.now(), 'UTC');
    expect(await app.store.getActivity(userRef(fake, carol), today, today)).toEqual(new Map([[today, 3]]));
  });

  it('/stats for a member with no answers has no picture', async () => {
    const dan = fake.member('Dan');
    const h = await fake.slash(dan, 'stats').response();
    expect(text(h.message)).toContain('No answers yet');
    expect(h.message?.attachments ?? []).toEqual([]);
    expect(embed(h.message).image).toBeUndefined();
  });

  it('/leaderboard image:true attaches the top-10 card; without it, text only', async () => {
    const erin = fake.member('Erin <@everyone>');
    await answered(erin, 2);
    const plain = await fake.slash(erin, 'leaderboard').response();
    expect(plain.message?.attachments ?? []).toEqual([]);
    const h = await fake.slash(erin, 'leaderboard', { options: { image: true } }).response();
    expect(h.message?.attachments).toMatchObject([{ filename: 'leaderboard.png', content_type: 'image/png' }]);
    expect(embed(h.message).image).toEqual({ url: 'attachment://leaderboard.png' });
    const [upload] = uploads(/callback|webhooks/).slice(-1);
    expect(readPngHeader(upload!.files[0]!.data).width).toBe(800);
  });

  it('a page button replaces the board with the next page\'s text and drops the card it no longer matches', async () => {
    // Eleven members on the board: two pages.
    for (let i = 0; i < 11; i++) await answered(fake.member(`Pager ${i}`), 1);
    const first = await fake.slash(fake.member('Pager 0'), 'leaderboard', { options: { image: true } }).response();
    expect(first.message?.attachments).toHaveLength(1);
    const next = await fake.click(fake.member('Pager 0'), first.message, 'Next ▶').response();
    const page2 = await next.waitFor((h) => (h.original?.embeds[0]?.footer?.text ?? '').startsWith('Page 2'), 'page 2');
    expect(page2.original?.attachments).toEqual([]);
    expect(embed(page2.original).image).toBeUndefined();
  });
});
