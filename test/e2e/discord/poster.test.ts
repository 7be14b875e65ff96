import { beforeAll, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Community } from '../../../src/core/identity.js';
import { message } from '../../../src/core/reply.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { useBotWorld } from './harness.js';

let fake: FakeDiscord;
let bot: DiscordAdapter;
let guild: Community;

const world = useBotWorld();
beforeAll(() => {
  ({ fake, bot } = world);
  guild = { platform: 'discord', id: fake.guildId };
});

it('accepts a channel where the bot can view, send and embed', async () => {
  expect(await bot.poster.checkChannel(guild, fake.general.id)).toBeNull();
});

it('names the missing permission for a channel the bot may not post in', async () => {
  const problem = await bot.poster.checkChannel(guild, fake.locked.id);
  expect(problem).toContain('Send Messages');
  expect(problem).not.toContain('View Channel');
  expect(problem).toContain(`<#${fake.locked.id}>`);
});

it('refuses an unknown channel, another server and a DM', async () => {
  expect(await bot.poster.checkChannel(guild, '123456789012345678')).toContain('cannot see');
  expect(await bot.poster.checkChannel({ platform: 'discord', id: '999999999999' }, fake.general.id)).toContain('not in this server');
  expect(await bot.poster.checkChannel({ platform: 'discord', id: 'dm:1' }, fake.general.id)).toContain('server');
});

it('posts and updates a channel message without pinging anyone', async () => {
  const ref = await bot.poster.post(guild, fake.general.id, message({ title: 'Daily question', text: '@everyone answer by 17:00', tone: 'info' }));
  expect(ref.channelId).toBe(fake.general.id);
  expect(fake.state.messages.get(ref.messageId)?.embeds[0]?.title).toBe('Daily question');
  await bot.poster.update(guild, ref, message({ title: 'Daily question — revealed', text: 'The answer was 2.', tone: 'success' }));
  expect(fake.state.messages.get(ref.messageId)?.embeds[0]?.title).toBe('Daily question — revealed');
  const sent = fake.rest.requests.filter((r) => r.path.startsWith(`/channels/${fake.general.id}/messages`));
  expect(sent.map((r) => [r.method, r.status, r.authorized])).toEqual([
    ['POST', 200, true],
    ['PATCH', 200, true],
  ]);
  for (const r of sent) expect((r.body as Record<string, unknown>)['allowed_mentions']).toEqual({ parse: [] });
});

it('will not post into a channel of another community', async () => {
  await expect(bot.poster.post({ platform: 'discord', id: '999999999999' }, fake.general.id, message({ text: 'x' }))).rejects.toThrow(/not in community/);
});
