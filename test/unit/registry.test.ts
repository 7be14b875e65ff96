import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { CommandRegistry } from '../../src/registry/registry.js';
import { parseTextCommand, tokenize } from '../../src/registry/parse-text.js';
import { defineCommand, type OptionDef } from '../../src/registry/command.js';
import { onAction } from '../../src/registry/action.js';
import { message } from '../../src/core/reply.js';
import { silentLogger } from '../../src/core/ports.js';
import { makeTestApp } from '../support/app.js';
import { quizActions } from '../../commands/quiz.actions.js';
import { aUser } from '../support/builders.js';

const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => ['fundamentals', 'cnn', 'llm'] }, logger: silentLogger });

describe('command definitions', () => {
  it('load and validate', () => {
    expect(registry.commands.map((c) => c.name)).toEqual(['quiz', 'practice', 'review', 'interview', 'remind', 'leaderboard', 'streak', 'stats', 'topics', 'team', 'daily', 'pack', 'help']);
  });

  it('refuse invalid definitions with every problem named', () => {
    const bad = defineCommand({ name: 'Bad Name', description: '', run: async () => message({ text: 'x' }) });
    const dup = defineCommand({ name: 'quiz', description: 'again', run: async () => message({ text: 'x' }) });
    expect(() => new CommandRegistry([...commands, bad, dup], registry.options)).toThrow(/Bad Name.*name[\s\S]*description[\s\S]*unique/);
    const thief = defineCommand({ name: 'thief', description: 'handles another command\'s button', run: async () => message({ text: 'x' }), actions: [onAction(quizActions.hint, async () => message({ text: 'x' }))] });
    expect(() => new CommandRegistry([thief], registry.options)).toThrow(/"quiz.hint" belongs to another command/);
  });
});

describe('text syntax', () => {
  const parse = (line: string) => parseTextCommand(registry, line);

  it('reads key:value and positional options', () => {
    expect(parse('/quiz topic:cnn mode:open')).toEqual({ ok: true, name: 'quiz', input: { subcommand: undefined, options: { topic: 'cnn', mode: 'open' } } });
    expect(parse('quiz cnn advanced flash')).toMatchObject({ input: { options: { topic: 'cnn', difficulty: 'advanced', mode: 'flash' } } });
    expect(parse('leaderboard teams month')).toMatchObject({ input: { options: { scope: 'teams', period: 'month' } } });
    expect(parse('leaderboard page:2')).toMatchObject({ input: { options: { page: 2 } } });
    expect(parse('team join Deep Divers')).toMatchObject({ input: { subcommand: 'join', options: { name: 'Deep Divers' } } });
    expect(parse('streak <@U123|ana>')).toMatchObject({ input: { options: { user: 'U123' } } });
    expect(tokenize('team join "Deep  Divers" x')).toEqual(['team', 'join', 'Deep  Divers', 'x']);
  });

  it('runs the default subcommand of a bare line, and follows a route to another command once', () => {
    expect(parse('interview')).toMatchObject({ ok: true, name: 'interview', input: { subcommand: 'start', options: {} } });
    expect(parse('interview length:4')).toMatchObject({ ok: true, name: 'interview', input: { subcommand: 'start', options: { length: 4 } } });
    expect(parse('interview stop')).toMatchObject({ ok: true, name: 'interview', input: { subcommand: 'stop' } });
    expect(parse('practice remind on 08:30')).toMatchObject({ ok: true, name: 'remind', input: { subcommand: 'on', options: { time: '08:30' } } });
    expect(parse('practice remind off')).toMatchObject({ ok: true, name: 'remind', input: { subcommand: 'off' } });
    expect(parse('practice cnn open')).toMatchObject({ ok: true, name: 'practice', input: { options: { topic: 'cnn', mode: 'open' } } });
    // `team` has no default: a bare line still says a subcommand is needed.
    expect(parse('team')).toMatchObject({ ok: true, input: { subcommand: undefined } });
  });

  it('refuse a default or a route that leads nowhere', () => {
    const noSub = defineCommand({ name: 'odd', description: 'x', textDefault: 'nope', subcommands: [{ name: 'yes', description: 'y' }], run: async () => message({ text: 'x' }) });
    expect(() => new CommandRegistry([noSub], registry.options)).toThrow(/textDefault names one of its subcommands/);
    const lost = defineCommand({ name: 'lost', description: 'x', textRoutes: { go: 'nowhere' }, run: async () => message({ text: 'x' }) });
    expect(() => new CommandRegistry([lost], registry.options)).toThrow(/leads to "nowhere", which is not a command/);
  });

  it('reads every option of every command in key:value form', () => {
    const sample = (d: OptionDef): { text: string; value: unknown } => {
      const choice = registry.choicesOf(d)?.[0];
      if (choice !== undefined) return { text: choice, value: choice };
      if (d.type === 'integer') return { text: String(d.minValue ?? 1), value: d.minValue ?? 1 };
      if (d.type === 'boolean') return { text: 'true', value: true };
      if (d.type === 'user' || d.type === 'channel') return { text: 'X1234', value: 'X1234' };
      return { text: 'Deep', value: 'Deep' };
    };
    let cases = 0;
    for (const cmd of registry.commands) {
      for (const sub of cmd.subcommands?.map((s) => s.name) ?? [undefined]) {
        for (const def of registry.optionsOf(cmd, sub)) {
          const { text, value } = sample(def);
          const line = [cmd.name, sub, `${def.name}:${text}`].filter(Boolean).join(' ');
          expect(parse(line), line).toMatchObject({ ok: true, input: { subcommand: sub, options: { [def.name]: value } } });
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(15);
  });

  it('says what is wrong and what is valid', () => {
    expect(parse('team frob')).toMatchObject({ ok: false, error: expect.stringContaining('join, leave, list') });
    expect(parse('leaderboard page:two')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parse('topics extra')).toMatchObject({ ok: false, error: expect.stringContaining('no options') });
    // A topic that could be one of the community's packs is the core's to check (UNKNOWN_TOPIC); anything else is refused here.
    const packLike = parse('quiz nosuchtopic');
    expect(packLike.ok && registry.validate(registry.get('quiz')!, packLike.input)).toBeNull();
    const unknownTopic = parse('quiz topic:No_Such!');
    expect(unknownTopic.ok && registry.validate(registry.get('quiz')!, unknownTopic.input)).toBe(
      '"No_Such!" is not a valid topic. Valid topic values: fundamentals, cnn, llm.',
    );
  });
});

describe('typed actions', () => {
  it('build references that read back into the same parameters, and give the console its words', () => {
    const ref = quizActions.choice.ref({ deliveryId: 'abc', position: 2 });
    expect(ref).toEqual({ name: 'quiz.choice', args: ['abc', '2'] });
    expect(quizActions.choice.read(ref.args)).toEqual({ ok: true, value: { deliveryId: 'abc', position: 2 } });
    expect(registry.actionWord(ref)).toBe('3');
    expect(registry.actionWord(quizActions.rate.ref({ deliveryId: 'abc', rating: 'good' }))).toBe('good');
    expect(registry.opensPrompt(quizActions.answer.ref({ deliveryId: 'abc' }))).toBe(true);
    expect(registry.actionWord({ name: 'quiz.rate', args: ['abc', 'perfect'] })).toBeNull();
    // An empty or non-digit position is refused, not read as option 1.
    for (const bad of ['', ' ', '1a', '-1', '10']) expect(quizActions.choice.read(['abc', bad]), bad).toMatchObject({ ok: false, code: 'INVALID_ANSWER' });
    expect(quizActions.next.read(['Not A Topic', 'nosuchmode'])).toEqual({ ok: true, value: { topic: undefined, mode: 'choice' } });
    // A pack's name reads back as the topic; the core checks that the community has it.
    expect(quizActions.next.read(['our-stack', 'open'])).toEqual({ ok: true, value: { topic: 'our-stack', mode: 'open' } });
  });
});

describe('dispatch', () => {
  it('rejects unknown commands, bad options and non-admins, and turns failures into a retry message', async () => {
    const app = await makeTestApp();
    const admin = defineCommand({ name: 'secret', description: 'admin only', adminOnly: true, run: async () => message({ text: 'done' }) });
    const broken = defineCommand({ name: 'broken', description: 'throws', run: async () => { throw new Error('ECONNREFUSED'); } });
    const reg = new CommandRegistry([...commands, admin, broken], { dynamicChoices: { topic: () => app.core.bank.topics() }, logger: silentLogger });
    const ctx = { core: app.core, user: aUser(), isAdmin: false, canShare: true, invocation: (c: string) => `/${c}`, commands: reg.commands };
    expect(await reg.runCommand(ctx, 'nope', { options: {} })).toMatchObject({ tone: 'error', text: expect.stringContaining('Valid commands: quiz') });
    expect(await reg.runCommand(ctx, 'leaderboard', { options: { period: 'year' } })).toMatchObject({ tone: 'error', text: expect.stringContaining('week, month, all') });
    expect(await reg.runCommand(ctx, 'secret', { options: {} })).toMatchObject({ tone: 'error', text: 'Only admins can use /secret.' });
    expect(await reg.runCommand({ ...ctx, isAdmin: true }, 'secret', { options: {} })).toMatchObject({ text: 'done' });
    expect(await reg.runCommand(ctx, 'broken', { options: {} })).toMatchObject({ tone: 'error', text: expect.stringContaining('try again') });
    expect(await reg.runAction(ctx, null)).toMatchObject({ tone: 'error', text: expect.stringContaining('no longer supported') });
    expect(await reg.runAction(ctx, { name: 'other.button', args: [] })).toMatchObject({ tone: 'error', text: expect.stringContaining('no longer supported') });
    expect(await reg.runAction(ctx, { name: 'leaderboard.page', args: ['planets', 'week', '1'] })).toMatchObject({ tone: 'error', text: expect.stringContaining('out of date') });
  });

  it('names commands the way the platform types them', async () => {
    const app = await makeTestApp();
    const ctx = { core: app.core, user: aUser(), isAdmin: false, canShare: true, invocation: (c: string) => `/prep ${c}`, commands: registry.commands };
    const r = await registry.runCommand(ctx, 'team', { subcommand: 'leave', options: {} });
    expect(r).toMatchObject({ text: 'You are not in a team. Join one with /prep team join <name>.' });
    const stats = await registry.runCommand(ctx, 'stats', { options: {} });
    expect(stats).toMatchObject({ text: 'No answers yet. Start with /prep quiz.' });
  });
});
