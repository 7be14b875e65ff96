import type { CommandInput } from '../../registry/command.js';
import { parseTextCommand } from '../../registry/parse-text.js';
import type { CommandRegistry } from '../../registry/registry.js';
import { unescapeSlack } from './mrkdwn.js';

/**
 * `/prep <subcommand> …` -> a registry command, read with the same text syntax as the console
 * (`quiz cnn advanced open`, `leaderboard week teams`, `team join Deep Divers`).
 * Slack convention: an empty or unknown subcommand shows help.
 */
export type SlashParse =
  | { kind: 'run'; name: string; input: CommandInput }
  | { kind: 'help'; unknown?: string | undefined }
  | { kind: 'invalid'; error: string };

export const HELP_COMMAND = 'help';

export function parseSlashText(registry: CommandRegistry, rawText: string): SlashParse {
  // Slack sends a typed & < > as entities; the core works on the text the user typed.
  const text = unescapeSlack(rawText).trim();
  if (text === '') return { kind: 'help' };
  const parsed = parseTextCommand(registry, text);
  if (!registry.get(parsed.name)) return { kind: 'help', unknown: text.split(/\s+/)[0] ?? text };
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  return { kind: 'run', name: parsed.name, input: parsed.input };
}
