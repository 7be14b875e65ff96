import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction, ModalSubmitInteraction } from 'discord.js';
import type { Metrics } from '../../core/metrics.js';
import type { Logger } from '../../core/ports.js';
import type { CommandInput, OptionValues } from '../../registry/command.js';
import type { CommandRegistry } from '../../registry/registry.js';
import { communityOf, contextFor, type ContextDeps } from './interaction-context.js';
import { discordActions, PROMPT_INPUT_ID } from './render.js';
import { Responder, type Timing } from './respond.js';

export interface InteractionDeps extends ContextDeps {
  logger: Logger;
  timing: Timing;
  metrics?: Metrics | undefined;
}

/** Options as the command defines them; values Discord sends for anything else are ignored. */
export function commandInput(registry: CommandRegistry, i: ChatInputCommandInteraction | AutocompleteInteraction): CommandInput {
  const subcommand = i.options.getSubcommand(false) ?? undefined;
  const cmd = registry.get(i.commandName);
  const options: OptionValues = {};
  for (const def of cmd ? registry.optionsOf(cmd, subcommand) : []) {
    const value = i.options.get(def.name)?.value;
    if (value !== undefined) options[def.name] = value;
  }
  return { subcommand, options };
}

function promptText(i: ModalSubmitInteraction): string {
  try {
    return i.fields.getTextInputValue(PROMPT_INPUT_ID);
  } catch {
    // A form of another shape: the handler answers an empty text with what to do.
    return '';
  }
}

/**
 * Routes each interaction to the registry: slash commands, buttons (custom_id = encoded action),
 * modal submissions (custom_id = encoded prompt action) and autocomplete. Never throws.
 */
export function createInteractionHandler(deps: InteractionDeps): (i: Interaction) => Promise<void> {
  const { registry, logger } = deps;
  const responder = new Responder(deps.timing, logger, deps.metrics);

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const cmd = registry.get(i.commandName);
    const focused = i.options.getFocused(true);
    const def = cmd ? registry.optionsOf(cmd, i.options.getSubcommand(false) ?? undefined).find((d) => d.name === focused.name) : undefined;
    const values = def ? await registry.completeIn(communityOf(i), def, String(focused.value)) : [];
    await i.respond(values.map((v) => ({ name: v, value: v })));
  }

  return async (i) => {
    const receivedAt = performance.now();
    try {
      if (i.isAutocomplete()) return await autocomplete(i);
      if (i.isChatInputCommand()) {
        return await responder.respond(i, registry.runCommand(contextFor(i, deps), i.commandName, commandInput(registry, i)), receivedAt);
      }
      if (i.isButton()) return await responder.respond(i, registry.runAction(contextFor(i, deps), discordActions.decode(i.customId)), receivedAt);
      if (i.isModalSubmit()) return await responder.respond(i, registry.runPrompt(contextFor(i, deps), discordActions.decode(i.customId), promptText(i)), receivedAt);
      // Context menus and select menus are not Backprop's; Discord shows its own notice.
    } catch (err) {
      logger.error('discord interaction failed', { type: i.type, interactionId: i.id, guild: i.guildId, error: err instanceof Error ? err.message : String(err) });
    }
  };
}
