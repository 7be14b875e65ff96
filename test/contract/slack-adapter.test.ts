import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { promptView } from '../../src/adapters/slack/modals.js';
import { renderBlocks, slackActions } from '../../src/adapters/slack/render-blocks.js';
import { blockProblems, viewProblems } from '../support/fake-slack/block-limits.js';
import type { Reply } from '../../src/core/reply.js';
import { runAdapterContract, stringsIn } from './adapter-contract.js';

/** Every mrkdwn text object in a payload. */
function mrkdwnObjects(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnObjects);
  if (typeof value !== 'object' || value === null) return [];
  const o = value as Record<string, unknown>;
  return [...(o['type'] === 'mrkdwn' ? [o] : []), ...Object.values(o).flatMap(mrkdwnObjects)];
}

const render = (reply: Reply) => (reply.type === 'prompt' ? promptView(reply, { kind: 'home' }) : renderBlocks(reply));

runAdapterContract<ReturnType<typeof render>>({
  platform: 'slack',
  cmd: (c) => `/prep ${c}`,
  codec: slackActions,
  render,
  limitProblems: (wire) => {
    if ('type' in wire) return viewProblems(wire);
    return [...blockProblems(wire.blocks, 50), ...(wire.text.length > 40_000 ? ['text: > 40000'] : [])];
  },
  visibleText: stringsIn,
  pingProblems: (wire) => [
    // Slack resolves <!channel>, <!here>, <@U…> and <#C…>; escaping & < > makes them text.
    ...stringsIn(wire).filter((s) => /<[!@#]/.test(s)).map((s) => `unescaped mention in "${s.slice(0, 60)}"`),
    // verbatim: Slack must not turn @channel or a name into a mention itself.
    ...mrkdwnObjects(wire).filter((o) => o['verbatim'] !== true).map(() => 'mrkdwn without verbatim'),
  ],
  create: (app) => createSlackAdapter({ botToken: 'xoxb-not-used', signingSecret: 's', command: 'prep', adminUserIds: [], port: 0 }, app),
});
