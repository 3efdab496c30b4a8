import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingLogger } from "../../fakes/announcer.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { waitFor } from "../../fakes/discord/wait.js";
import { type RunningBot, replyEmbeds, startBot } from "./harness.js";

/** The private quiz rounds a bot's database holds, by the guild they were opened in. */
function quizGuilds(bot: RunningBot): string[] {
  return (
    bot.app.db.prepare("SELECT workspace FROM rounds WHERE kind = 'private' ORDER BY id").all() as {
      workspace: string;
    }[]
  ).map((r) => r.workspace);
}

/** The "connected" log line's fields: how many guilds and which shards the bot got. */
function connected(bot: RunningBot): Record<string, unknown> | undefined {
  return bot.logger.lines.find((l) => l.message === "connected to Discord")?.fields;
}

describe("one replica runs every shard Discord recommends", () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot({ shards: 3 });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  it("identifies each of the recommended shards, one session apiece", () => {
    expect(bot.fake.rest.callsTo("GET", /^\/gateway\/bot$/).length).toBeGreaterThan(0);
    expect(bot.fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(connected(bot)).toMatchObject({ guilds: 3, shards: "0,1,2 of 3" });
    expect(bot.frontEnd.ready?.()).toBe(true);
  });

  it("answers a command from a guild on every shard, each once", async () => {
    const ada = bot.fake.person("ada");
    for (const guild of bot.fake.guilds) {
      const sent = bot.fake.command(
        ada,
        "srm",
        "lookup",
        { area: "hypervisor" },
        bot.fake.channel(guild.general),
      );
      const embeds = await replyEmbeds(bot, sent);
      expect(embeds[0]?.title).toBe("AWS");
      await bot.app.engine.idle();
      expect(bot.fake.rest.callsTo("POST", new RegExp(`^/interactions/${sent.id}/`))).toHaveLength(1);
    }
  });

  it("serves the scheduled work of every guild", () => {
    expect(bot.fake.guilds.map((g) => bot.frontEnd.servesGuild(g.id))).toEqual([true, true, true]);
  });

  it("every shard resumes after the network drops, and the log says which shard each line is about", async () => {
    bot.fake.gateway.dropConnection();
    await waitFor(
      () => bot.fake.gateway.resumes.filter((r) => r.accepted).length === 3 && bot.fake.gateway.connected,
      "every shard to resume",
    );
    await waitFor(() => bot.frontEnd.ready?.(), "the bot to be ready again");
    const resumed = bot.logger.lines.filter((l) => l.message === "resumed the Discord gateway session");
    expect(resumed.map((l) => l.fields?.shard).sort()).toEqual([0, 1, 2]);
    const ada = bot.fake.person("ada");
    const [last] = bot.fake.guilds.slice(-1);
    const embeds = await replyEmbeds(
      bot,
      bot.fake.command(ada, "srm", "lookup", { area: "hypervisor" }, bot.fake.channel(last?.general)),
    );
    expect(embeds[0]?.title).toBe("AWS");
  });
});

describe("two replicas split the shards with SRM_DISCORD_SHARDS", () => {
  let fake: FakeDiscord;
  let first: RunningBot;
  let second: RunningBot;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: 2 });
    first = await startBot({ fake, slice: "0-0/2" });
    second = await startBot({ fake, slice: "1-1/2" });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await fake?.close();
  });

  it("each identifies only its own shard and receives only that shard's guild", () => {
    expect(fake.gateway.identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(connected(first)).toMatchObject({ guilds: 1, shards: "0 of 2" });
    expect(connected(second)).toMatchObject({ guilds: 1, shards: "1 of 2" });
  });

  it("a command from a guild is taken by the replica holding its shard, and answered once", async () => {
    const [zero, one] = fake.guilds;
    if (!zero || !one) throw new Error("the fake has two guilds");
    const bob = fake.person("bob");
    for (const guild of [zero, one]) {
      const sent = fake.command(bob, "srm", "quiz", {}, fake.channel(guild.general));
      const embeds = await replyEmbeds(first, sent);
      expect(embeds[0]?.title).toMatch(/question/i);
      expect(fake.rest.callsTo("POST", new RegExp(`^/interactions/${sent.id}/`))).toHaveLength(1);
    }
    await first.app.engine.idle();
    await second.app.engine.idle();
    expect(quizGuilds(first)).toEqual([zero.id]);
    expect(quizGuilds(second)).toEqual([one.id]);
  });

  it("each replica claims the scheduled work of exactly the guilds its shards receive", () => {
    const [zero, one] = fake.guilds;
    if (!zero || !one) throw new Error("the fake has two guilds");
    expect([first.frontEnd.servesGuild(zero.id), first.frontEnd.servesGuild(one.id)]).toEqual([true, false]);
    expect([second.frontEnd.servesGuild(zero.id), second.frontEnd.servesGuild(one.id)]).toEqual([
      false,
      true,
    ]);
  });
});

describe("a slice Discord will not take", () => {
  it("a shard count lower than Discord requires stops start-up and the log names SRM_DISCORD_SHARDS", async () => {
    const fake = await FakeDiscord.start({ shards: 2 });
    const logger = new RecordingLogger();
    try {
      await expect(startBot({ fake, slice: "0-0/1", logger })).rejects.toThrow(/Sharding is required/);
      expect(logger.lines.filter((l) => l.level === "error").map((l) => l.message)).toContainEqual(
        expect.stringContaining("SRM_DISCORD_SHARDS"),
      );
    } finally {
      await fake.close();
    }
  });
});
