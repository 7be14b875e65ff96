import { coerceOptions, type CommandRegistry } from './registry.js';
import type { CommandInput } from './command.js';

export type ParsedText = { ok: true; name: string; input: CommandInput } | { ok: false; name: string; error: string };

/** Splits on white space, keeping "quoted phrases" together. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/**
 * Reads the text form of a command, shared by the console and Slack: `quiz topic:cnn mode:open`,
 * or positionally `quiz cnn advanced open`, `leaderboard week teams`, `team join Deep Divers`.
 * A positional word goes to the option whose choices contain it, else to the next free text option.
 */
export function parseTextCommand(registry: CommandRegistry, line: string): ParsedText {
  return parseTokens(registry, tokenize(line.trim()), 0);
}

function parseTokens(registry: CommandRegistry, tokens: string[], depth: number): ParsedText {
  const name = (tokens.shift() ?? '').replace(/^\//, '').toLowerCase();
  const cmd = registry.get(name);
  if (!cmd) return { ok: true, name, input: { options: {} } };
  const routed = cmd.textRoutes?.[tokens[0]?.toLowerCase() ?? ''];
  // One hop only: a route never leads on to another route.
  if (routed !== undefined && depth === 0) return parseTokens(registry, [routed, ...tokens.slice(1)], 1);
  let subcommand: string | undefined;
  if (cmd.subcommands) {
    const first = tokens[0]?.toLowerCase();
    if (first !== undefined && cmd.subcommands.some((s) => s.name === first)) {
      subcommand = first;
      tokens.shift();
    } else if (cmd.textDefault !== undefined) {
      subcommand = cmd.textDefault;
    } else if (first !== undefined) {
      return { ok: false, name, error: `"${first.slice(0, 40)}" is not a ${name} subcommand. Valid: ${cmd.subcommands.map((s) => s.name).join(', ')}.` };
    }
  }
  const defs = registry.optionsOf(cmd, subcommand);
  const raw: Record<string, string> = {};
  const free = () => defs.filter((d) => raw[d.name] === undefined);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // Option names may hold `_` and `-` (reveal_hours); the registry decides which names exist.
    const kv = /^([a-z][a-z0-9_-]*):(.*)$/i.exec(token);
    if (kv && defs.some((d) => d.name === kv[1]!.toLowerCase())) {
      raw[kv[1]!.toLowerCase()] = kv[2]!;
      continue;
    }
    const word = token.toLowerCase();
    const byChoice = free().find((d) => registry.choicesOf(d)?.includes(word));
    if (byChoice) {
      raw[byChoice.name] = word;
      continue;
    }
    const textual = free().filter((d) => d.type === 'string' || d.type === 'user' || d.type === 'channel' || d.type === 'attachment');
    const next = textual.find((d) => !(d.choices || d.dynamicChoices)) ?? textual[0];
    if (!next) {
      return { ok: false, name, error: `Unexpected "${token.slice(0, 40)}". ${name} takes: ${defs.map((d) => d.name).join(', ') || 'no options'}.` };
    }
    if (next.rest) {
      raw[next.name] = tokens.slice(i).join(' ');
      break;
    }
    raw[next.name] = next.choices || next.dynamicChoices ? word : token;
  }
  const options = coerceOptions(defs, raw);
  if (typeof options === 'string') return { ok: false, name, error: options };
  return { ok: true, name, input: { subcommand, options } };
}
