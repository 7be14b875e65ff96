import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { App } from '../../src/bootstrap.js';
import type { Community, UserRef } from '../../src/core/identity.js';
import type { MessageReply, Reply } from '../../src/core/reply.js';
import type { CommandContext } from '../../src/registry/command.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { makeTestApp } from '../support/app.js';
import { aCommunity, aUser } from '../support/builders.js';
import { packYaml } from '../support/packs.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';
import { RecordingPoster } from '../support/recording-poster.js';

/** A member's context as an adapter builds it; the pack's text is the "attachment". */
function ctxFor(app: App, user: UserRef, isAdmin = false, files: Record<string, string> = {}): CommandContext {
  return {
    core: app.core,
    user,
    isAdmin,
    canShare: true,
    invocation: (c) => `/${c}`,
    commands: app.registry.commands,
    readAttachment: async (ref) => (ref in files ? { ok: true, text: files[ref]! } : { ok: false, problem: 'unreadable' }),
  };
}

const msg = (r: Reply): MessageReply => {
  if (r.type !== 'message') throw new Error(`expected a message, got a ${r.type}`);
  return r;
};
const textOf = (r: Reply) => {
  const m = msg(r);
  return [m.title, m.text, ...(m.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');
};
const button = (r: Reply, label: string) => {
  const b = msg(r).buttons?.flat().find((x) => x.label === label);
  if (!b) throw new Error(`no "${label}" button; have ${msg(r).buttons?.flat().map((x) => x.label).join(', ')}`);
  return b.action;
};

async function importPack(app: App, community: Community, source = packYaml()) {
  const admin = ctxFor(app, aUser('admin', community), true, { f1: source });
  return app.registry.runCommand(admin, 'pack', { subcommand: 'import', options: { file: 'f1' } });
}

/** Quiz on the pack's own topic (one question), answer it, and return the answered card. */
async function answerPackQuestion(app: App, user: UserRef) {
  const ctx = ctxFor(app, user);
  const card = await app.registry.runCommand(ctx, 'quiz', { options: { topic: 'our-stack' } });
  expect(textOf(card)).toContain('our-stack ·');
  return app.registry.runAction(ctx, button(card, '1'));
}

async function report(app: App, user: UserRef, answered: Reply, note: string) {
  const ctx = ctxFor(app, user);
  const reasons = await app.registry.runAction(ctx, button(answered, 'Report'));
  const form = await app.registry.runAction(ctx, button(reasons, 'Wrong answer key'));
  if (form.type !== 'prompt') throw new Error('expected the note form');
  return app.registry.runPrompt(ctx, form.action, note);
}

function flow(name: string, makeApp: () => Promise<App>) {
  describe(`packs through the registry: ${name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await makeApp();
    });
    afterAll(async () => app.store.close());

    it('a malformed pack stores nothing; a valid one shows under its name; another community never sees it', async () => {
      const c = aCommunity(`g-flow-${name}`);
      const bad = await importPack(app, c, 'name: our-stack\nversion: 1\nquestions:\n  - id: Bad Id\n');
      expect(textOf(bad)).toContain('nothing was stored');
      expect(textOf(bad)).toMatch(/entry "Bad Id", id: a lowercase slug/);
      expect(await app.core.packs.list(c)).toEqual([]);
      expect(textOf(await importPack(app, c))).toContain('3 questions, enabled');
      const topics = textOf(await app.registry.runCommand(ctxFor(app, aUser('m', c)), 'topics', { options: {} }));
      expect(topics).toContain('our-stack');
      // Same id on another platform is another community: no pack, no topic, no quiz.
      const stranger = aUser('m', aCommunity(`g-flow-${name}`, 'slack'));
      expect(await app.core.packs.list(stranger.community)).toEqual([]);
      expect(textOf(await app.registry.runCommand(ctxFor(app, stranger), 'topics', { options: {} }))).not.toContain('our-stack');
      expect(textOf(await app.registry.runCommand(ctxFor(app, stranger), 'quiz', { options: { topic: 'our-stack' } }))).toContain('Unknown topic "our-stack"');
      expect(textOf(await app.registry.runCommand(ctxFor(app, stranger, true), 'pack', { subcommand: 'export', options: { name: 'our-stack' } }))).toContain('There is no pack called "our-stack"');
    });

    it('disable hides the questions and keeps the history; enable brings them back', async () => {
      const c = aCommunity(`g-history-${name}`);
      await importPack(app, c);
      const member = aUser('ann', c);
      await answerPackQuestion(app, member);
      const before = await app.core.profile.stats(member);
      const admin = ctxFor(app, aUser('admin', c), true);
      expect(textOf(await app.registry.runCommand(admin, 'pack', { subcommand: 'disable', options: { name: 'our-stack' } }))).toContain('disabled');
      expect(textOf(await app.registry.runCommand(ctxFor(app, member), 'quiz', { options: { topic: 'our-stack' } }))).toContain('Unknown topic');
      expect(await app.core.profile.stats(member)).toEqual(before);
      await app.registry.runCommand(admin, 'pack', { subcommand: 'enable', options: { name: 'our-stack' } });
      expect(await app.core.profile.stats(member)).toEqual(before);
      expect(textOf(await app.registry.runCommand(ctxFor(app, member), 'quiz', { options: { topic: 'our-stack' } }))).toContain('our-stack ·');
    });

    it('reports from three members pause the question until an admin resolves them', async () => {
      const c = aCommunity(`g-reports-${name}`);
      await importPack(app, c);
      const [a, b, d] = ['a', 'b', 'd'].map((u) => aUser(u, c)) as [UserRef, UserRef, UserRef];
      const answeredA = await answerPackQuestion(app, a);
      expect(textOf(await report(app, a, answeredA, 'The key says X but @everyone knows it is Y'))).toContain('Thanks for the report');
      expect(textOf(await report(app, a, answeredA, 'again'))).toContain('already reported');
      expect(textOf(await report(app, b, await answerPackQuestion(app, b), ''))).not.toContain('paused');
      const answeredD = await answerPackQuestion(app, d);
      expect(textOf(await report(app, d, answeredD, 'unclear to me'))).toContain('paused');
      // Paused: the pack's own topic has no other question, so it has none left.
      expect(textOf(await app.registry.runCommand(ctxFor(app, a), 'quiz', { options: { topic: 'our-stack' } }))).toMatch(/Unknown topic "our-stack"|No questions match/);
      const admin = ctxFor(app, aUser('admin', c), true);
      const reports = await app.registry.runCommand(admin, 'pack', { subcommand: 'reports', options: {} });
      expect(textOf(reports)).toContain('our-stack/deployment-challenges (paused)');
      expect(textOf(reports)).toContain('The key says X but @everyone knows it is Y');
      // A member cannot press the admins' button.
      const resolveButton = button(reports, 'Resolve our-stack/deployment-challenges');
      expect(textOf(await app.registry.runAction(ctxFor(app, a), resolveButton))).toContain('Only admins');
      expect(textOf(await app.registry.runAction(admin, resolveButton))).toContain('back in rotation');
      expect(textOf(await app.registry.runCommand(ctxFor(app, a), 'quiz', { options: { topic: 'our-stack' } }))).toContain('our-stack ·');
      expect(textOf(await app.registry.runCommand(admin, 'pack', { subcommand: 'reports', options: {} }))).toContain('No open reports');
    });

    it('a daily schedule can draw from a pack (topic:PACK), and only where the pack exists', async () => {
      const c = aCommunity(`g-daily-${name}`);
      await importPack(app, c);
      const poster = new RecordingPoster();
      const admin = { ...ctxFor(app, aUser('admin', c), true), poster, channelId: 'C1' };
      const setup = await app.registry.runCommand(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'UTC', topic: 'our-stack' } });
      expect(msg(setup).tone).not.toBe('error');
      expect(msg(await app.registry.runCommand(admin, 'daily', { subcommand: 'now', options: {} })).tone).toBe('success');
      expect(JSON.stringify(poster.posts.at(-1))).toContain('our-stack ·');
      const elsewhere = { ...ctxFor(app, aUser('admin', aCommunity(`g-daily-${name}`, 'slack')), true), poster, channelId: 'C1' };
      const refused = await app.registry.runCommand(elsewhere, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'UTC', topic: 'our-stack' } });
      expect(textOf(refused)).toContain('Unknown topic "our-stack"');
    });

    it('a mock interview can draw from a pack (topic:PACK) and grade against its entry; disabling the pack ends it', async () => {
      const c = aCommunity(`g-interview-${name}`);
      const ann = ctxFor(app, aUser('ann', c));
      const start = () => app.registry.runCommand(ann, 'interview', { subcommand: 'start', options: { topic: 'our-stack' } });
      // Before the import the topic is unknown, and the message names the valid ones.
      expect(textOf(await start())).toMatch(/Unknown topic "our-stack".*fundamentals/s);
      await importPack(app, c);
      const card = await start();
      // The pack's own topic holds one entry: an interview of one question, the pack's.
      expect(textOf(card)).toContain('Question 1 of 1');
      const entry = (parse(packYaml()) as { questions: { id: string; prompt: string; answer: string }[] }).questions[0]!;
      expect(textOf(card)).toContain(entry.prompt);
      const form = await app.registry.runAction(ann, button(card, 'Answer'));
      if (form.type !== 'prompt') throw new Error('expected the answer form');
      const graded = textOf(await app.registry.runPrompt(ann, form.action, entry.answer));
      expect(graded).toMatch(/Question 1 of 1: \*\*(\d+)\/100\*\*/);
      expect(Number(/\*\*(\d+)\/100\*\*/.exec(graded)![1])).toBeGreaterThanOrEqual(60);
      // Another community of the same id never sees the pack's topic.
      const stranger = ctxFor(app, aUser('ann', aCommunity(`g-interview-${name}`, 'slack')));
      expect(textOf(await app.registry.runCommand(stranger, 'interview', { subcommand: 'start', options: { topic: 'our-stack' } }))).toContain('Unknown topic "our-stack"');
      // A running interview whose pack is disabled ends rather than breaking.
      const bob = ctxFor(app, aUser('bob', c));
      expect(textOf(await app.registry.runCommand(bob, 'interview', { subcommand: 'start', options: { topic: 'our-stack' } }))).toContain('Question 1 of 1');
      await app.registry.runCommand(ctxFor(app, aUser('admin', c), true), 'pack', { subcommand: 'disable', options: { name: 'our-stack' } });
      expect(await app.core.interview.status(bob.user)).toMatchObject({ ok: false, code: 'NO_INTERVIEW' });
    });

    it('bank questions can be reported too; a member reports each question once (the rate limit is in the store contract)', async () => {
      const c = aCommunity(`g-rate-${name}`);
      const m = aUser('busy', c);
      const outcomes: string[] = [];
      for (let i = 0; i < 6; i++) {
        const ctx = ctxFor(app, m);
        const card = await app.registry.runCommand(ctx, 'quiz', { options: {} });
        const answered = await app.registry.runAction(ctx, button(card, '1'));
        outcomes.push(textOf(await report(app, m, answered, '')));
      }
      const open = await app.core.packs.openReports(c);
      expect(open.length).toBeGreaterThan(0);
      expect(open.every((r) => !r.questionId.includes('/'))).toBe(true);
      // Four fixture questions: the fifth and sixth quiz repeat one, which was already reported.
      expect(outcomes.filter((t) => t.includes('Thanks for the report')).length).toBe(open.length);
      expect(outcomes.filter((t) => t.includes('already reported')).length).toBe(6 - open.length);
    });
  });
}

flow('memory', () => makeTestApp());

withRedis((url) => {
  const prefix = uniquePrefix();
  const admin = new Redis(url);
  afterAll(async () => {
    await deletePrefix(admin, prefix);
    await admin.quit();
  });
  flow('redis', () => makeTestApp({ store: new RedisStore({ client: new Redis(url), prefix }) }));

  it('two processes on one Redis: an import, an update, a disable or a pause in one is seen by the other at once', async () => {
    const [one, two] = await Promise.all([0, 1].map(() => makeTestApp({ store: new RedisStore({ client: new Redis(url), prefix }) })));
    const c = aCommunity('g-two-processes');
    const member = aUser('m', c);
    const quizText = async (app: App) => textOf(await app.registry.runCommand(ctxFor(app, member), 'quiz', { options: { topic: 'our-stack' } }));
    expect(await quizText(two!)).toContain('Unknown topic');
    await importPack(one!, c);
    expect(await quizText(two!)).toContain('our-stack ·'); // two caches version 1.0's questions now
    const doc = parse(packYaml()) as { questions: Record<string, unknown>[] };
    doc.questions[0]!['prompt'] = 'Version two asks this instead: what do deployments of models go wrong on?';
    doc.questions[0]!['choicePrompt'] = 'Version two asks this instead: which of these is a deployment challenge?';
    await importPack(one!, c, stringify({ ...doc, version: '2.0' }));
    expect(await quizText(two!)).toContain('Version two asks this instead');
    await one!.registry.runCommand(ctxFor(one!, aUser('admin', c), true), 'pack', { subcommand: 'disable', options: { name: 'our-stack' } });
    expect(await quizText(two!)).toContain('Unknown topic');
    await Promise.all([one!.store.close(), two!.store.close()]);
  });
});
