import { beforeAll, expect, it } from 'vitest';
import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import { commands } from '../../../commands/index.js';
import { silentLogger } from '../../../src/core/ports.js';
import { message } from '../../../src/core/reply.js';
import { defineCommand } from '../../../src/registry/command.js';
import { CommandRegistry } from '../../../src/registry/registry.js';
import { makeTestApp } from '../../support/app.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { isEphemeral, text } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

/** An admin-only command of the test's own, so the check does not depend on any real admin command. */
const runs: string[] = [];
const resetBoard = defineCommand({
  name: 'reset-board',
  description: 'Admins: a test command guarded by Manage Server',
  adminOnly: true,
  options: [{ name: 'note', description: 'Any text', type: 'string' }],
  async run(ctx, { options }) {
    runs.push(`${ctx.user.userId}:${String(options['note'] ?? '')}`);
    return message({ title: 'Board reset', text: 'Done.', tone: 'success', ephemeral: true });
  },
});

let fake: FakeDiscord;

const world = useBotWorld(async () => {
  const app = await makeTestApp();
  const bank = app.core.bank;
  app.registry = new CommandRegistry([...commands, resetBoard], { dynamicChoices: { topic: () => bank.topics() }, logger: silentLogger });
  return app;
});
beforeAll(() => ({ fake } = world));

it('registers admin commands hidden from members without Manage Server, in servers only', () => {
  const cmd = fake.registeredCommands().find((c) => c.name === 'reset-board')!;
  expect(cmd.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
  expect(cmd.contexts).toEqual([InteractionContextType.Guild]);
});

it('refuses a member without Manage Server at run time, even if Discord let the command through', async () => {
  const member = fake.member('Mallory');
  const h = await fake.slash(member, 'reset-board', { options: { note: 'sneaky' } }).response();
  expect(isEphemeral(h.message)).toBe(true);
  expect(text(h.message)).toContain('Only server admins (Manage Server) can use /reset-board.');
  expect(runs).toEqual([]);
});

it('runs it for a member whose permissions include Manage Server (or Administrator)', async () => {
  const admin = fake.member('Ada', { admin: true });
  const h = await fake.slash(admin, 'reset-board', { options: { note: 'weekly' } }).response();
  expect(text(h.message)).toContain('Board reset');
  const owner = fake.member('Olga');
  owner.permissions = PermissionFlagsBits.Administrator;
  await fake.slash(owner, 'reset-board').response();
  expect(runs).toEqual([`${admin.user.id}:weekly`, `${owner.user.id}:`]);
});

it('does not list admin commands in /help for members, and does for admins', async () => {
  const member = await fake.slash(fake.member('Pat'), 'help').response();
  expect(text(member.message)).not.toContain('/reset-board');
  const admin = await fake.slash(fake.member('Quin', { admin: true }), 'help').response();
  expect(text(admin.message)).toContain('/reset-board');
});

it('treats a DM as no place for admin commands', async () => {
  const h = await fake.slash(fake.dmUser('Rae'), 'reset-board').response();
  expect(text(h.message)).toContain('Only server admins');
  expect(runs).toHaveLength(2);
});
