import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/main.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { freshDatabaseUrl } from "../../support/postgres.js";
import { type RunningBot, replyEmbeds, startBotOnPostgres } from "./harness.js";

/** Two replicas on one PostgreSQL database, each running one of Discord's two shards. */
describe("two Discord replicas on one PostgreSQL database, one shard each", () => {
  let fake: FakeDiscord;
  let first: RunningBot<App>;
  let second: RunningBot<App>;

  beforeAll(async () => {
    const url = await freshDatabaseUrl();
    fake = await FakeDiscord.start({ shards: 2 });
    first = await startBotOnPostgres(url, { fake, slice: "0-0/2" });
    second = await startBotOnPostgres(url, { fake, slice: "1-1/2" });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await fake?.close();
  });

  const guilds = () => {
    const [zero, one] = fake.guilds;
    if (!zero || !one) throw new Error("the fake has two guilds");
    return [zero, one];
  };
  const postsIn = (channelId: string) =>
    fake.rest.callsTo("POST", new RegExp(`^/channels/${channelId}/messages$`));

  it("a command from either server is answered once, by the replica holding its shard", async () => {
    const bob = fake.person("bob");
    for (const guild of guilds()) {
      const sent = fake.command(bob, "srm", "quiz", {}, fake.channel(guild.general));
      expect((await replyEmbeds(first, sent))[0]?.title).toMatch(/question/i);
      expect(fake.rest.callsTo("POST", new RegExp(`^/interactions/${sent.id}/`))).toHaveLength(1);
    }
  });

  it("each server's daily question is posted once a day, though both replicas tick", async () => {
    const rosa = fake.person("rosa", { manageGuild: true });
    for (const guild of guilds()) {
      const set = fake.command(
        rosa,
        "srm-admin",
        "daily set",
        { schedule: "09:30 UTC" },
        fake.channel(guild.general),
      );
      expect((await replyEmbeds(first, set))[0]?.title).toBe("Daily question scheduled");
    }
    for (const bot of [first, second]) bot.clock.set("2026-03-03T09:35:00Z");
    await Promise.all([first.app.engine.tick(), second.app.engine.tick()]);
    await Promise.all([first.app.engine.tick(), second.app.engine.tick()]);
    for (const guild of guilds()) expect(postsIn(guild.general.id)).toHaveLength(1);
    // The next morning both replicas tick again: the next question is posted once.
    for (const bot of [first, second]) bot.clock.set("2026-03-04T09:35:00Z");
    await Promise.all([first.app.engine.tick(), second.app.engine.tick()]);
    await Promise.all([first.app.engine.tick(), second.app.engine.tick()]);
    for (const guild of guilds()) expect(postsIn(guild.general.id)).toHaveLength(2);
  });
});
