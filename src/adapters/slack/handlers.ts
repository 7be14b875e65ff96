import type { App as BoltApp, webApi } from '@slack/bolt';
import type { App } from '../../bootstrap.js';
import type { ChannelPoster } from '../../core/channel-poster.js';
import type { Logger } from '../../core/ports.js';
import { message, type MessageReply, type Reply } from '../../core/reply.js';
import type { CommandContext } from '../../registry/command.js';
import { errorReply, UNAVAILABLE_TEXT } from '../../views/index.js';
import { raceDeadline } from '../shared/deadline.js';
import { publishHome } from './app-home.js';
import { slackContext, type UserDirectory } from './context.js';
import { commandResponse, type SlackResponder } from './deliver.js';
import { EventDeduper, eventIdOf } from './event-dedupe.js';
import { REQUEST_KEY } from './guarded-receiver.js';
import { ReplayGuard } from './replay-guard.js';
import { INPUT_BLOCK_ID, PROMPT_CALLBACK_ID, readSubmission } from './modals.js';
import { toPlain, truncate } from './mrkdwn.js';
import { renderBlocks, slackActions } from './render-blocks.js';
import { parseFileShare, readSlackFile, takeExpectedFile } from './file-import.js';
import { HELP_COMMAND, parseSlashText } from './parse-command.js';
import { parseBlockAction, parseHomeOpened, parseSlashCommand, parseViewSubmission, type Caller, type Origin } from './payloads.js';

/**
 * Bolt listeners. Every request is acknowledged within Slack's 3 seconds: a slash command with its
 * reply when that is ready within the budget (else an empty ack, and the reply follows through
 * response_url), a button at once, a modal submission with its outcome or an empty ack.
 * Handlers never throw: the registry turns failures into a "try again" reply.
 */

export interface HandlerDeps {
  app: App;
  command: string;
  users: UserDirectory;
  responder: SlackResponder;
  poster: ChannelPoster;
  logger: Logger;
  /** How long a slash command or submission may take before it is acked empty and answered later. */
  ackDeadlineMs: number;
  /** After the ack, how long to wait for a slow store before telling the member so. */
  slowNoticeMs: number;
}

export const SLOW_NOTICE_MS = 8000;

const slowNotice = (): MessageReply =>
  message({
    title: 'Still working',
    text: 'Backprop is waiting for its storage, which is slow right now. If the result does not appear here shortly, please try again in a minute.',
    tone: 'warning',
    ephemeral: true,
  });

/**
 * Every button in our messages is ours: the registry decodes its value and answers a clear
 * "no longer supported" to anything it does not know, so no button is left unacknowledged.
 */
const ANY_ACTION = /.+/;

export function registerHandlers(bolt: BoltApp, deps: HandlerDeps): void {
  const { app, logger } = deps;
  const metrics = app.metrics;
  const context = async (client: webApi.WebClient, caller: Caller, interactionId?: string): Promise<CommandContext> => ({
    ...slackContext(deps, caller, await deps.users.lookup(client, caller)),
    interactionId,
  });
  const observe = (receivedAt: number, phase: 'first' | 'final') => metrics.responseTime('slack', phase, (performance.now() - receivedAt) / 1000);
  const deliver = async (client: webApi.WebClient, origin: Origin, caller: Caller, triggerId: string, reply: Reply) =>
    reply.type === 'prompt'
      ? deps.responder.prompt(client, triggerId, origin, caller.userId, reply)
      : deps.responder.message(client, origin, caller.userId, reply);
  /** After the ack: deliver the reply, telling the member first if the store keeps them waiting. */
  /** `null` work (a replayed request) delivers nothing. */
  const deliverLater = async (client: webApi.WebClient, origin: Origin, caller: Caller, triggerId: string, work: Promise<Reply | null>) => {
    const raced = await raceDeadline(work, deps.slowNoticeMs);
    if (!raced.inTime) await deps.responder.message(client, origin, caller.userId, slowNotice());
    const reply = raced.inTime ? raced.value : await raced.later;
    if (reply) await deliver(client, origin, caller, triggerId, reply);
  };
  /** Never rejects: a failure outside the registry's own guard still becomes "try again". */
  const safely = (what: string, fn: () => Promise<Reply>): Promise<Reply> =>
    fn().catch((err: unknown) => {
      logger.error(`${what} failed`, { error: (err as Error).message });
      return errorReply(UNAVAILABLE_TEXT);
    });

  const runSlash = async (client: webApi.WebClient, caller: Caller, text: string, triggerId: string): Promise<Reply> => {
    const ctx = await context(client, caller, triggerId);
    const parsed = parseSlashText(app.registry, text);
    if (parsed.kind === 'invalid') return errorReply(parsed.error);
    if (parsed.kind === 'run') return app.registry.runCommand(ctx, parsed.name, parsed.input);
    if (!app.registry.get(HELP_COMMAND)) return errorReply(`Valid subcommands: ${app.registry.commands.map((c) => c.name).join(', ')}.`);
    const help = await app.registry.runCommand(ctx, HELP_COMMAND, { options: {} });
    if (!parsed.unknown || help.type !== 'message') return help;
    const note = `"${parsed.unknown.slice(0, 40)}" is not a ${ctx.invocation('').trim()} subcommand. This is what it can do:`;
    return { ...help, text: `${note}\n\n${help.text ?? ''}` };
  };

  const replays = new ReplayGuard(app.store, logger);
  bolt.command(`/${deps.command}`, async ({ body, ack, client, context: boltContext }) => {
    const receivedAt = performance.now();
    const inv = parseSlashCommand(body);
    if (!inv) {
      await ack({ response_type: 'ephemeral', text: 'Backprop could not read this command. Please try again.' });
      return;
    }
    // The replay check is part of the work, so a slow store never delays the ack.
    const work = replays.firstTime(inv.caller.teamId, boltContext[REQUEST_KEY]).then((first) => (first ? safely('slash command', () => runSlash(client, inv.caller, inv.text, inv.triggerId)) : null));
    const raced = await raceDeadline(work, deps.ackDeadlineMs);
    if (raced.inTime && raced.value?.type === 'message') {
      await ack(commandResponse(raced.value));
      observe(receivedAt, 'first');
      observe(receivedAt, 'final');
      // Files cannot ride in the ack: pictures follow in the channel, documents in a direct message.
      return deps.responder.files(client, inv.origin, inv.caller.userId, raced.value);
    }
    await ack();
    observe(receivedAt, 'first');
    if (!raced.inTime) await deliverLater(client, inv.origin, inv.caller, inv.triggerId, raced.later);
    else if (raced.value) await deliver(client, inv.origin, inv.caller, inv.triggerId, raced.value);
    observe(receivedAt, 'final');
  });

  bolt.action(ANY_ACTION, async ({ body, ack, client }) => {
    const receivedAt = performance.now();
    await ack();
    observe(receivedAt, 'first');
    const inv = parseBlockAction(body);
    if (!inv) {
      logger.warn('ignored a button payload that could not be read');
      return;
    }
    const work = safely('button', async () => app.registry.runAction(await context(client, inv.caller, inv.triggerId), slackActions.decode(inv.value)));
    await deliverLater(client, inv.origin, inv.caller, inv.triggerId, work);
    observe(receivedAt, 'final');
  });

  bolt.view(PROMPT_CALLBACK_ID, async ({ body, ack, client }) => {
    const sub = parseViewSubmission(body);
    const prompt = sub && readSubmission(sub);
    if (!sub || !prompt) {
      await ack({ response_action: 'errors', errors: { [INPUT_BLOCK_ID]: 'This form is out of date. Close it and start again.' } });
      return;
    }
    const work = safely('form', async () => app.registry.runPrompt(await context(client, sub.caller), prompt.action, prompt.text));
    const raced = await raceDeadline(work, deps.ackDeadlineMs);
    if (raced.inTime && raced.value.type === 'message' && raced.value.tone === 'error') {
      // Keep the modal open with the problem under the input, so the typed answer is not lost.
      await ack({ response_action: 'errors', errors: { [INPUT_BLOCK_ID]: truncate(toPlain(raced.value.text ?? 'That did not work.'), 300) } });
      return;
    }
    await ack();
    if (raced.inTime) await deliver(client, prompt.origin, sub.caller, '', raced.value);
    else await deliverLater(client, prompt.origin, sub.caller, '', raced.later);
  });

  const deduper = new EventDeduper();
  bolt.use(async ({ body, context: boltContext, next }) => {
    const eventId = eventIdOf(body);
    if (eventId && !deduper.firstTime(eventId)) {
      logger.info('ignored a repeated Slack event', { eventId, retryNum: boltContext.retryNum });
      return;
    }
    await next();
  });

  // A file shared after `/prep pack import` (file-import.ts); every other message is not ours.
  bolt.event('message', async ({ body, client }) => {
    const shared = parseFileShare(body);
    if (!shared || !(await takeExpectedFile(app.sessions, { platform: 'slack', id: shared.teamId }, shared.userId, shared.channelId))) return;
    const caller = { teamId: shared.teamId, userId: shared.userId, userName: shared.userId, channelId: shared.channelId };
    const reply = await safely('file import', async () => {
      const ctx = { ...(await context(client, caller)), readAttachment: (id: string, max: number) => readSlackFile(client, id, max) };
      return app.registry.runCommand(ctx, 'pack', { subcommand: 'import', options: { file: shared.fileId } });
    });
    if (reply.type !== 'message') return;
    await client.chat.postEphemeral({ channel: shared.channelId, user: shared.userId, ...renderBlocks(reply) }).catch((err: unknown) =>
      logger.error('could not answer a pack file', { error: (err as Error).message }),
    );
  });

  bolt.event('app_home_opened', async ({ body, client }) => {
    const opened = parseHomeOpened(body);
    if (!opened) return;
    const ctx = await context(client, { teamId: opened.teamId, userId: opened.userId, userName: opened.userId });
    await publishHome(client, ctx, (err) => logger.error('App Home failed', { error: (err as Error).message })).catch((err: unknown) =>
      logger.error('views.publish failed', { error: (err as Error).message }),
    );
  });
}
