import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../support/app.js';
import { FixedClock } from '../../support/builders.js';
import { buttonsOf, visibleText, type SlackMessage } from '../../support/fake-slack/member.js';
import { correctChoice, startHarness, TEAM, type Harness } from '../slack/harness.js';

const community = { platform: 'slack' as const, id: TEAM };

describe('daily questions on Slack, through the real Bolt app', () => {
  let h: Harness;
  const clock = new FixedClock(Date.parse('2026-11-23T07:00:00Z')); // 08:00 in Berlin
  beforeAll(async () => {
    h = await startHarness({ app: await makeTestApp({ clock }) });
    h.fake.users.set('UADMIN', { id: 'UADMIN', displayName: 'Admin', isAdmin: true });
    h.fake.users.set('UANA', { id: 'UANA', displayName: 'ana <!channel>' });
    h.fake.users.set('UBEN', { id: 'UBEN', displayName: 'ben' });
    h.fake.channels.set('C0GENERAL', { isMember: true });
    h.fake.channels.set('C0SECRET', { isMember: false });
  });
  afterAll(async () => h.stop());

  it('refuses non-admins, bad input and channels the bot is not in, storing nothing', async () => {
    expect((await h.member('UBEN').run('daily setup 09:00 Europe/Berlin')).text).toMatch(/Only .*admins/);
    expect((await h.member('UADMIN').run('daily setup 09:00 Mars/Base')).text).toContain('is not a known time zone');
    expect((await h.member('UADMIN').run('daily setup 9am Europe/Berlin')).text).toContain('Use HH:MM');
    expect((await h.member('UADMIN', { channelId: 'C0SECRET' }).run('daily setup 09:00 Europe/Berlin')).text).toMatch(/invite/i);
    expect(await h.app.store.allSchedules()).toEqual([]);
  });

  it('posts at 09:00 Berlin, acknowledges answers privately, and reveals with the results', async () => {
    const setup = await h.member('UADMIN').run('daily setup 09:00 Europe/Berlin');
    expect(setup.text).toContain('Daily question set up');
    const posters = new Map([['slack' as const, h.service.poster]]);
    expect(await h.app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });

    clock.set('2026-11-23T08:00:20Z');
    expect(await h.app.core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
    const post = await h.fake.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'C0GENERAL');
    const card: SlackMessage = {
      blocks: post.args['blocks'] as Record<string, unknown>[],
      place: { kind: 'message', channelId: 'C0GENERAL', ts: String(post.result['ts']) },
      text: visibleText(post.args['blocks']),
      body: post.args,
    };
    expect(card.text).toContain('Daily question');
    expect(buttonsOf(card.blocks).filter((b) => /^[1-4]$/.test(b.text))).toHaveLength(4);

    const right = await correctChoice(h.app, TEAM, card.blocks);
    const ana = await h.member('UANA').press(card, right);
    expect(ana.place.kind).toBe('ephemeral');
    expect(ana.text).toMatch(/Recorded — the answer is revealed at 17:00 CET/);
    // The same button again shows what was recorded; another one is "already answered".
    expect((await h.member('UANA').press(card, right)).text).toMatch(/Recorded — the answer is revealed at 17:00 CET/);
    const again = await h.member('UANA').press(card, right === '1' ? '2' : '1');
    expect(again.text).toMatch(/already answered/i);
    await h.member('UBEN').press(card, right === '1' ? '2' : '1');
    expect((await h.app.store.getStats({ community, userId: 'UANA', displayName: '' })).points).toBe(20);

    clock.set('2026-11-23T16:00:20Z');
    expect(await h.app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 1 });
    const update = await h.fake.waitForCall('chat.update', (c) => c.args['ts'] === post.result['ts']);
    const revealed = visibleText(update.args['blocks']);
    expect(revealed).toContain('2 members answered, 50% correct. First correct: ana &lt;!channel&gt;.');
    expect(revealed).not.toContain('<!channel>');
    expect(buttonsOf(update.args['blocks'])).toEqual([]);
  });
});
