import type { APIEmbed, APIMessage, APITextChannel } from "discord.js";
import { createDiscordFrontEnd, type DiscordFrontEnd } from "../../../adapters/discord/index.js";
import type { Config } from "../../../src/config.js";
import { loadConfig } from "../../../src/config.js";
import { type App, buildApp, openApp, type SqliteApp } from "../../../src/main.js";
import { RoutingAnnouncer } from "../../../src/routing-announcer.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { type Delivered, FakeDiscord, type FakeDiscordOptions } from "../../fakes/discord/fake-discord.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import type { CallbackRecord } from "../../fakes/discord/rest-fake.js";
import { waitFor } from "../../fakes/discord/wait.js";
import { ManualClock } from "../../support/app.js";

/** A running bot: the real discord.js client on the real engine (SQLite in memory), against the fakes. */
export interface RunningBot<A extends App = SqliteApp> {
  readonly fake: FakeDiscord;
  readonly app: A;
  readonly frontEnd: DiscordFrontEnd;
  readonly logger: RecordingLogger;
  readonly clock: ManualClock;
  /** Stops the bot, closes the store and the fakes. */
  stop(): Promise<void>;
}

/** Knobs for one bot under test. */
export interface BotOptions extends FakeDiscordOptions {
  /** SRM_ADMINS as user ids. */
  readonly admins?: readonly string[];
  readonly replyBudgetMs?: number;
  /** SRM_DB (":memory:" unless told). */
  readonly db?: string;
  /** Reuse fakes (a restarted bot on the same Discord). */
  readonly fake?: FakeDiscord;
  /** DISCORD_TOKEN, when not the fake's own. */
  readonly token?: string;
  /** Where the bot logs (a fresh recording logger unless told). */
  readonly logger?: RecordingLogger;
  /** SRM_DISCORD_SHARDS: the shards this bot runs ("0-0/2"); every recommended shard unless told. */
  readonly slice?: string;
}

/** Builds the app (SQLite) and the Discord front end the way the composition root does, and connects it. */
export async function startBot(o: BotOptions = {}): Promise<RunningBot> {
  const fake = o.fake ?? (await FakeDiscord.start(o));
  const config = botConfig(fake, o, {});
  const clock = new ManualClock();
  const logger = o.logger ?? new RecordingLogger();
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger, clock });
  return connect({ fake, config, clock, logger, router, app }, o);
}

/** The same bot on a PostgreSQL database (a replica: several may share `url`). */
export async function startBotOnPostgres(url: string, o: BotOptions = {}): Promise<RunningBot<App>> {
  const fake = o.fake ?? (await FakeDiscord.start(o));
  const config = botConfig(fake, o, { SRM_DATABASE_URL: url });
  const clock = new ManualClock();
  const logger = o.logger ?? new RecordingLogger();
  const router = new RoutingAnnouncer();
  const app = await openApp(config, { announcer: router, logger, clock });
  return connect({ fake, config, clock, logger, router, app }, o);
}

function botConfig(fake: FakeDiscord, o: BotOptions, more: Record<string, string>): Config {
  const config = loadConfig({
    SRM_DB: o.db ?? ":memory:",
    SRM_ADMINS: (o.admins ?? []).join(","),
    DISCORD_TOKEN: o.token ?? fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.rest.apiUrl,
    ...(o.slice !== undefined ? { SRM_DISCORD_SHARDS: o.slice } : {}),
    ...more,
  });
  if (!config.discord) throw new Error("the Discord settings did not load");
  return config;
}

async function connect<A extends App>(
  b: {
    fake: FakeDiscord;
    config: Config;
    clock: ManualClock;
    logger: RecordingLogger;
    router: RoutingAnnouncer;
    app: A;
  },
  o: BotOptions,
): Promise<RunningBot<A>> {
  const { fake, config, app, logger } = b;
  if (!config.discord) throw new Error("the Discord settings did not load");
  const frontEnd = createDiscordFrontEnd({
    engine: app.engine,
    config: config.discord,
    admins: config.admins,
    logger,
    matrix: app.matrix,
    ...(o.replyBudgetMs !== undefined ? { replyBudgetMs: o.replyBudgetMs } : {}),
  });
  // As the composition root does: this replica's scheduled work is its shards' servers.
  b.router.register("discord", frontEnd.announcer, (channel) => frontEnd.servesGuild(channel.workspaceId));
  try {
    await frontEnd.start();
  } catch (error) {
    await app.close();
    if (!o.fake) await fake.close();
    throw error;
  }
  return {
    fake,
    app,
    frontEnd,
    logger,
    clock: b.clock,
    async stop() {
      await frontEnd.stop();
      await app.close();
      if (!o.fake) await fake.close();
    },
  };
}

/** The embeds of an interaction's reply (type 4), or of its deferred reply once edited. */
export async function replyEmbeds(bot: RunningBot<App>, delivered: Delivered): Promise<APIEmbed[]> {
  const callback = await bot.fake.reply(delivered);
  if (callback.type === 4) return (callback.data.embeds ?? []) as APIEmbed[];
  const edited = await waitFor(() => {
    const m = bot.fake.rest.original(delivered.id);
    return m && m.edited_timestamp !== null ? m : undefined;
  }, "the deferred reply to be edited");
  return edited.embeds;
}

/** Whether a reply was private to the person (the ephemeral flag, 64). */
export function isEphemeral(callback: CallbackRecord): boolean {
  return (Number(callback.data.flags ?? 0) & 64) === 64;
}

/** All text of an embed, for assertions that do not care where a sentence sits. */
export function embedText(e: APIEmbed | undefined): string {
  if (!e) return "";
  return [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]
    .filter(Boolean)
    .join("\n");
}

/** The latest message the bot posted in a channel (waits for it). */
export function lastPost(
  bot: RunningBot,
  channelId: string,
  what = "a message in the channel",
): Promise<APIMessage> {
  return waitFor(() => bot.fake.rest.channelMessages(channelId).at(-1), what);
}

/** The custom ids of a message's buttons. */
export function buttonIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    "components" in row ? row.components.map((c) => ("custom_id" in c ? String(c.custom_id) : "")) : [],
  );
}

/** Has an admin post a question of the day in a channel (#general unless told); resolves to its message. */
export async function postQuestion(
  bot: RunningBot,
  admin: FakePerson,
  channel: APITextChannel = bot.fake.general,
): Promise<APIMessage> {
  const before = bot.fake.rest.channelMessages(channel.id).length;
  const embeds = await replyEmbeds(
    bot,
    bot.fake.command(admin, "srm-admin", "daily now", {}, bot.fake.channel(channel)),
  );
  if (embeds[0]?.title !== "Posted a question in this channel")
    throw new Error(`daily-now was refused: ${embeds[0]?.title ?? "no reply"}`);
  return waitFor(() => bot.fake.rest.channelMessages(channel.id)[before], "the question to be posted");
}

/** Each person presses a button on the message (cycling through its buttons); resolves to every response. */
export function clickAll(
  bot: RunningBot,
  people: readonly FakePerson[],
  message: APIMessage,
): Promise<CallbackRecord[]> {
  const ids = buttonIds(message);
  return Promise.all(
    people.map((p, i) => bot.fake.reply(bot.fake.click(p, message, ids[i % ids.length] as string))),
  );
}

/** Answers recorded for the round behind a question message. */
export function answersTo(bot: RunningBot, message: APIMessage): { n: number; people: number } {
  const roundId = Number(buttonIds(message)[0]?.split(":")[1]);
  return bot.app.db
    .prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS people FROM answers WHERE round_id = ?")
    .get(roundId) as { n: number; people: number };
}

/** The people, each a fresh guild member. */
export function crowd(bot: RunningBot, prefix: string, n: number): FakePerson[] {
  return Array.from({ length: n }, (_, i) => bot.fake.person(`${prefix}${i}`));
}
