import type { ApiCall, FakeSlack, ResponsePost } from './fake-slack.js';
import { appHomeOpenedBody, blockActionsBody, fileShareBody, slashCommandBody, viewSubmissionBody, type Who } from './payloads.js';
import type { Acked, Transport } from './transport.js';

/**
 * A workspace member driving the app the way the Slack client would: slash commands, button
 * clicks on the message they are on, modal submissions, opening App Home. Each step returns what
 * Slack would then show, read from the ack or from what the fake recorded.
 */

/** Where a message lives, which decides the payload of a click on it. */
export type Place =
  | { kind: 'ephemeral'; channelId: string; ts: string }
  | { kind: 'message'; channelId: string; ts: string }
  | { kind: 'home'; viewId: string };

export interface SlackMessage {
  blocks: Record<string, unknown>[];
  place: Place;
  /** Every visible text of the blocks, joined by newlines. */
  text: string;
  body: Record<string, unknown>;
}

export interface Button {
  text: string;
  actionId: string;
  value: string;
}

/** What followed a click: a post to the click's response_url, or a Web API call. */
export type Reaction = { kind: 'response'; post: ResponsePost } | { kind: 'call'; call: ApiCall };

type Json = Record<string, unknown>;
const asObj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const asArr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(asObj) : []);

export function visibleText(blocks: unknown): string {
  const out: string[] = [];
  for (const b of asArr(blocks)) {
    const t = asObj(b['text'])['text'];
    if (typeof t === 'string') out.push(t);
    for (const f of asArr(b['fields'])) if (typeof f['text'] === 'string') out.push(f['text']);
    for (const e of asArr(b['elements'])) {
      const et = e['type'] === 'button' ? asObj(e['text'])['text'] : e['text'];
      if (typeof et === 'string') out.push(et);
    }
  }
  return out.join('\n');
}

export function buttonsOf(blocks: unknown): Button[] {
  return asArr(blocks)
    .filter((b) => b['type'] === 'actions')
    .flatMap((b) => asArr(b['elements']))
    .map((e) => ({ text: String(asObj(e['text'])['text']), actionId: String(e['action_id']), value: String(e['value']) }));
}

const message = (body: Json, place: Place): SlackMessage => {
  const blocks = asArr(body['blocks']);
  return { blocks, place, text: visibleText(blocks), body };
};

export class SlackMember {
  private triggers = 0;

  constructor(
    readonly fake: FakeSlack,
    readonly transport: Transport,
    readonly who: Who,
    readonly command = '/prep',
  ) {}

  get channelId(): string {
    return this.who.channelId ?? 'C0GENERAL';
  }

  /** Sends `/prep <text>`; returns the ack and the response_url the command carried. */
  async slash(text: string): Promise<{ acked: Acked; responseUrl: string }> {
    const responseUrl = this.fake.responseUrl();
    const acked = await this.transport.command(slashCommandBody(this.who, this.command, text, responseUrl, `trigger-${++this.triggers}`));
    return { acked, responseUrl };
  }

  /** Runs a command and returns the reply: the ack's message, or the first post to response_url. */
  async run(text: string): Promise<SlackMessage> {
    const { acked, responseUrl } = await this.slash(text);
    if (acked.status !== 200) throw new Error(`/prep ${text}: HTTP ${acked.status}`);
    const body = acked.body && acked.body['blocks'] ? acked.body : (await this.fake.waitForResponse(responseUrl)).body;
    return this.placed(body);
  }

  private placed(body: Json): SlackMessage {
    const kind = body['response_type'] === 'in_channel' ? 'message' : 'ephemeral';
    return message(body, { kind, channelId: this.channelId, ts: this.fake.nextTs() });
  }

  /** Clicks the button whose text is `label` (or that matches it). */
  async click(msg: SlackMessage, label: string | RegExp): Promise<{ acked: Acked; responseUrl?: string; callsBefore: number; triggerId: string }> {
    const button = buttonsOf(msg.blocks).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    if (!button) throw new Error(`no button "${String(label)}" in: ${buttonsOf(msg.blocks).map((b) => b.text).join(', ')}`);
    const callsBefore = this.fake.calls.length;
    const triggerId = `trigger-${++this.triggers}`;
    const p = msg.place;
    const responseUrl = p.kind === 'home' ? undefined : this.fake.responseUrl();
    const container =
      p.kind === 'home' ? { type: 'view' as const, viewId: p.viewId } : { type: 'message' as const, channelId: p.channelId, messageTs: p.ts, ephemeral: p.kind === 'ephemeral' };
    const acked = await this.transport.interaction(blockActionsBody({ who: this.who, actionId: button.actionId, value: button.value, container, responseUrl, triggerId }));
    return { acked, responseUrl, callsBefore, triggerId };
  }

  /** Waits for what follows a click: a post to its response_url or a message/modal call. */
  async reaction(click: { responseUrl?: string; callsBefore: number }): Promise<Reaction> {
    const methods = ['chat.update', 'chat.postMessage', 'chat.postEphemeral', 'views.open'];
    return this.fake.waitFor<Reaction>(() => {
      const post = click.responseUrl ? this.fake.responsesTo(click.responseUrl)[0] : undefined;
      if (post) return { kind: 'response', post };
      const call = this.fake.calls.slice(click.callsBefore).find((c) => methods.includes(c.method) && c.ok);
      return call ? { kind: 'call', call } : undefined;
    }, 'a reaction to a click');
  }

  /** Clicks and returns the message shown afterwards (the replaced one, or a new one). */
  async press(msg: SlackMessage, label: string | RegExp): Promise<SlackMessage> {
    const r = await this.reaction(await this.click(msg, label));
    if (r.kind === 'response') {
      const body = r.post.body;
      return body['replace_original'] === true ? message(body, msg.place) : this.placed(body);
    }
    const { call } = r;
    if (call.method === 'chat.update') return message(call.args, msg.place);
    if (call.method === 'chat.postMessage') return message(call.args, { kind: 'message', channelId: String(call.result['channel']), ts: String(call.result['ts']) });
    if (call.method === 'chat.postEphemeral') return message(call.args, { kind: 'ephemeral', channelId: String(call.args['channel']), ts: String(call.result['message_ts']) });
    throw new Error(`a click opened ${call.method}; use click() and submit() for modals`);
  }

  /** Submits the modal opened by views.open with the text typed into its input. */
  async submit(open: ApiCall, text: string): Promise<Acked> {
    const view = asObj(open.args['view']);
    const input = asArr(view['blocks']).find((b) => b['type'] === 'input');
    if (!input) throw new Error('the modal has no input');
    const values = { [String(input['block_id'])]: { [String(asObj(input['element'])['action_id'])]: text } };
    return this.transport.interaction(viewSubmissionBody(this.who, { callback_id: view['callback_id'], private_metadata: view['private_metadata'] }, values));
  }

  /** Shares an uploaded file (FakeSlack.uploadFile) in the member's conversation. */
  shareFile(file: { id: string; name: string; size: number }, eventId: string): Promise<Acked> {
    return this.transport.event(fileShareBody(this.who.teamId, this.who.userId, this.channelId, file, eventId));
  }

  /** Opens the App Home tab; returns the ack (events are acked empty). */
  openHome(eventId: string, retryNum?: number): Promise<Acked> {
    return this.transport.event(appHomeOpenedBody(this.who.teamId, this.who.userId, eventId), retryNum);
  }

  /** The home view published for this member, as a message whose buttons can be clicked. */
  async home(n = 0): Promise<SlackMessage> {
    const call = await this.fake.waitForCall('views.publish', (c) => c.args['user_id'] === this.who.userId, n);
    return message(asObj(call.args['view']), { kind: 'home', viewId: String(call.result['view'] && asObj(call.result['view'])['id']) });
  }
}
