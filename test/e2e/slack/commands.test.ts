import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../../src/registry/command.js';
import { CommandRegistry } from '../../../src/registry/registry.js';
import { message } from '../../../src/core/reply.js';
import { silentLogger } from '../../../src/core/ports.js';
import { commands } from '../../../commands/index.js';
import { makeTestApp } from '../../support/app.js';
import { buttonsOf } from '../../support/fake-slack/member.js';
import { correctChoice, startHarness, TEAM, type Harness } from './harness.js';

const community = { platform: 'slack' as const, id: TEAM };

describe('Slack /prep subcommands through the real Bolt app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.users.set('U1', { id: 'U1', name: 'ada', displayName: 'Ada' });
    h.fake.users.set('U2', { id: 'U2', name: 'alan', displayName: 'Alan' });
  });
  afterAll(async () => h.stop());

  it('help: for /prep help, an empty /prep and an unknown subcommand, listing /prep usages', async () => {
    const ada = h.member('U1');
    for (const text of ['help', '', 'frobnicate now']) {
      const reply = await ada.run(text);
      expect(reply.body['response_type']).toBe('ephemeral');
      expect(reply.text).toContain('/prep quiz');
      expect(reply.text).toContain('/prep team join');
      if (text.startsWith('frob')) expect(reply.text).toContain('"frobnicate" is not a /prep subcommand');
    }
  });

  it('topics: lists the fixture topics', async () => {
    const reply = await h.member('U1').run('topics');
    expect(reply.text).toContain('`cnn`');
    expect(reply.text).toContain('`transformers`');
    expect(reply.body['response_type']).toBe('ephemeral');
  });

  it('quiz: answers ephemerally with numbered choices, a hint button and Block Kit mrkdwn', async () => {
    const reply = await h.member('U1').run('quiz cnn intermediate choice');
    expect(reply.body['response_type']).toBe('ephemeral');
    expect(reply.text).toContain('What does max pooling do to a feature map?');
    expect(reply.text).toMatch(/\*1\.\* /); // **1.** became Slack bold
    expect(buttonsOf(reply.blocks).map((b) => b.text)).toEqual(['1', '2', '3', '4', 'Hint']);
    expect(buttonsOf(reply.blocks).every((b) => b.value.startsWith('bp1|quiz.'))).toBe(true);
  });

  it('quiz: a bad option gets a clear message and starts nothing', async () => {
    const reply = await h.member('U1').run('quiz astrology');
    expect(reply.text).toContain('Unknown topic "astrology"');
    expect(buttonsOf(reply.blocks)).toEqual([]);
  });

  it('team join / list / leave, with names of several words', async () => {
    const ada = h.member('U1');
    const joined = await ada.run('team join Deep Divers');
    expect(joined.text).toContain('You created team *Deep Divers*');
    expect(joined.body['response_type']).toBe('in_channel');
    expect(await h.app.store.getUserTeam({ community, userId: 'U1', displayName: 'Ada' })).toMatchObject({ name: 'Deep Divers', members: 1 });
    const alan = h.member('U2');
    expect((await alan.run('team join deep divers')).text).toContain('You joined *Deep Divers* (2 members)');
    expect((await ada.run('team list')).text).toContain('*Deep Divers* — 2 members');
    expect((await ada.run('team list Deep Divers')).text).toMatch(/• Ada[\s\S]*• Alan|• Alan[\s\S]*• Ada/);
    expect((await alan.run('team leave')).text).toContain('You left *Deep Divers*');
    expect((await ada.run('team')).text).toContain('team needs a subcommand');
    expect((await h.app.store.listTeams(community))[0]).toMatchObject({ members: 1 });
  });

  it('streak, stats and leaderboard (week, month, all, teams) after an answer', async () => {
    const ada = h.member('U1');
    const card = await ada.run('quiz fundamentals beginner choice');
    const result = await ada.press(card, await correctChoice(h.app, TEAM, card.blocks));
    expect(result.text).toContain('Correct!');
    const streak = await ada.run('streak');
    expect(streak.text).toContain('Your streak');
    expect(streak.text).toMatch(/\*1 day\*/);
    const stats = await ada.run('stats');
    expect(stats.text).toContain('Answered');
    expect(stats.text).toContain('Neural network fundamentals: 100% of 1');
    for (const period of ['week', 'month', 'all']) {
      const board = await ada.run(`leaderboard ${period}`);
      expect(board.text).toContain('Leaderboard');
      expect(board.text).toContain('Ada');
    }
    const teams = await ada.run('leaderboard week teams');
    expect(teams.text).toContain('Leaderboard · teams · this week');
    expect(teams.text).toContain('Deep Divers');
    const other = await ada.run('stats <@U2|alan>');
    expect(other.text).toContain('Alan has not answered anything yet');
  });

  it('a command word can be passed in the key:value syntax too', async () => {
    const reply = await h.member('U1').run('quiz topic:transformers mode:flash');
    expect(reply.text).toContain('Why scale attention logits by the key dimension?');
    expect(buttonsOf(reply.blocks).map((b) => b.text)).toEqual(['Reveal', 'Hint']);
  });
});

describe('Slack command word', () => {
  it('is configurable (SLACK_COMMAND), and help speaks it', async () => {
    const h = await startHarness({ command: 'quizme' });
    const reply = await h.member('U1').run('help');
    expect(reply.text).toContain('/quizme quiz');
    expect(reply.text).not.toContain('/prep');
    expect((await h.member('U1').run('quiz cnn')).text).toContain('max pooling');
    await h.stop();
  });
});

describe('Slack admin-only subcommands', () => {
  let h: Harness;
  const secret = defineCommand({
    name: 'audit',
    description: 'An admin-only test command',
    adminOnly: true,
    run: async () => message({ title: 'Audit', text: 'admin area', ephemeral: true }),
  });
  beforeAll(async () => {
    const base = await makeTestApp();
    const registry = new CommandRegistry([...commands, secret], { dynamicChoices: { topic: () => base.core.bank.topics() }, logger: silentLogger });
    h = await startHarness({ app: { ...base, registry }, adminUserIds: ['ULISTED'] });
    h.fake.users.set('UMEMBER', { id: 'UMEMBER' });
    h.fake.users.set('UADMIN', { id: 'UADMIN', isAdmin: true });
    h.fake.users.set('UOWNER', { id: 'UOWNER', isOwner: true });
    h.fake.users.set('ULISTED', { id: 'ULISTED' });
  });
  afterAll(async () => h.stop());

  it('refuses a member and lets workspace admins, owners and listed users in', async () => {
    const refused = await h.member('UMEMBER').run('audit');
    expect(refused.text).toContain('Only workspace admins and owners (or users in SLACK_ADMIN_USER_IDS) can use /prep');
    expect(refused.text).not.toContain('admin area');
    expect((await h.member('UMEMBER').run('help')).text).not.toContain('/prep audit');
    for (const id of ['UADMIN', 'UOWNER', 'ULISTED']) {
      expect((await h.member(id).run('audit')).text).toContain('admin area');
    }
    expect((await h.member('UADMIN').run('help')).text).toContain('/prep audit');
  });
});
