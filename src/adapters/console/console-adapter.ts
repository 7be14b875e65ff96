import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir, userInfo } from 'node:os';
import { extname, join } from 'node:path';
import type { Community, UserRef } from '../../core/identity.js';
import { isPicture, type PromptReply, type Reply, type ReplyAttachment } from '../../core/reply.js';
import type { Core } from '../../core/core.js';
import type { CommandContext } from '../../registry/command.js';
import type { ChannelPoster } from '../../core/channel-poster.js';
import type { CommandRegistry } from '../../registry/registry.js';
import { parseTextCommand } from '../../registry/parse-text.js';
import { consoleText, type ConsoleButton } from './render-text.js';
import { readLocalFile } from './read-file.js';

export interface ConsoleAdapterConfig {
  core: Core;
  registry: CommandRegistry;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  userName?: string | undefined;
  /** Where pictures are written; `$TMPDIR/backprop` by default. */
  picturesDir?: string | undefined;
}

/** The console is a community of its own with one local user, who is its admin. */
export const CONSOLE_COMMUNITY: Community = { platform: 'console', id: 'local' };
const CONSOLE_CHANNEL = 'console';

/**
 * The no-token terminal adapter. Lines starting with "/" (or a command word) run commands;
 * a number or button word presses a button of the last reply; other text answers an open question.
 */
export class ConsoleAdapter {
  /** The last reply's buttons with the word that presses each, read from its action. */
  private buttons: ConsoleButton[] = [];
  private prompt: PromptReply | null = null;
  private readonly user: UserRef;

  constructor(private readonly config: ConsoleAdapterConfig) {
    this.user = { community: CONSOLE_COMMUNITY, userId: 'local', displayName: config.userName ?? safeUserName() };
  }

  private ctx(): CommandContext {
    return {
      core: this.config.core,
      user: this.user,
      isAdmin: true,
      canShare: false,
      invocation: (c) => `/${c}`,
      commands: this.config.registry.commands,
      channelId: CONSOLE_CHANNEL,
      poster: this.poster,
      readAttachment: readLocalFile,
    };
  }

  /** Daily posts land in the terminal; the last posted card's buttons become the active ones. */
  readonly poster: ChannelPoster = {
    platform: 'console',
    invocation: (command) => `/${command}`,
    checkChannel: async (_c, channelId) => (channelId === CONSOLE_CHANNEL ? null : `The console has a single channel, "${CONSOLE_CHANNEL}".`),
    post: async (_c, channelId, reply) => {
      this.show(reply);
      return { channelId, messageId: `console-${++this.posted}` };
    },
    update: async (_c, _ref, reply) => {
      this.show(reply);
    },
    // The console has one member, at this terminal: a direct message is printed like a post.
    sendDirect: async (_c, _userId, reply) => {
      this.show(reply);
    },
  };
  private posted = 0;

  private print(s: string): void {
    this.config.output.write(`${s}\n`);
  }

  /** Runs until the input ends. Lines are handled one at a time, in order. */
  async run(): Promise<void> {
    const interactive = 'isTTY' in this.config.input && Boolean((this.config.input as { isTTY?: boolean }).isTTY);
    const rl = createInterface({ input: this.config.input, output: interactive ? this.config.output : undefined, terminal: interactive });
    if (interactive) {
      this.print('Backprop — deep-learning interview prep. Type /help for commands, /quiz to start.');
      rl.setPrompt('> ');
      rl.prompt();
    }
    for await (const line of rl) {
      await this.handle(line);
      if (interactive) rl.prompt();
    }
  }

  async handle(raw: string): Promise<void> {
    const line = raw.trim();
    if (line.length === 0) return;
    const registry = this.config.registry;
    if (this.prompt && !line.startsWith('/')) {
      const prompt = this.prompt;
      this.prompt = null;
      return this.show(await registry.runPrompt(this.ctx(), prompt.action, line));
    }
    const word = line.toLowerCase();
    const pressed = this.buttons.find((b) => b.word === word);
    if (pressed) return this.show(await registry.runAction(this.ctx(), pressed.button.action));
    const first = word.replace(/^\//, '').split(/\s+/)[0] ?? '';
    const form = this.buttons.find((b) => registry.opensPrompt(b.button.action));
    if (!line.startsWith('/') && !registry.get(first) && form) {
      // Free text while an open question waits: open its form and submit the text straight away.
      const reply = await registry.runAction(this.ctx(), form.button.action);
      if (reply.type === 'prompt') return this.show(await registry.runPrompt(this.ctx(), reply.action, line));
      return this.show(reply);
    }
    if (/^\d+$/.test(word)) {
      const words = this.buttons.map((b) => b.word).filter((w) => /^\d+$/.test(w));
      return this.print(words.length > 0 ? `✖ Choose one of: ${words.join(', ')}.` : '✖ There is nothing to answer right now. Start a question with /quiz.');
    }
    const parsed = parseTextCommand(registry, line);
    if (!parsed.ok) return this.print(`✖ ${parsed.error}`);
    this.show(await registry.runCommand(this.ctx(), parsed.name, parsed.input));
  }

  private show(reply: Reply): void {
    const { text, buttons } = consoleText(reply, (ref) => this.config.registry.actionWord(ref));
    if (reply.type === 'prompt') {
      this.prompt = reply;
    } else if (buttons.length > 0 || reply.update) {
      // A reply without buttons (an error, a look at /streak) leaves the previous ones usable.
      this.buttons = buttons;
    }
    this.print(text);
    if (reply.type === 'message') for (const a of reply.attachments ?? []) this.print(this.savePicture(a));
  }

  /** A terminal shows no pictures and holds no files: each is written to a file, and the line says where. */
  private savePicture(a: ReplyAttachment): string {
    const dir = this.config.picturesDir ?? join(tmpdir(), 'backprop');
    const ext = extname(a.name);
    // A name of its own per file, so an image viewer left open keeps the one it shows.
    const file = join(dir, `${a.name.slice(0, a.name.length - ext.length)}-${new Date().toISOString().replace(/[:.]/g, '-')}-${++this.saved}${ext}`);
    const kind = isPicture(a) ? 'picture' : 'file';
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, a.data);
      return `${isPicture(a) ? '🖼  Picture' : '📄 File'}: ${file}`;
    } catch (err) {
      return `✖ The ${kind} could not be written to ${dir} (${(err as Error).message}). Set PICTURES_DIR to a folder you can write to.`;
    }
  }
  private saved = 0;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'you';
  } catch {
    return 'you';
  }
}
