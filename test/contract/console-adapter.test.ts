import { PassThrough, Readable } from 'node:stream';
import { createConsoleAdapter } from '../../src/adapters/console/index.js';
import { consoleText, WIDTH } from '../../src/adapters/console/render-text.js';
import type { ActionRef } from '../../src/core/reply.js';
import { runAdapterContract } from './adapter-contract.js';

/** The console presses buttons by their action's word; any non-empty word renders the same way. */
const word = (ref: ActionRef) => ref.name.split('.')[1] ?? null;

runAdapterContract({
  platform: 'console',
  cmd: (c) => `/${c}`,
  codec: null,
  render: (reply) => consoleText(reply, word).text,
  limitProblems: (text) => text.split('\n').filter((line) => [...line].length > WIDTH).map((line) => `wider than ${WIDTH}: ${line.slice(0, 40)}…`),
  visibleText: (text) => [text],
  // A terminal notifies no one; what must not pass is a control character the terminal would act on.
  pingProblems: (text) => ([...text].some((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f')) ? ['control character in output'] : []),
  create: (app) => createConsoleAdapter({ input: Readable.from([]), output: new PassThrough() }, app),
});
