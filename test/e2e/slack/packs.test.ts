import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buttonsOf } from '../../support/fake-slack/member.js';
import { packYaml } from '../../support/packs.js';
import { startHarness, TEAM, type Harness } from './harness.js';

const community = { platform: 'slack' as const, id: TEAM };
const ephemeralsTo = (h: Harness, user: string) => h.fake.callsTo('chat.postEphemeral').filter((c) => c.args['user'] === user);

describe('Slack: /prep pack import, then the file shared in the conversation (files.info + private download)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adminUserIds: ['UADMIN'] });
  });
  afterAll(async () => h.stop());

  it('a file shared without /prep pack import first is ignored', async () => {
    const admin = h.member('UADMIN');
    await admin.shareFile(h.fake.uploadFile('our-stack.yaml', packYaml()), 'Ev-unasked');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.callsTo('files.info')).toEqual([]);
    expect(await h.app.core.packs.list(community)).toEqual([]);
  });

  it('imports the shared file, downloading it with the bot token; a malformed one changes nothing and says why', async () => {
    const admin = h.member('UADMIN');
    const asked = await admin.run('pack import');
    expect(asked.text).toContain('share the pack');

    const doc = parse(packYaml()) as { questions: Record<string, unknown>[] };
    doc.questions[2]!['choices'] = { correct: 'a', distractors: ['b'] };
    await admin.shareFile(h.fake.uploadFile('bad.yaml', stringify(doc)), 'Ev-bad');
    const refused = await h.fake.waitFor(() => ephemeralsTo(h, 'UADMIN')[0], 'the answer to the bad file');
    expect(JSON.stringify(refused.args)).toContain('nothing was stored');
    expect(JSON.stringify(refused.args)).toMatch(/entry \\"knowledge-distillation\\", choices.distractors/);
    expect(await h.app.core.packs.list(community)).toEqual([]);

    await admin.run('pack import');
    await admin.shareFile(h.fake.uploadFile('our-stack.yaml', packYaml()), 'Ev-good');
    const imported = await h.fake.waitFor(() => ephemeralsTo(h, 'UADMIN')[1], 'the answer to the good file');
    expect(JSON.stringify(imported.args)).toContain('3 questions, enabled');
    expect(h.fake.downloads.every((d) => d.authorized)).toBe(true);
    expect((await h.app.core.packs.list(community)).map((p) => p.name)).toEqual(['our-stack']);
  });

  it('pack export gives the file back in a direct message with the admin, whole', async () => {
    h.fake.users.set('UADMIN', { id: 'UADMIN' });
    const admin = h.member('UADMIN');
    const before = h.fake.sharedFiles().length;
    const reply = await admin.run('pack export our-stack');
    expect(reply.text).toContain('our-stack.yaml');
    const file = await h.fake.waitFor(() => h.fake.sharedFiles().slice(before)[0], 'the exported file');
    // The app's DM with the admin (conversations.open), never the channel the command came from.
    expect(file.channel).toBe('DADMIN');
    expect(file.filename).toBe('our-stack.yaml');
    expect(file.data!.toString('utf8')).toBe(packYaml());
  });

  it('refuses /prep pack to a member who is not an admin, and ignores their files', async () => {
    const member = h.member('UMEMBER');
    expect((await member.run('pack import')).text).toContain('Only');
    await member.shareFile(h.fake.uploadFile('x.yaml', packYaml({ name: 'sneaky' })), 'Ev-member');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await h.app.core.packs.list(community)).map((p) => p.name)).toEqual(['our-stack']);
  });

  it('a member reports a question from its answered card, with an optional sentence', async () => {
    const member = h.member('UREPORT');
    const card = await member.run('quiz topic:our-stack');
    const answered = await member.press(card, '1');
    expect(buttonsOf(answered.blocks).map((b) => b.text)).toContain('Report');
    const reasons = await member.press(answered, 'Report');
    const click = await member.click(reasons, 'Unclear');
    const open = await h.fake.waitForCall('views.open', (c) => c.args['trigger_id'] === click.triggerId);
    const view = open.args['view'] as { blocks: Record<string, unknown>[] };
    expect(view.blocks[0]).toMatchObject({ optional: true });
    expect(await member.submit(open, '')).toEqual({ status: 200, body: null });
    const reports = await h.app.core.packs.openReports(community);
    expect(reports[0]).toMatchObject({ questionId: 'our-stack/deployment-challenges', reports: [{ reason: 'unclear', note: '' }] });
  });
});
