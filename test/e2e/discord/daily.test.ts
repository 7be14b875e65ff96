import { beforeAll, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { buttonLabels, isEphemeral, text } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

/** The admin daily command through Discord: the poster checks channels and posts with the bot's REST client. */
let fake: FakeDiscord;

const world = useBotWorld();
beforeAll(() => ({ fake } = world));

it('an admin sets up a daily question; a channel the bot cannot post in is refused with what to fix', async () => {
  const admin = fake.member('Ada', { admin: true });
  const refused = await fake.slash(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'UTC', channel: fake.locked.id } }).response();
  expect(isEphemeral(refused.message)).toBe(true);
  expect(text(refused.message)).toContain('Send Messages');

  const member = await fake.slash(fake.member('Mo'), 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'UTC' } }).response();
  expect(text(member.message)).toContain('Only server admins (Manage Server)');

  const setUp = await fake.slash(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'UTC' } }).response();
  expect(text(setUp.message)).toContain('Daily question set up');

  const posted = await fake.slash(admin, 'daily', { subcommand: 'now' }).response();
  expect(isEphemeral(posted.message)).toBe(true);
  expect(text(posted.message)).toContain("Today's question is posted.");
  const post = fake.rest.requests.find((r) => r.method === 'POST' && r.path === `/channels/${fake.general.id}/messages`);
  expect(post?.status).toBe(200);
  const daily = [...fake.state.messages.values()].find((m) => m.channel_id === fake.general.id && !m.webhook_id);
  expect(text(daily)).toContain('one answer per member');
  expect(buttonLabels(daily).length).toBeGreaterThan(0);

  const answer = await fake.click(fake.member('Nia'), daily, buttonLabels(daily)[0]!).response();
  expect(isEphemeral(answer.message)).toBe(true);
  expect(text(answer.message)).toContain('Answer recorded');
});
