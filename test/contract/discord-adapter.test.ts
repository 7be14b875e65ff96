import { createDiscordAdapter } from '../../src/adapters/discord/index.js';
import { discordActions, messageBody, renderModal } from '../../src/adapters/discord/render.js';
import { messageProblems, modalProblems } from '../support/fake-discord/validate.js';
import type { Reply } from '../../src/core/reply.js';
import { runAdapterContract, stringsIn } from './adapter-contract.js';

const render = (reply: Reply) => (reply.type === 'prompt' ? renderModal(reply) : messageBody(reply));

runAdapterContract<ReturnType<typeof render>>({
  platform: 'discord',
  cmd: (c) => `/${c}`,
  codec: discordActions,
  render,
  limitProblems: (wire, reply) => (reply.type === 'prompt' ? modalProblems(wire) : messageProblems(wire, { creating: true })),
  visibleText: stringsIn,
  pingProblems: (wire) => {
    if (!('embeds' in wire)) return []; // a modal is shown to one member and pings no one
    const problems: string[] = [];
    if (JSON.stringify(wire.allowed_mentions) !== '{"parse":[]}') problems.push(`allowed_mentions is ${JSON.stringify(wire.allowed_mentions)}`);
    // Mentions ping only in content; every text goes in embeds.
    if ('content' in wire) problems.push('text in content');
    return problems;
  },
  create: (app) => createDiscordAdapter({ token: 'not-used', apiBase: 'http://127.0.0.1:9' }, app),
});
