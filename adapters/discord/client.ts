import { Client, GatewayIntentBits } from "discord.js";
import type { DiscordConfig } from "../../src/config.js";

/**
 * A discord.js client with the Guilds intent only: slash commands, autocomplete and buttons arrive as
 * interactions, so no privileged intent (members, presences, message content) is asked for. The REST
 * base URL is DISCORD_API_URL when set; the gateway URL comes from GET /gateway/bot on it.
 */
export function createDiscordClient(config: DiscordConfig): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // A deadline and a bounded retry on every REST call, so one hung channel cannot hold its caller forever.
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      timeout: config.calls.timeoutMs,
      retries: config.calls.retries,
    },
  });
  // The REST manager gets the token now, so the announcer can post before the gateway is up.
  client.rest.setToken(config.token.replace(/^(Bot|Bearer)\s+/i, ""));
  return client;
}
