import { REST, Routes } from 'discord.js';
import type { DiscordConfig } from './config.js';
import { AppError } from '../../core/errors.js';
import type { CommandDef } from '../../registry/command.js';
import { toApplicationCommands } from './command-payloads.js';

export interface DeployOptions {
  rest: REST;
  commands: readonly CommandDef[];
  /** Read from the token's application when absent. */
  appId?: string | undefined;
  /** Registers to one server (instant, for development) instead of globally. */
  guildId?: string | undefined;
}

export interface DeployResult {
  appId: string;
  scope: 'global' | { guildId: string };
  /** The registered commands as Discord returned them: name and id. */
  registered: { id: string; name: string }[];
}

/** A REST client for the configured API base (a proxy, or the fake Discord in tests). */
export function createRest(config: Pick<DiscordConfig, 'token' | 'apiBase'>): REST {
  return new REST({ api: config.apiBase }).setToken(config.token);
}

const nameOf = (value: unknown) => (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string' ? value.name : '?');

function idOf(value: unknown, what: string): string {
  const id = typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined;
  if (typeof id !== 'string') throw new AppError('INTERNAL', `Discord returned ${what} without an id`);
  return id;
}

/**
 * Registers every command with one bulk overwrite. Discord keeps the id of a command whose name
 * is unchanged and only bumps its version when the definition changed, so running it again
 * with the same commands changes nothing.
 */
export async function deployCommands(opts: DeployOptions): Promise<DeployResult> {
  const appId = opts.appId ?? idOf(await opts.rest.get(Routes.currentApplication()), 'the application');
  const route = opts.guildId ? Routes.applicationGuildCommands(appId, opts.guildId) : Routes.applicationCommands(appId);
  const response = await opts.rest.put(route, { body: toApplicationCommands(opts.commands) });
  if (!Array.isArray(response)) throw new AppError('INTERNAL', 'Discord answered the command overwrite with something other than a list');
  const registered = response.map((c: unknown) => ({ id: idOf(c, 'a command'), name: nameOf(c) }));
  return { appId, scope: opts.guildId ? { guildId: opts.guildId } : 'global', registered };
}

/** Commands of the registry that Discord does not know (globally or in the guild): deploy was not run, or not since they were added. */
export async function unregisteredCommands(opts: Required<Pick<DeployOptions, 'rest' | 'commands' | 'appId'>> & Pick<DeployOptions, 'guildId'>): Promise<string[]> {
  const routes = [Routes.applicationCommands(opts.appId), ...(opts.guildId ? [Routes.applicationGuildCommands(opts.appId, opts.guildId)] : [])];
  const lists = await Promise.all(routes.map((route) => opts.rest.get(route)));
  const known = new Set(lists.flatMap((list) => (Array.isArray(list) ? list.map(nameOf) : [])));
  return opts.commands.map((c) => c.name).filter((name) => !known.has(name));
}
