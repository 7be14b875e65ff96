import { beforeAll, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import type { App } from '../../../src/bootstrap.js';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { FakeDiscord, type Actor, type InteractionHandle } from '../../support/fake-discord/index.js';
import { embed, isEphemeral as ephemeral, text } from './flow-helpers.js';
import { recordingLogger, useBotWorld } from './harness.js';

let fake: FakeDiscord;
let app: App;
let bot: DiscordAdapter;
const logger = recordingLogger();

const world = useBotWorld(undefined, { logger });
beforeAll(() => ({ fake, app, bot } = world));

const embedOf = (h: InteractionHandle) => embed(h.message);
const textOf = (h: InteractionHandle) => text(h.message);
const isEphemeral = (h: InteractionHandle) => ephemeral(h.message);

describe('connecting', () => {
  it('identifies with the Guilds intent only and sets no-ping defaults on the client', () => {
    expect(fake.gateway.identifies.map((i) => i.intents)).toEqual([1]);
    expect(fake.gateway.connectQueries[0]).toContain('v=10');
    expect(fake.gateway.connectQueries[0]).toContain('encoding=json');
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
    expect(bot.client.guilds.cache.has(fake.guildId)).toBe(true);
    expect(logger.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('registered every command with its options, choices, autocomplete and subcommands', () => {
    const cmds = new Map(fake.registeredCommands().map((c) => [c.name, c]));
    expect([...cmds.keys()].sort()).toEqual(app.registry.commands.map((c) => c.name).sort());
    expect([...cmds.keys()]).toEqual(expect.arrayContaining(['help', 'leaderboard', 'quiz', 'stats', 'streak', 'team', 'topics']));
    const quiz = cmds.get('quiz')!;
    const opt = (name: string) => quiz.options?.find((o) => o.name === name) as Record<string, unknown> | undefined;
    expect(opt('topic')).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
    expect(opt('mode')).toMatchObject({ choices: [{ name: 'choice', value: 'choice' }, { name: 'open', value: 'open' }, { name: 'flash', value: 'flash' }] });
    expect(opt('share')).toMatchObject({ type: ApplicationCommandOptionType.Boolean, required: false });
    const team = cmds.get('team')!;
    expect(team.options?.map((o) => [o.name, o.type])).toEqual([['join', 1], ['leave', 1], ['list', 1]]);
    expect(team.options?.[0]).toMatchObject({ options: [{ name: 'name', type: 3, required: true, max_length: 32 }] });
    expect(cmds.get('leaderboard')!.options?.find((o) => o.name === 'page')).toMatchObject({ type: 4, min_value: 1, max_value: 1000 });
    expect(cmds.get('stats')!.options?.[0]).toMatchObject({ name: 'user', type: ApplicationCommandOptionType.User });
    for (const def of app.registry.commands) expect(cmds.get(def.name)!.default_member_permissions).toBe(def.adminOnly ? '32' : null);
  });
});

describe('every command', () => {
  let alice: Actor;
  beforeAll(() => {
    alice = fake.member('Alice');
  });

  it('/help lists every command privately', async () => {
    const h = await fake.slash(alice, 'help').response();
    expect(h.firstCallback).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(h)).toBe(true);
    for (const name of ['/quiz', '/leaderboard', '/streak', '/stats', '/topics', '/team join <name>', '/team leave', '/help']) expect(textOf(h)).toContain(name);
  });

  it('/topics lists the bank topics with counts', async () => {
    const h = await fake.slash(alice, 'topics').response();
    expect(isEphemeral(h)).toBe(true);
    expect(textOf(h)).toMatch(/`fundamentals` — .*\(2 questions\)/);
    expect(textOf(h)).toContain('`cnn`');
  });

  it('autocompletes topic from the bank', async () => {
    const h = await fake.autocomplete(alice, 'quiz', 'topic', 'tra').response();
    expect(h.record.choices).toEqual([{ name: 'transformers', value: 'transformers' }]);
    const all = await fake.autocomplete(alice, 'quiz', 'topic', '').response();
    expect(all.record.choices?.map((c) => c.value)).toEqual(['fundamentals', 'cnn', 'transformers']);
  });

  it('/quiz with an unknown topic says what is valid and stores nothing', async () => {
    const h = await fake.slash(alice, 'quiz', { options: { topic: 'astrology' } }).response();
    expect(isEphemeral(h)).toBe(true);
    expect(embedOf(h).color).toBe(TONE_COLOURS.error);
    expect(textOf(h)).toContain('Valid topics: fundamentals, cnn, transformers');
    expect(await app.store.getRecent({ community: { platform: 'discord', id: fake.guildId }, userId: alice.user.id, displayName: 'Alice' })).toEqual([]);
  });

  it('/quiz shows a personal question with four answer buttons and a hint', async () => {
    const h = await fake.slash(alice, 'quiz', { options: { topic: 'cnn', mode: 'choice' } }).response();
    expect(isEphemeral(h)).toBe(true);
    expect(embedOf(h).title).toBe('CNNs and computer vision · intermediate');
    const labels = h.message!.components!.flatMap((r) => ('components' in r ? r.components.map((c) => ('label' in c ? c.label : '')) : []));
    expect(labels).toEqual(['1', '2', '3', '4', 'Hint']);
  });

  it('/streak and /stats for a new member, and for another member', async () => {
    const bob = fake.member('Bob');
    const streak = await fake.slash(bob, 'streak').response();
    expect(textOf(streak)).toContain('Your streak');
    expect(textOf(streak)).toContain('0 days');
    const stats = await fake.slash(bob, 'stats').response();
    expect(textOf(stats)).toContain('No answers yet');
    const other = await fake.slash(bob, 'stats', { options: { user: alice.user.id } }).response();
    expect(textOf(other)).toContain('Stats for');
    expect(textOf(other)).toContain('has not answered anything yet');
  });

  it('/leaderboard with nobody on it says how to get there', async () => {
    const h = await fake.slash(alice, 'leaderboard', { options: { period: 'month', scope: 'teams' } }).response();
    expect(isEphemeral(h)).toBe(false);
    expect(embedOf(h).title).toBe('Leaderboard · teams · this month');
    expect(textOf(h)).toContain('Nobody is on this board yet');
  });

  it('/team join, list, list <name> and leave', async () => {
    const carol = fake.member('Carol', { nick: 'Caz' });
    const joined = await fake.slash(carol, 'team', { subcommand: 'join', options: { name: 'Deep Divers' } }).response();
    expect(textOf(joined)).toContain('You created team **Deep Divers**');
    expect(isEphemeral(joined)).toBe(false);
    const list = await fake.slash(alice, 'team', { subcommand: 'list' }).response();
    expect(textOf(list)).toContain('**Deep Divers** — 1 member');
    const members = await fake.slash(alice, 'team', { subcommand: 'list', options: { name: 'deep divers' } }).response();
    expect(textOf(members)).toContain('- Caz');
    const left = await fake.slash(carol, 'team', { subcommand: 'leave' }).response();
    expect(textOf(left)).toContain('You left **Deep Divers**');
    const again = await fake.slash(carol, 'team', { subcommand: 'leave' }).response();
    expect(embedOf(again).color).toBe(TONE_COLOURS.error);
    expect(isEphemeral(again)).toBe(true);
  });
});

describe('mentions never ping', () => {
  it('a team name or nickname holding @everyone, a role and a user mention is shown but pings no one', async () => {
    const mallory = fake.member('Mallory', { nick: `@everyone <@&${fake.adminRoleId}>` });
    const bad = await fake.slash(mallory, 'team', { subcommand: 'join', options: { name: `@here <@${mallory.user.id}>` } }).response();
    expect(textOf(bad)).toContain(`@here <@${mallory.user.id}>`);
    // The nickname reaches the public leaderboard once Mallory has points.
    const quiz = await fake.slash(mallory, 'quiz', { options: { topic: 'transformers' } }).response();
    const correct = embedOf(quiz).description!.split('\n').find((l) => l.includes('The chain rule, backwards'))!;
    await fake.click(mallory, quiz.message, /\*\*(\d)\.\*\*/.exec(correct)![1]!).response();
    const board = await fake.slash(fake.member('Dan'), 'leaderboard').response();
    expect(isEphemeral(board)).toBe(false);
    expect(textOf(board)).toContain(`@everyone <@&${fake.adminRoleId}>`);

    const bodies = fake.messageBodies();
    expect(bodies.length).toBeGreaterThan(3);
    for (const { body } of bodies) {
      expect(body['allowed_mentions']).toEqual({ parse: [] });
      // Pings come only from content; Backprop puts everything in embeds.
      expect(body['content'] ?? '').toBe('');
    }
  });
});

describe('direct messages', () => {
  it('runs commands in a DM as a community of its own, where nothing can be shared', async () => {
    const erin = fake.dmUser('Erin');
    const h = await fake.slash(erin, 'quiz', { options: { mode: 'flash', share: true } }).response();
    expect(isEphemeral(h)).toBe(true);
    expect(embedOf(h).footer?.text).not.toContain('everyone may answer');
    const id = /quiz\.reveal\|([^|"]+)/.exec(JSON.stringify(h.message!.components))![1]!;
    expect(await app.store.getDelivery({ platform: 'discord', id: `dm:${erin.user.id}` }, id)).toMatchObject({ ownerId: erin.user.id });
    expect(await app.store.getDelivery({ platform: 'discord', id: fake.guildId }, id)).toBeNull();
    const revealed = await fake.click(erin, h.message, 'Reveal').response();
    expect(revealed.firstCallback).toBe(InteractionResponseType.UpdateMessage);
  });
});
