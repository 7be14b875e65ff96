import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../support/fake-slack/member.js';
import { APP_TOKEN, correctChoice, startAdapter, startHarness, TEAM, type Harness } from './harness.js';

describe('Slack Socket Mode round trip', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socket: true });
  });
  afterAll(async () => h.stop());

  it('connects with the app token through SLACK_API_URL and serves health on its own port', async () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
    expect(h.fake.socketCount).toBe(1);
    expect((await fetch(`http://127.0.0.1:${h.service.port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${h.service.port}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('a slash command is acked over the socket with its reply; a button and App Home work too', async () => {
    const sam = h.member('USAM');
    const { acked } = await sam.slash('quiz cnn');
    expect(acked.body).toMatchObject({ response_type: 'ephemeral' });
    const card = await sam.run('quiz fundamentals beginner');
    expect(buttonsOf(card.blocks).map((b) => b.text)).toEqual(['1', '2', '3', '4', 'Hint']);
    const result = await sam.press(card, await correctChoice(h.app, TEAM, card.blocks));
    expect(result.body['replace_original']).toBe(true);
    expect(result.text).toContain('Correct!');

    expect((await sam.openHome('EvSock1')).status).toBe(200);
    expect((await sam.home()).text).toContain('Streak: 1 day');
    // retry_attempt over the socket is deduplicated like X-Slack-Retry-Num over HTTP.
    await sam.openHome('EvSock1', 1);
    await h.fake.waitFor(() => h.logger.lines.find((l) => l.msg === 'ignored a repeated Slack event'), 'the retry to be dropped');
    await sam.openHome('EvSock2');
    await sam.home(1);
    expect(h.fake.callsTo('views.publish')).toHaveLength(2);
  });

  it('stop() closes the socket', async () => {
    const extra = await startAdapter({ app: h.app, fake: h.fake, socket: true });
    await h.fake.waitFor(() => (h.fake.socketCount === 2 ? true : undefined), 'a second connection');
    await extra.service.stop();
    await h.fake.waitFor(() => (h.fake.socketCount === 1 ? true : undefined), 'the connection to close');
  });
});
