import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../../../src/adapters/slack/manifest.js';
import { commands } from '../../../commands/index.js';
import { readPngHeader } from '../../support/png.js';
import { correctChoice, startHarness, TEAM, type Harness } from './harness.js';

/** The real Bolt app against the fake Slack: pictures go up with files.uploadV2's three steps. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // One answer each for U1 and U2, so both have stats with a picture.
  for (const user of ['U1', 'U2']) {
    const m = h.member(user);
    const card = await m.run('quiz fundamentals beginner choice');
    await m.press(card, await correctChoice(h.app, TEAM, card.blocks));
  }
});
afterAll(async () => h.stop());

const waitForShared = (channel: string, n: number) => h.fake.waitFor(() => (h.fake.sharedFiles(channel).length >= n ? h.fake.sharedFiles(channel) : undefined), `${n} file(s) shared in ${channel}`);

describe('pictures on Slack', () => {
  it('stats posts its text, then uploads the picture to the channel (getUploadURLExternal, upload, completeUploadExternal)', async () => {
    const stats = await h.member('U1', { channelId: 'C0STATS' }).run('stats');
    expect(stats.text).toContain('Neural network fundamentals: 100% of 1');
    const [file] = await waitForShared('C0STATS', 1);
    const [step1] = h.fake.callsTo('files.getUploadURLExternal');
    expect(step1?.args).toMatchObject({ filename: 'stats.png', length: String(file!.data!.length), alt_text: expect.stringContaining('Activity: 1 answer') });
    expect(h.fake.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: 'C0STATS', files: [{ id: file!.id, title: 'Your stats' }] });
    expect(readPngHeader(file!.data!)).toMatchObject({ width: 800 });
    expect(file!.data!.length).toBeLessThan(200 * 1024);
  });

  it('without the files:write scope, stats is its text alone and the operator is told the fix', async () => {
    h.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    const shared = h.fake.sharedFiles().length;
    const stats = await h.member('U2', { channelId: 'C0NOSCOPE' }).run('stats');
    expect(stats.text).toContain('Answered');
    await h.fake.waitFor(() => h.logger.lines.find((l) => l.msg.includes('files:write')), 'the missing-scope warning');
    expect(h.fake.callsTo('files.getUploadURLExternal').at(-1)).toMatchObject({ ok: false, error: 'missing_scope' });
    expect(h.fake.callsTo('files.completeUploadExternal').filter((c) => c.args['channel_id'] === 'C0NOSCOPE')).toEqual([]);
    expect(h.fake.sharedFiles()).toHaveLength(shared);
  });

  it('leaderboard image:true uploads the card; a plain leaderboard uploads nothing', async () => {
    await h.member('U1', { channelId: 'C0BOARD' }).run('leaderboard');
    const card = await h.member('U1', { channelId: 'C0BOARD' }).run('leaderboard image:true');
    expect(card.text).toContain('Leaderboard');
    const files = await waitForShared('C0BOARD', 1);
    expect(files.map((f) => f.filename)).toEqual(['leaderboard.png']);
    // The plain run, answered first, asked for no upload URL.
    expect(h.fake.callsTo('files.getUploadURLExternal').filter((c) => c.args['filename'] === 'leaderboard.png')).toHaveLength(1);
    expect(readPngHeader(files[0]!.data!).width).toBe(800);
  });

  it('the manifest asks for files:write', () => {
    const manifest = buildManifest(commands, { socketMode: true, command: 'prep' }) as { oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.oauth_config.scopes.bot).toContain('files:write');
  });
});
