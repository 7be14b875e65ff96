import { createPrometheusMetrics } from '../../../src/metrics/prometheus.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { createBackpropCore, type App } from '../../../src/bootstrap.js';
import { LIMITS, renderButtons, renderEmbed, renderModal } from '../../../src/adapters/discord/render.js';
import { splitText, truncate } from '../../../src/adapters/discord/text.js';
import { silentLogger } from '../../../src/core/ports.js';
import { message, type ReplyButton } from '../../../src/core/reply.js';
import { CommandRegistry } from '../../../src/registry/registry.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { aBank, aQuestion, seededRandom } from '../../support/builders.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { messageProblems, modalProblems } from '../../support/fake-discord/validate.js';
import { embed, FIXTURE_CORRECT, optionLabel, text } from './flow-helpers.js';
import { useBotWorld } from './harness.js';

const paragraph = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
/** A model answer far past every embed limit, in paragraphs and bullets like the real bank's. */
const HUGE_ANSWER = Array.from({ length: 12 }, (_, i) => `**Part ${i}.** ${paragraph(120, 'gradient')}\n- bullet ${i} ${paragraph(20, 'x')}`).join('\n\n');

describe('rendering within Discord limits', () => {
  it('splits a long field across fields, keeps every embed under 6,000 characters and never rejects', () => {
    const reply = message({ title: 'T'.repeat(300), text: 'd'.repeat(5000), fields: [{ name: 'Model answer', value: HUGE_ANSWER }], footer: 'f'.repeat(3000) });
    const e = renderEmbed(reply);
    expect(messageProblems({ embeds: [e] }, { creating: true })).toEqual([]);
    expect(e.title).toHaveLength(LIMITS.title);
    expect(e.title!.endsWith('…')).toBe(true);
    expect(e.description!.endsWith('…')).toBe(true);
  });

  it('continues a field under a blank name and keeps its words whole', () => {
    const value = paragraph(400, 'word');
    const e = renderEmbed(message({ text: 'short', fields: [{ name: 'Model answer', value }, { name: 'After', value: 'tail' }] }));
    const fields = e.fields!;
    expect(fields[0]!.name).toBe('Model answer');
    expect(fields[1]!.name).toBe('\u200b');
    expect(fields.map((f) => f.value).slice(0, -1).join(' ')).toBe(value);
    expect(fields[fields.length - 1]).toEqual({ name: 'After', value: 'tail', inline: false });
    for (const f of fields) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  });

  it('keeps at most 25 fields, marking the cut', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `F${i}`, value: `v${i}` }));
    const e = renderEmbed(message({ fields }));
    expect(e.fields).toHaveLength(25);
    expect(e.fields![24]!.value).toBe('v2…');
  });

  it('wraps more than five buttons a row, at most five rows, and trims labels', () => {
    const b = (i: number): ReplyButton => ({ label: `${i} ${'L'.repeat(100)}`, action: { name: 'quiz.choice', args: ['d1', String(i)] } });
    const rows = renderButtons([Array.from({ length: 12 }, (_, i) => b(i)), [b(20)], [b(21)], [b(22)]]);
    expect(rows.map((r) => r.components.length)).toEqual([5, 5, 2, 1, 1]);
    expect(rows[0]!.components[0]!.label).toHaveLength(LIMITS.buttonLabel);
    expect(messageProblems({ components: rows }, { creating: true })).toEqual([]);
  });

  it('turns a prompt into a valid modal', () => {
    const modal = renderModal({ type: 'prompt', action: { name: 'quiz.submit', args: ['d1'] }, title: 'A title longer than forty-five characters in all', label: 'L'.repeat(60), minLength: 1, maxLength: 9000, multiline: true });
    expect(modalProblems(modal)).toEqual([]);
  });

  it('never cuts a surrogate pair or an empty text', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(splitText('😀'.repeat(10), 5).every((c) => !/[\ud800-\udbff]$/.test(c))).toBe(true);
    expect(splitText('', 10)).toEqual([]);
    expect(renderEmbed(message({})).description).toBe('\u200b');
  });
});

describe('a question with a very long model answer, end to end', () => {
  let fake: FakeDiscord;

  const world = useBotWorld(async (): Promise<App> => {
    const clock = { now: () => Date.now() };
    const store = await MemoryStore.open({ clock });
    const bank = aBank([aQuestion({ id: 'long-one', topic: 'cnn', difficulty: 'advanced', answer: HUGE_ANSWER, explanation: paragraph(300, 'because') })]);
    return {
      core: createBackpropCore({ bank, store, clock, random: seededRandom(5) }),
      registry: new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, logger: silentLogger }),
      store,
      sessions: store,
      logger: silentLogger,
      metrics: createPrometheusMetrics({ defaultMetrics: false }),
    };
  });
  beforeAll(() => ({ fake } = world));

  it('shows the result split over fields and trimmed to fit, never rejected', async () => {
    const alice = fake.member('Alice');
    const card = await fake.slash(alice, 'quiz').response();
    const answered = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
    const e = embed(answered.message);
    expect(text(answered.message)).toContain('Correct!');
    expect(e.fields![0]!.name).toBe('Why');
    expect(e.fields!.some((f) => f.name === 'Model answer')).toBe(true);
    expect(e.fields!.filter((f) => f.name === '\u200b').length).toBeGreaterThan(0);
    expect(e.fields![e.fields!.length - 1]!.value.endsWith('…')).toBe(true);

    const flash = await fake.slash(alice, 'quiz', { options: { mode: 'flash' } }).response();
    const revealed = await fake.click(alice, flash.message, 'Reveal').response();
    expect(embed(revealed.message).fields![0]!.value).toContain('**Part 0.**');
  });
});
