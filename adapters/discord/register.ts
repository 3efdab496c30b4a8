import { DiscordAPIError, REST, Routes } from "discord.js";
import type { DiscordConfig } from "../../src/config.js";
import type { Logger } from "../../src/ports.js";
import { commandBodies } from "./commands.js";

/** Where the commands were registered, and how many Discord now holds there. */
export interface Registration {
  readonly scope: "global" | "guild";
  readonly count: number;
}

/** Registration failed for a reason a person can fix; the message says how. */
export class RegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistrationError";
  }
}

function explain(error: unknown, config: DiscordConfig): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  if (error.status === 401)
    return new RegistrationError(
      "Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal.",
    );
  if (error.status === 403 || error.status === 404)
    return new RegistrationError(
      config.guildId
        ? `Discord refused commands for guild ${config.guildId} (${error.message}): check DISCORD_GUILD_ID, and that the bot was invited there with the applications.commands scope.`
        : `Discord refused the commands (${error.message}): check DISCORD_APPLICATION_ID.`,
    );
  return new RegistrationError(`Discord refused the commands: ${error.message}`);
}

/**
 * Registers /srm and /srm-admin with one bulk overwrite (PUT), in DISCORD_GUILD_ID when set (visible at
 * once; for development) or globally, where /srm is also offered to user installs, DMs and private
 * channels. Commands that are no longer defined are removed by the overwrite.
 */
export async function registerDiscordCommands(config: DiscordConfig, logger: Logger): Promise<Registration> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(
    config.token.replace(/^(Bot|Bearer)\s+/i, ""),
  );
  const scope = config.guildId ? "guild" : "global";
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const body = commandBodies();
  try {
    const registered = (await rest.put(route, { body })) as unknown[];
    logger.info("registered the Discord slash commands", {
      scope,
      ...(config.guildId ? { guild: config.guildId } : {}),
      commands: body.map((c) => c.name),
    });
    // Discord keeps integration types and contexts for global commands only.
    if (scope === "guild")
      logger.info(
        "commands registered in one server are not offered to people who add srm-bot to their own account; register without DISCORD_GUILD_ID for that",
      );
    return { scope, count: registered.length };
  } catch (error) {
    throw explain(error, config);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
