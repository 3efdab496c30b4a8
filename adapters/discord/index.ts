import { type Client, Events, GatewayCloseCodes, RESTEvents, Status } from "discord.js";
import type { DiscordConfig } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";
import type { FrontEnd, Logger } from "../../src/ports.js";
import { DiscordAnnouncer } from "./announcer.js";
import { createDiscordClient } from "./client.js";
import { describeError } from "./errors.js";
import { InteractionRouter } from "./interactions.js";
import { DEFAULT_REPLY_BUDGET_MS } from "./respond.js";
import { servesGuildOf } from "./shards.js";

/** The Discord front end, and which guilds' scheduled posts are this replica's. */
export interface DiscordFrontEnd extends FrontEnd {
  /** Whether this replica's shards hold the guild (Discord's rule), so it claims the guild's scheduled work. */
  servesGuild(guildId: string): boolean;
}

/** What the Discord front end is built from. */
export interface DiscordFrontEndOptions {
  readonly engine: Engine;
  readonly config: DiscordConfig;
  /** SRM_ADMINS: user ids with admin rights whatever their Discord permissions. */
  readonly admins: ReadonlySet<string>;
  readonly logger: Logger;
  /** For autocomplete of services and areas. */
  readonly matrix: OwnershipMatrix;
  /** How long a command may take before its reply is deferred (default 1500 ms, well under Discord's 3 s). */
  readonly replyBudgetMs?: number;
}

/** What an operator should check when the gateway closes a shard for good, by close code. */
const CLOSE_HINTS = new Map<number, string>([
  [
    GatewayCloseCodes.ShardingRequired,
    "Discord requires more shards: leave SRM_DISCORD_SHARDS unset, or raise its count to what GET /gateway/bot recommends",
  ],
  [GatewayCloseCodes.InvalidShard, "Discord refused the shard: check SRM_DISCORD_SHARDS"],
]);

function watch(client: Client, logger: Logger): void {
  // Without an "error" listener an EventEmitter error would crash the process.
  client.on(Events.Error, (error) =>
    logger.error("the Discord client reported an error", describeError(error)),
  );
  client.on(Events.Warn, (message) => logger.warn("the Discord client warned", { message }));
  // Each line names its shard: with several, an operator sees which one (and so which servers) is affected.
  client.on(Events.ShardError, (error, shard) =>
    logger.warn("the Discord gateway connection failed", { ...describeError(error), shard }),
  );
  client.on(Events.ShardReconnecting, (shard) =>
    logger.info("reconnecting to the Discord gateway", { shard }),
  );
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info("resumed the Discord gateway session", { shard, replayed }),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.error(
      `the Discord gateway closed for good; ${CLOSE_HINTS.get(event.code) ?? "check DISCORD_TOKEN and the intents"}`,
      { code: event.code, shard },
    ),
  );
  // The route has tokens replaced by placeholders; the URL (with the interaction token) is never logged.
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.info("waiting out a Discord rate limit", {
      route: info.route,
      method: info.method,
      retryAfterMs: info.retryAfter,
      global: info.global,
    }),
  );
}

/** The Discord front end: slash commands, autocomplete and buttons in; embeds, buttons and channel posts out. */
export function createDiscordFrontEnd(o: DiscordFrontEndOptions): DiscordFrontEnd {
  const client = createDiscordClient(o.config);
  const announcer = new DiscordAnnouncer(client.rest, o.logger);
  const router = new InteractionRouter({
    engine: o.engine,
    matrix: o.matrix,
    admins: o.admins,
    logger: o.logger,
    announcer,
    replyBudgetMs: o.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS,
  });
  watch(client, o.logger);
  client.on(Events.InteractionCreate, (interaction) => router.accept(interaction));
  let stopping = false;
  return {
    platform: "discord",
    announcer,
    servesGuild: servesGuildOf(o.config.shards),
    ready() {
      // A shard that is resuming or reconnecting is not taking interactions at that moment.
      return (
        !stopping && client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready)
      );
    },
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      o.logger.info("connecting to Discord");
      await client.login(o.config.token);
      await ready;
      o.logger.info("connected to Discord", {
        bot: client.user?.tag,
        guilds: client.guilds.cache.size,
        shards: `${client.ws.shards.map((s) => s.id).join(",")} of ${client.options.shardCount}`,
      });
    },
    async stop() {
      stopping = true;
      router.close();
      await router.settled();
      // Answer-count edits still queued go out before the REST manager loses its token.
      await o.engine.idle();
      await client.destroy();
      o.logger.info("disconnected from Discord");
    },
  };
}
