import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNAVAILABLE_TEXT } from '../../../src/views/errors.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { makeTestApp } from '../../support/app.js';
import { blockActionsBody, slashCommandBody } from '../../support/fake-slack/payloads.js';
import { HttpTransport } from '../../support/fake-slack/transport.js';
import { correctChoice, startHarness, TEAM, type Harness } from './harness.js';
import { outageStore, type OutageSwitch } from './outage-store.js';

const community = { platform: 'slack' as const, id: TEAM };
const user = (userId: string) => ({ community, userId, displayName: userId });

describe('Slack request verification', () => {
  let h: Harness;
  let http: HttpTransport;
  beforeAll(async () => {
    h = await startHarness();
    http = h.transport as HttpTransport;
  });
  afterAll(async () => h.stop());

  const form = (text: string) => new URLSearchParams(slashCommandBody({ teamId: TEAM, userId: 'U1' }, '/prep', text, h.fake.responseUrl(), 't1')).toString();
  const contentType = 'application/x-www-form-urlencoded';

  it('a forged signature gets 401 and changes nothing', async () => {
    const callsBefore = h.fake.calls.length;
    const ts = String(Math.floor(Date.now() / 1000));
    const forged = await http.raw(form('team join Forgers'), contentType, { 'x-slack-signature': `v0=${'0'.repeat(64)}`, 'x-slack-request-timestamp': ts });
    expect(forged.status).toBe(401);
    // Signed with another secret: also refused.
    const other = new HttpTransport(http.url, 'not-the-secret');
    expect((await other.command(slashCommandBody({ teamId: TEAM, userId: 'U1' }, '/prep', 'team join Forgers', h.fake.responseUrl(), 't2'))).status).toBe(401);
    // A forged button press cannot answer a quiz either.
    const card = await h.member('U9').run('quiz cnn');
    const value = (card.blocks.find((b) => b['type'] === 'actions')!['elements'] as { value: string; action_id: string }[])[0]!;
    const click = blockActionsBody({ who: { teamId: TEAM, userId: 'U9' }, actionId: value.action_id, value: value.value, container: { type: 'message', channelId: 'C0GENERAL', messageTs: '1.1', ephemeral: true }, responseUrl: h.fake.responseUrl(), triggerId: 't3' });
    expect((await other.interaction(click)).status).toBe(401);
    expect(await h.app.store.listTeams(community)).toEqual([]);
    expect((await h.app.store.getStats(user('U9'))).answered).toBe(0);
    expect(h.fake.calls.slice(callsBefore).filter((c) => c.args['user'] === 'U1')).toEqual([]);
  });

  it('a stale timestamp (over 5 minutes old) gets 401 even with a valid signature', async () => {
    const stale = await http.signed(form('team join Latecomers'), contentType, {}, Math.floor(Date.now() / 1000) - 6 * 60);
    expect(stale.status).toBe(401);
    expect(await h.app.store.listTeams(community)).toEqual([]);
    // The same request, fresh, goes through: the 401s above were not about the body.
    expect((await http.signed(form('team join Latecomers'), contentType)).status).toBe(200);
    expect((await h.app.store.listTeams(community)).map((t) => t.name)).toEqual(['Latecomers']);
  });

  it('a signed payload=null or JSON null gets 400 from the real Bolt receiver, and the app keeps serving', async () => {
    expect((await http.signed('payload=null', contentType)).status).toBe(400);
    expect((await http.signed('null', 'application/json')).status).toBe(400);
    expect((await http.signed('payload=%5B%5D', contentType)).status).toBe(400);
    expect((await http.signed('{"type":', 'application/json')).status).toBe(400);
    expect((await h.member('UNULL').run('topics')).text).toContain('cnn');
  });

  it('a signed slash command replayed byte for byte is processed once; a timestamp in the future is refused', async () => {
    await h.app.core.teams.leave(user('U1'));
    const body = form('team join Replayers');
    const ts = Math.floor(Date.now() / 1000);
    expect((await http.signed(body, contentType, {}, ts)).status).toBe(200);
    expect((await h.app.core.teams.teamOf(user('U1')))?.name).toBe('Replayers');
    await h.app.core.teams.leave(user('U1'));
    expect((await http.signed(body, contentType, {}, ts)).status).toBe(200);
    await h.fake.waitFor(() => h.logger.lines.find((l) => l.msg === 'ignored a replayed Slack request'), 'the replay to be dropped');
    expect(await h.app.core.teams.teamOf(user('U1'))).toBeNull();
    const future = await http.signed(form('team join Timetravellers'), contentType, {}, ts + 86_400);
    expect(future.status).toBe(401);
    expect((await h.app.store.listTeams(community)).map((t) => t.name)).not.toContain('Timetravellers');
  });

  it('an Events API retry (X-Slack-Retry-Num) of a handled event is not processed twice', async () => {
    const eve = h.member('UEVE');
    expect((await eve.openHome('Ev0001')).status).toBe(200);
    await eve.home(0);
    expect((await eve.openHome('Ev0001', 1)).status).toBe(200);
    await h.fake.waitFor(() => h.logger.lines.find((l) => l.msg === 'ignored a repeated Slack event' && l.data?.['eventId'] === 'Ev0001'), 'the retry to be dropped');
    // A new event is handled; a retry of an event never seen (the first copy was lost) is too.
    await eve.openHome('Ev0002');
    await eve.home(1);
    await eve.openHome('Ev0003', 2);
    await eve.home(2);
    expect(h.fake.callsTo('views.publish').filter((c) => c.args['user_id'] === 'UEVE')).toHaveLength(3);
  });
});

describe('Slack escaping: nobody can ping through bot output', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.users.set('UMAL', { id: 'UMAL', displayName: '<!here> Mallory' });
  });
  afterAll(async () => h.stop());

  it('team names and display names with <!channel>, <!here>, <@U…> come out escaped', async () => {
    const mal = h.member('UMAL');
    const bodies: unknown[] = [];
    // As typed with "escape channels, users and links" on, @channel arrives as <!channel>…
    const refused = await mal.run('team join <!channel> & <@U0BOSS>');
    bodies.push(refused.body);
    // The core refuses the name, and the refusal that quotes it is escaped.
    expect(refused.text).toContain('"&lt;!channel&gt; &amp; &lt;@U0BOSS&gt;" is not a valid team name');
    // …and typed angle brackets arrive as entities.
    const typed = await h.member('UTRUDY').run('team join &lt;!here&gt; crew');
    bodies.push(typed.body);
    expect(typed.text).toContain('"&lt;!here&gt; crew" is not a valid team name');
    const unknown = await mal.run('team list <!channel> & <@U0BOSS>');
    bodies.push(unknown.body);
    expect(unknown.text).toContain('There is no team called "&lt;!channel&gt; &amp; &lt;@U0BOSS&gt;"');
    bodies.push((await mal.run('quiz <!here>')).body);
    expect(await h.app.store.listTeams(community)).toEqual([]);

    // A name that reached the store some other way (an older version, another tool) is escaped too.
    await h.app.store.joinTeam(user('ULEGACY'), 'channel-fans', '<!channel> Fans <@U0BOSS>');
    const legacy = await mal.run('team list');
    bodies.push(legacy.body);
    expect(legacy.text).toContain('*&lt;!channel&gt; Fans &lt;@U0BOSS&gt;* — 1 member');

    // Display names come from users.info and are stored as they are; only the output is escaped.
    bodies.push((await mal.run('team join Night Owls')).body);
    const card = await mal.run('quiz cnn');
    bodies.push((await mal.press(card, await correctChoice(h.app, TEAM, card.blocks))).body);
    const board = await mal.run('leaderboard');
    bodies.push(board.body);
    expect(board.text).toContain('&lt;!here&gt; Mallory');
    bodies.push((await mal.run('leaderboard all teams')).body);
    const members = await mal.run('team list Night Owls');
    bodies.push(members.body);
    expect(members.text).toContain('• &lt;!here&gt; Mallory');
    await mal.openHome('EvInject');
    bodies.push((await mal.home()).body);
    expect(await h.app.store.getDisplayName(community, 'UMAL')).toBe('<!here> Mallory');
    const everything = JSON.stringify([bodies, h.fake.responses.map((r) => r.body), h.fake.calls.map((c) => c.args)]);
    expect(everything).toContain('&lt;!here&gt;');
    expect(everything).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<!everyone>/);
  });
});

describe('Slack acknowledgements when the store is slow or down', () => {
  let h: Harness;
  let sw: OutageSwitch;
  beforeAll(async () => {
    sw = outageStore(await MemoryStore.open({ clock: { now: () => Date.now() } }));
    h = await startHarness({ app: await makeTestApp({ store: sw.store }), ackDeadlineMs: 300, slowNoticeMs: 300 });
  });
  afterEach(() => sw.up());
  afterAll(async () => h.stop());

  it('store down: commands, buttons and App Home answer at once with "try again"', async () => {
    const ann = h.member('UANN');
    const card = await ann.run('quiz cnn');
    sw.down();
    for (const cmd of ['streak', 'quiz cnn', 'team join Nope']) {
      const { acked } = await ann.slash(cmd);
      expect(acked.status).toBe(200);
      expect(JSON.stringify(acked.body)).toContain(UNAVAILABLE_TEXT.slice(0, 40));
    }
    const pressed = await ann.press(card, '1');
    expect(pressed.text).toContain(UNAVAILABLE_TEXT.slice(0, 40));
    await ann.openHome('EvDown');
    expect((await ann.home()).text).toContain(UNAVAILABLE_TEXT.slice(0, 40));
    sw.up();
    expect(await h.app.store.listTeams(community)).toEqual([]);
    expect((await h.app.store.getStats(user('UANN'))).answered).toBe(0);
    // Back up: the same card still works.
    expect((await ann.press(card, await correctChoice(h.app, TEAM, card.blocks))).text).toContain('Correct!');
  });

  it('store slow: the command is acknowledged before the store answers, told it is slow, and answered after', async () => {
    const bo = h.member('UBO');
    const release = sw.hold();
    const { acked, responseUrl } = await bo.slash('team join Slowpokes');
    // The store has not answered anything yet, and Slack already has its 200.
    expect(acked).toEqual({ status: 200, body: null });
    const notice = await h.fake.waitForResponse(responseUrl, 0);
    expect(notice.body['response_type']).toBe('ephemeral');
    expect(JSON.stringify(notice.body['blocks'])).toContain('please try again in a minute');
    release();
    const reply = await h.fake.waitForResponse(responseUrl, 1);
    expect(reply.body['response_type']).toBe('in_channel');
    expect(JSON.stringify(reply.body['blocks'])).toContain('You created team *Slowpokes*');
  });

  it('store slow on a button: acked at once, the card is replaced when the store answers', async () => {
    const cat = h.member('UCAT');
    const card = await cat.run('quiz cnn');
    const correct = await correctChoice(h.app, TEAM, card.blocks);
    const release = sw.hold();
    const click = await cat.click(card, correct);
    expect(click.acked).toEqual({ status: 200, body: null });
    expect(JSON.stringify((await h.fake.waitForResponse(click.responseUrl!, 0)).body)).toContain('Still working');
    release();
    const result = await h.fake.waitForResponse(click.responseUrl!, 1);
    expect(result.body['replace_original']).toBe(true);
    expect(JSON.stringify(result.body['blocks'])).toContain('Correct!');
  });
});
