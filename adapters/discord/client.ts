import { Client, type ClientOptions, GatewayIntentBits } from "discord.js";
import type { DiscordConfig, ShardSlice } from "../../src/config.js";

/** The shards of one client: a slice of SRM_DISCORD_SHARDS, or every shard Discord's GET /gateway/bot recommends. */
function sharding(slice: ShardSlice | null): Pick<ClientOptions, "shards" | "shardCount"> {
  if (slice === null) return { shards: "auto" };
  const ids = Array.from({ length: slice.last - slice.first + 1 }, (_, i) => slice.first + i);
  return { shards: ids, shardCount: slice.count };
}

/**
 * A discord.js client with the Guilds intent only: slash commands, autocomplete and buttons arrive as
 * interactions, so no privileged intent (members, presences, message content) is asked for. The REST
 * base URL is DISCORD_API_URL when set; the gateway URL comes from GET /gateway/bot on it. One client runs
 * all its shards itself (no child processes); replicas split the shards between them.
 */
export function createDiscordClient(config: DiscordConfig): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...sharding(config.shards),
    allowedMentions: { parse: [] },
    // A deadline and a bounded retry on every REST call, so one hung channel cannot hold its caller forever.
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      timeout: config.calls.timeoutMs,
      retries: config.calls.retries,
      // Node's own fetch, not @discordjs/rest's bundled undici: when Slack's socket-mode loads first it installs
      // its newer undici as the process-wide dispatcher, and the bundled one then fails every file upload
      // ("action is not a function"), so the stack picture could not be sent when both platforms run.
      // The two undici versions' RequestInit types differ only in their dispatcher type, which is not used here.
      makeRequest: (url, init) => fetch(url, init as unknown as RequestInit),
    },
  });
  // The REST manager gets the token now, so the announcer can post before the gateway is up.
  client.rest.setToken(config.token.replace(/^(Bot|Bearer)\s+/i, ""));
  return client;
}
