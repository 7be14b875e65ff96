import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { EventDeduper } from '../../../src/adapters/slack/event-dedupe.js';
import { buildManifest, usageHint } from '../../../src/adapters/slack/manifest.js';
import { promptView, readSubmission } from '../../../src/adapters/slack/modals.js';
import { escapeSlack, splitText, toMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';
import { parseSlashText } from '../../../src/adapters/slack/parse-command.js';
import { renderBlocks } from '../../../src/adapters/slack/render-blocks.js';
import { message, type ReplyButton } from '../../../src/core/reply.js';
import { makeTestApp } from '../../support/app.js';
import { blockProblems, viewProblems } from '../../support/fake-slack/block-limits.js';
import { buttonsOf, visibleText } from '../../support/fake-slack/member.js';

const button = (label: string, arg = label): ReplyButton => ({ label, action: { name: 'quiz.hint', args: [arg] } });

describe('Slack mrkdwn', () => {
  it('translates the core markdown subset and escapes control characters everywhere', () => {
    expect(toMrkdwn('**bold** and *italic* and `a<b>` \n- item')).toBe('*bold* and _italic_ and `a&lt;b&gt;` \n• item');
    expect(toMrkdwn('<!channel> <@U1|x> <https://evil|click> & more')).toBe('&lt;!channel&gt; &lt;@U1|x&gt; &lt;https://evil|click&gt; &amp; more');
    expect(toMrkdwn('2 * 3 * 4 and **1.** x')).toBe('2 * 3 * 4 and *1.* x');
    expect(escapeSlack('a&b')).toBe('a&amp;b');
  });

  it('splits at lines, then spaces, and never inside an escape', () => {
    const chunks = splitText(escapeSlack('&'.repeat(7000)), 3000);
    expect(chunks.every((c) => c.length <= 3000 && /^(&amp;)+$/.test(c))).toBe(true);
    expect(chunks.join('')).toBe('&amp;'.repeat(7000));
    const words = splitText(`${'word '.repeat(1000)}\nnext`, 3000);
    expect(words.every((c) => c.length <= 3000 && !c.startsWith(' '))).toBe(true);
    expect(words.at(-1)).toContain('next');
  });
});

describe('renderBlocks respects Block Kit limits and never fails', () => {
  it('keeps header, buttons and footer when the body is too long, with a note', () => {
    const fields = Array.from({ length: 80 }, (_, i) => ({ name: `Field ${i}`, value: 'v'.repeat(2500) }));
    const r = renderBlocks(message({ title: 'T'.repeat(300), fields, buttons: [[button('Go')]], footer: 'foot' }));
    expect(blockProblems(r.blocks, 50)).toEqual([]);
    expect(r.blocks).toHaveLength(50);
    expect(r.blocks[0]).toMatchObject({ type: 'header' });
    expect(r.blocks.at(-2)).toMatchObject({ type: 'actions' });
    expect(visibleText(r.blocks)).toContain('shortened');
    expect(visibleText(r.blocks)).toContain('foot');
  });

  it('shortens long labels, splits wide rows, makes action ids unique and drops disabled buttons', () => {
    const row = [...Array.from({ length: 30 }, (_, i) => button(`${i}`, `${i}`)), button('x'.repeat(100), 'same'), button('y', 'same')];
    row.push({ ...button('off'), disabled: true });
    const r = renderBlocks(message({ text: 'pick', buttons: [row] }));
    expect(blockProblems(r.blocks, 50)).toEqual([]);
    expect(r.blocks.filter((b) => b.type === 'actions')).toHaveLength(2);
    const bs = buttonsOf(r.blocks);
    expect(bs).toHaveLength(32);
    expect(bs.some((b) => b.text === 'off')).toBe(false);
    expect(new Set(bs.map((b) => b.actionId)).size).toBe(32);
    expect(bs.filter((b) => b.value === 'bp1|quiz.hint|same')).toHaveLength(2);
  });

  it('groups short inline fields side by side', () => {
    const r = renderBlocks(message({ fields: [{ name: 'A', value: '1', inline: true }, { name: 'B', value: '2', inline: true }, { name: 'Long', value: 'text' }] }));
    expect(r.blocks[0]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*A*\n1', verbatim: true }, { type: 'mrkdwn', text: '*B*\n2', verbatim: true }] });
    expect(r.blocks[1]).toMatchObject({ type: 'section', text: { text: '*Long*\ntext' } });
  });
});

describe('Slack modals', () => {
  it("caps the input at Slack's 3000 and round-trips the action and origin", () => {
    const view = promptView(
      { type: 'prompt', action: { name: 'quiz.submit', args: ['d1'] }, title: 'A title much longer than Slack allows', label: 'Q?', minLength: 1, maxLength: 4000, multiline: true },
      { kind: 'message', channelId: 'C1', messageTs: '1.2', ephemeral: true, responseUrl: 'http://127.0.0.1:1/response/1' },
    );
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks[0]!.element.max_length).toBe(3000);
    const sub = readSubmission({
      caller: { teamId: 'T', userId: 'U', userName: 'u' },
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { answer: { text: 'hello' } },
    });
    expect(sub).toEqual({ action: { name: 'quiz.submit', args: ['d1'] }, origin: { kind: 'message', channelId: 'C1', messageTs: '1.2', ephemeral: true, responseUrl: 'http://127.0.0.1:1/response/1' }, text: 'hello' });
    expect(readSubmission({ caller: { teamId: 'T', userId: 'U', userName: 'u' }, callbackId: view.callback_id, privateMetadata: '{"a":1}', values: {} })).toBeNull();
  });
});

describe('parseSlashText', () => {
  it('maps /prep text onto the registry, with help for empty or unknown subcommands', async () => {
    const { registry } = await makeTestApp();
    expect(parseSlashText(registry, '  ')).toEqual({ kind: 'help' });
    expect(parseSlashText(registry, 'dance now')).toEqual({ kind: 'help', unknown: 'dance' });
    expect(parseSlashText(registry, 'leaderboard month teams')).toEqual({ kind: 'run', name: 'leaderboard', input: { options: { period: 'month', scope: 'teams' } } });
    expect(parseSlashText(registry, 'team join Deep &amp; Dark')).toEqual({ kind: 'run', name: 'team', input: { subcommand: 'join', options: { name: 'Deep & Dark' } } });
    expect(parseSlashText(registry, 'stats <@U123|ada>')).toEqual({ kind: 'run', name: 'stats', input: { options: { user: 'U123' } } });
    expect(parseSlashText(registry, 'streak extra words')).toMatchObject({ kind: 'invalid' });
  });
});

describe('Slack manifest', () => {
  it('is generated from the commands, for HTTP mode or Socket Mode', () => {
    const http = buildManifest(commands, { baseUrl: 'https://prep.example.com/', socketMode: false, command: 'prep' }) as {
      features: { slash_commands: { command: string; url: string; usage_hint: string }[]; app_home: { home_tab_enabled: boolean } };
      settings: { interactivity: { request_url: string }; event_subscriptions: { request_url: string; bot_events: string[] }; socket_mode_enabled: boolean };
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(http.features.slash_commands[0]).toMatchObject({ command: '/prep', url: 'https://prep.example.com/slack/events' });
    for (const c of commands.filter((c) => !c.adminOnly)) expect(http.features.slash_commands[0]!.usage_hint).toContain(c.name);
    expect(http.settings.interactivity.request_url).toBe('https://prep.example.com/slack/events');
    expect(http.settings.event_subscriptions).toEqual({ request_url: 'https://prep.example.com/slack/events', bot_events: ['app_home_opened', 'message.channels', 'message.groups', 'message.im'] });
    expect(http.features.app_home.home_tab_enabled).toBe(true);
    expect(http.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read', 'files:read']));
    expect(http.settings.socket_mode_enabled).toBe(false);
    const socket = buildManifest(commands, { socketMode: true, command: 'quizme' });
    expect(JSON.stringify(socket)).not.toContain('request_url');
    expect(JSON.stringify(socket)).toContain('"/quizme"');
    expect(usageHint(commands).length).toBeLessThanOrEqual(1000);
  });
});

describe('EventDeduper', () => {
  it('remembers the latest ids up to its size', () => {
    const d = new EventDeduper(2);
    expect([d.firstTime('a'), d.firstTime('a'), d.firstTime('b'), d.firstTime('c'), d.firstTime('a'), d.firstTime('c')]).toEqual([true, false, true, true, true, false]);
  });
});
