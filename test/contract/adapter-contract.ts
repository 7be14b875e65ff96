import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { ActionCodec } from '../../src/adapters/shared/action-codec.js';
import type { PlatformAdapter } from '../../src/adapters/shared/platform-adapter.js';
import type { App } from '../../src/bootstrap.js';
import { silentLogger } from '../../src/core/ports.js';
import { message, type ActionRef, type Reply } from '../../src/core/reply.js';
import { defineCommand } from '../../src/registry/command.js';
import { CommandRegistry } from '../../src/registry/registry.js';
import type { NameCommand } from '../../src/views/format.js';
import { makeTestApp } from '../support/app.js';
import { aUser } from '../support/builders.js';
import { replyFixtures } from '../support/reply-fixtures.js';

/**
 * The adapter contract: what every platform adapter must keep, whatever its wire. Each adapter's
 * test file (test/contract/<platform>-adapter.test.ts) runs this suite with its own renderer,
 * codec and its platform's documented limits, checked by validators independent of the adapter.
 */
export interface AdapterUnderContract<Wire> {
  platform: string;
  /** How members type a command on the platform. */
  cmd: NameCommand;
  /** The action codec with the platform's byte limit; null when actions never leave memory (the console). */
  codec: ActionCodec | null;
  /** A reply as it goes on the wire: a message body, a form. */
  render(reply: Reply): Wire;
  /** What the platform would reject or cut. */
  limitProblems(wire: Wire, reply: Reply): string[];
  /** Everything a member can read in it. */
  visibleText(wire: Wire): string[];
  /** Ways it could notify someone (a resolved mention, a missing no-ping setting). */
  pingProblems(wire: Wire): string[];
  /** The adapter itself, not started. */
  create(app: App): PlatformAdapter;
}

/** Every string inside a JSON-like value, for payloads whose text sits in nested objects. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The actions a reply carries: enabled buttons, and a prompt's submission. */
function actionsOf(reply: Reply): { ref: ActionRef; button: boolean }[] {
  if (reply.type === 'prompt') return [{ ref: reply.action, button: false }];
  return (reply.buttons ?? []).flat().filter((b) => !b.disabled).map((b) => ({ ref: b.action, button: true }));
}

const STACK = /\n\s+at |\bat [\w.<>]+ \(|\.(ts|js):\d+:\d+|ECONNREFUSED|Error:/;

export function runAdapterContract<Wire>(subject: AdapterUnderContract<Wire>): void {
  describe(`adapter contract: ${subject.platform}`, () => {
    let app: App;
    let registry: CommandRegistry;
    beforeAll(async () => {
      app = await makeTestApp();
      const broken = defineCommand({
        name: 'broken',
        description: 'fails like an unreachable store',
        run: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.1:6379');
        },
      });
      registry = new CommandRegistry([...commands, broken], { dynamicChoices: { topic: () => ['cnn'] }, logger: silentLogger });
    });
    const fixtures = replyFixtures(subject.cmd);

    it('renders every reply fixture within the platform limits', () => {
      const problems = fixtures.flatMap(({ name, reply }) => subject.limitProblems(subject.render(reply), reply).map((p) => `${name}: ${p}`));
      expect(problems).toEqual([]);
    });

    it('round-trips every action through its codec, within its byte limit', () => {
      const actions = fixtures.flatMap(({ name, reply }) => actionsOf(reply).map((a) => ({ name, ...a, wire: JSON.stringify(subject.render(reply)) })));
      expect(actions.length).toBeGreaterThan(10);
      const { codec } = subject;
      if (!codec) {
        // Actions never leave memory: the console presses a button by its action's word.
        for (const { name, ref } of actions.filter((a) => a.button)) expect(registry.actionWord(ref), `${name}: ${ref.name}`).toMatch(/\S/);
        return;
      }
      for (const { name, ref, wire } of actions) {
        const encoded = codec.encode(ref);
        expect(Buffer.byteLength(encoded), `${name}: ${encoded}`).toBeLessThanOrEqual(codec.maxBytes);
        expect(codec.decode(encoded)).toEqual(ref);
        expect(wire, `${name} carries ${encoded}`).toContain(encoded);
      }
      expect(codec.decode('someone-elses:button')).toBeNull();
    });

    it('renders errors without stack traces or internals', async () => {
      const ctx = { core: app.core, user: aUser(), isAdmin: true, canShare: true, invocation: subject.cmd, commands: registry.commands };
      const failures: Reply[] = [
        await registry.runCommand(ctx, 'broken', { options: {} }),
        await registry.runAction(ctx, null),
        await registry.runAction(ctx, { name: 'leaderboard.page', args: ['x'] }),
        await registry.runPrompt(ctx, { name: 'quiz.submit', args: ['no-such-delivery'] }, 'an answer'),
        await registry.runCommand(ctx, 'nope', { options: {} }),
        ...fixtures.filter((f) => f.reply.type === 'message' && f.reply.tone === 'error').map((f) => f.reply),
      ];
      for (const reply of failures) {
        expect(reply).toMatchObject({ type: 'message', tone: 'error' });
        const wire = subject.render(reply);
        expect(subject.limitProblems(wire, reply)).toEqual([]);
        for (const text of subject.visibleText(wire)) expect(text).not.toMatch(STACK);
      }
    });

    it('never pings: mentions in names, answers and errors stay text', () => {
      const problems = fixtures.flatMap(({ name, reply }) => subject.pingProblems(subject.render(reply)).map((p) => `${name}: ${p}`));
      expect(problems).toEqual([]);
      expect(subject.pingProblems(subject.render(message({ title: '@everyone', text: '<!channel> <@123> @here', footer: '<@&42>' })))).toEqual([]);
    });

    describe('the adapter', () => {
      let adapter: PlatformAdapter;
      beforeAll(() => {
        adapter = subject.create(app);
      });
      afterAll(async () => {
        await adapter.stop();
      });

      it('names its platform, and its poster posts there with the same command names', () => {
        expect(adapter.platform).toBe(subject.platform);
        expect(adapter.poster.platform).toBe(subject.platform);
        expect(adapter.poster.invocation('team join')).toBe(subject.cmd('team join'));
      });
    });
  });
}
