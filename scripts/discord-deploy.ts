/**
 * `npm run discord:deploy`: registers every command in commands/ as Discord application commands
 * with one bulk overwrite — globally, or to DISCORD_GUILD_ID for development. Safe to re-run.
 */
import { commands } from '../commands/index.js';
import { createRest, deployCommands } from '../src/adapters/discord/deploy.js';
import { loadConfig } from '../src/config.js';
import { AppError } from '../src/core/errors.js';
import { silentLogger } from '../src/core/ports.js';
import { CommandRegistry } from '../src/registry/registry.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.discord) {
    throw new AppError('CONFIG_INVALID', 'DISCORD_TOKEN is required to register commands (Developer Portal → your app → Bot → Reset Token).');
  }
  // Checks the definitions before anything reaches Discord (topics are only needed at run time).
  new CommandRegistry(commands, { dynamicChoices: { topic: () => [] }, logger: silentLogger });
  const result = await deployCommands({ rest: createRest(config.discord), commands, appId: config.discord.appId, guildId: config.discord.guildId });
  const where = result.scope === 'global' ? 'globally' : `to server ${result.scope.guildId}`;
  process.stdout.write(`Registered ${result.registered.length} commands ${where} for application ${result.appId}: ${result.registered.map((c) => `/${c.name}`).join(', ')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof AppError ? `discord:deploy: ${err.message}\n` : `discord:deploy: failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
