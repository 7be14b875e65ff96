import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import type { Clock, Random } from '../../src/core/ports.js';
import type { Store } from '../../src/core/store.js';
import type { Grader } from '../../src/core/grading/grader.js';
import type { App } from '../../src/bootstrap.js';
import { CommandRegistry } from '../../src/registry/registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { commands } from '../../commands/index.js';
import { silentLogger, type Logger } from '../../src/core/ports.js';
import { instrumentStore } from '../../src/metrics/instrument-store.js';
import { createPrometheusMetrics } from '../../src/metrics/prometheus.js';
import { aBank, aQuestion, seededRandom } from './builders.js';
import type { AnswerObserver, DueCards } from '../../src/core/learning/graded-answer.js';

/** A small bank over three topics and all difficulties, independent of data/questions. */
export function fixtureBank() {
  return aBank([
    aQuestion({ id: 'fx-backprop', topic: 'fundamentals', difficulty: 'beginner' }),
    aQuestion({ id: 'fx-chain', topic: 'fundamentals', difficulty: 'intermediate', prompt: 'Why does differentiating layer by layer matter for training?' }),
    aQuestion({ id: 'fx-pooling', topic: 'cnn', difficulty: 'intermediate', prompt: 'What does max pooling do to a feature map?' }),
    aQuestion({ id: 'fx-attention', topic: 'transformers', difficulty: 'advanced', prompt: 'Why scale attention logits by the key dimension?' }),
  ]);
}

/**
 * Writes the fixture bank as a bank directory (questions/<topic>.yaml + seed-ids.json) under
 * `dir`, for tests that start the bot as a process with BANK_DIR. Returns the directory.
 */
export function writeFixtureBank(dir: string): string {
  mkdirSync(join(dir, 'questions'), { recursive: true });
  const byTopic = new Map<string, unknown[]>();
  for (const q of fixtureBank().questions) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
  for (const [topic, qs] of byTopic) writeFileSync(join(dir, 'questions', `${topic}.yaml`), stringify(qs));
  writeFileSync(join(dir, 'seed-ids.json'), '[]');
  return dir;
}

/** Core + command registry over a given (or fresh in-memory) store, for adapter tests. */
export async function makeTestApp(
  opts: { store?: Store; clock?: Clock; random?: Random; grader?: Grader; logger?: Logger; answerObserver?: AnswerObserver; dueCards?: DueCards } = {},
): Promise<App> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const metrics = createPrometheusMetrics({ defaultMetrics: false });
  const store = instrumentStore(opts.store ?? (await MemoryStore.open({ clock })), 'memory', metrics);
  const bank = fixtureBank();
  const logger = opts.logger ?? silentLogger;
  const core = createCore({ bank, store, clock, random: opts.random ?? seededRandom(), grader: opts.grader, metrics, logger, answerObserver: opts.answerObserver, dueCards: opts.dueCards });
  const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, communityTopics: async (c) => [...(await core.packs.topics(c)).keys()], logger, metrics });
  return { core, registry, store, sessions: store, logger, metrics };
}
