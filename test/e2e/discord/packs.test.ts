import { beforeAll, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { parse, stringify } from 'yaml';
import { PACK_LIMITS } from '../../../src/core/packs/pack.js';
import type { FakeDiscord } from '../../support/fake-discord/index.js';
import { packYaml } from '../../support/packs.js';
import { buttonLabels, isEphemeral, text } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

let fake: FakeDiscord;
const world = useBotWorld();
beforeAll(() => ({ fake } = world));

const community = () => ({ platform: 'discord' as const, id: fake.guildId });

it('registers /pack import with an ATTACHMENT option (type 11)', () => {
  const pack = fake.registeredCommands().find((c) => c.name === 'pack')!;
  const imp = pack.options?.find((o) => o.name === 'import');
  expect(imp && 'options' in imp ? imp.options?.[0] : undefined).toMatchObject({ name: 'file', type: ApplicationCommandOptionType.Attachment });
});

it('imports a pack attached to /pack import: the bot downloads it from the CDN URL Discord resolved', async () => {
  const admin = fake.member('Ada', { admin: true });
  const file = fake.attach('our-stack.yaml', packYaml());
  const h = await fake.slash(admin, 'pack', { subcommand: 'import', options: { file } }).response();
  expect(isEphemeral(h.message)).toBe(true);
  expect(text(h.message)).toContain('3 questions, enabled');
  expect(fake.rest.requests.some((r) => r.path.startsWith('/attachments/') && r.status === 200)).toBe(true);
  expect((await world.app.core.packs.list(community())).map((p) => p.name)).toEqual(['our-stack']);

  const member = fake.member('Bo');
  const suggested = await fake.autocomplete(member, 'quiz', 'topic', 'our').response();
  expect(suggested.record.choices).toEqual([{ name: 'our-stack', value: 'our-stack' }]);
  const card = await fake.slash(member, 'quiz', { options: { topic: 'our-stack' } }).response();
  expect(text(card.message)).toContain('our-stack ·');
});

it('pack export gives the file back as an attachment of the reply, whole, not as a picture', async () => {
  const admin = fake.member('Ada', { admin: true });
  const before = fake.rest.requests.length;
  const h = await fake.slash(admin, 'pack', { subcommand: 'export', options: { name: 'our-stack' } }).response();
  expect(isEphemeral(h.message)).toBe(true);
  const upload = fake.rest.requests.slice(before).find((r) => r.files.length > 0);
  expect(upload?.files[0]).toMatchObject({ filename: 'our-stack.yaml' });
  expect(upload!.files[0]!.data.toString('utf8')).toBe(packYaml());
  expect(JSON.stringify(h.message)).not.toContain('attachment://');
});

it('a malformed or oversized attachment changes nothing and names the problem, without pinging', async () => {
  const admin = fake.member('Ada2', { admin: true });
  const doc = parse(packYaml({ version: '2.0' })) as { questions: Record<string, unknown>[] };
  doc.questions[0]!['id'] = '@everyone';
  const bad = await fake.slash(admin, 'pack', { subcommand: 'import', options: { file: fake.attach('bad.yaml', stringify(doc)) } }).response();
  expect(text(bad.message)).toContain('nothing was stored');
  expect(text(bad.message)).toMatch(/entry "@everyone", id: a lowercase slug/);
  const yamlError = await fake.slash(admin, 'pack', { subcommand: 'import', options: { file: fake.attach('broken.yaml', 'name: [oops') } }).response();
  expect(text(yamlError.message)).toContain('not valid YAML');
  const huge = await fake.slash(admin, 'pack', { subcommand: 'import', options: { file: fake.attach('huge.yaml', 'x'.repeat(PACK_LIMITS.bytes + 1)) } }).response();
  expect(text(huge.message)).toContain('larger than a pack may be');
  expect((await world.app.core.packs.list(community()))[0]).toMatchObject({ name: 'our-stack', version: '1.0' });
});

it('refuses /pack import to a member without Manage Server', async () => {
  const member = fake.member('Mallory');
  const h = await fake.slash(member, 'pack', { subcommand: 'import', options: { file: fake.attach('x.yaml', packYaml({ name: 'mallory' })) } }).response();
  expect(text(h.message)).toContain('Only server admins');
  expect((await world.app.core.packs.list(community())).map((p) => p.name)).toEqual(['our-stack']);
});

it('an answered card has a Report button: reason, optional sentence in a modal, then the admins see it', async () => {
  const member = fake.member('Cy');
  const card = await fake.slash(member, 'quiz', { options: { topic: 'our-stack' } }).response();
  const answered = await fake.click(member, card.message, '1').response();
  expect(buttonLabels(answered.message)).toContain('Report');
  const reasons = await fake.click(member, answered.message, 'Report').response();
  expect(buttonLabels(reasons.message)).toEqual(['Wrong answer key', 'Unclear', 'Outdated', 'Other']);
  const opened = await fake.click(member, reasons.message, 'Outdated').response();
  const filed = await fake.submitModal(member, opened, '').response();
  expect(text(filed.message)).toContain('Thanks for the report');
  const admin = fake.member('Ada3', { admin: true });
  const list = await fake.slash(admin, 'pack', { subcommand: 'reports' }).response();
  expect(text(list.message)).toContain('our-stack/deployment-challenges');
  expect(text(list.message)).toContain('Outdated');
});
