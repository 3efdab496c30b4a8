import fc from "fast-check";
import { expect } from "vitest";
import { postQuestion, type RunningBot, replyEmbeds, startBot } from "../../adapters/discord/harness.js";
import { snowflake } from "../../fakes/discord/snowflake.js";
import { type DiscordCast, type HostileInteraction, hostileInteraction } from "./discord-hostile.js";
import { Tally } from "./figures.js";
import { checkParams } from "./scale.js";
import { unsoundness } from "./tables.js";

/** A bot with questions in two channels, a round in a second server, and five people in different places. */
async function fuzzBot(): Promise<{ bot: RunningBot; cast: DiscordCast }> {
  const bot = await startBot();
  const { fake } = bot;
  const ada = fake.person("ada", { manageGuild: true });
  const message = await postQuestion(bot, ada);
  await postQuestion(bot, ada, fake.quiz);
  // A second server, not in the bot's cache (interactions carry all the bot needs), with a round of its own.
  const otherGuild = { guildId: snowflake(), channelId: snowflake() };
  const olga = fake.person("olga", { manageGuild: true });
  const opened = await replyEmbeds(bot, fake.command(olga, "srm-admin", "daily now", {}, otherGuild));
  expect(opened[0]?.title).toBe("Posted a question in this channel");
  const here = fake.channel();
  return {
    bot,
    cast: {
      fake,
      message,
      roundIds: fc.integer({ min: 1, max: 5 }),
      people: [
        { person: ada, place: here },
        { person: fake.person("ann"), place: here },
        { person: fake.person("bob"), place: fake.channel(fake.quiz) },
        { person: olga, place: otherGuild },
        { person: fake.person("dee"), place: fake.dm() },
      ],
    },
  };
}

/**
 * Delivers batches of hostile interactions to the real discord.js client; a well-formed one must get one
 * response within Discord's three seconds. Then checks scores, who owns answers, and that nothing failed.
 */
export async function fuzzDiscord(runs: number): Promise<Tally> {
  const { bot, cast } = await fuzzBot();
  const tally = new Tally();
  /** "guild|user" of every interaction delivered: the only pairs that may own answers. */
  const actors = new Set<string>();
  const deliver = async (i: HostileInteraction): Promise<void> => {
    actors.add(i.actorKey);
    const delivered = bot.fake.deliver(i.payload);
    tally.add(i.wellFormed ? "well-formed interactions" : "tampered interactions");
    if (!i.wellFormed) return;
    const callback = await bot.fake.reply(delivered, 3_000);
    expect([4, 5, 6, 8], JSON.stringify(i.payload).slice(0, 400)).toContain(callback.type);
    tally.add("responses checked");
  };
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(hostileInteraction(cast), { minLength: 20, maxLength: 20 }),
        async (batch) => {
          await Promise.all(batch.map(deliver));
          await bot.app.engine.idle();
          const member = (_p: string, workspace: string, user: string) => actors.has(`${workspace}|${user}`);
          expect(unsoundness(bot.app.db, member)).toEqual([]);
        },
      ),
      checkParams(runs),
    );
    await bot.frontEnd.stop();
    const failures = bot.logger.lines.filter((l) => l.level === "error");
    expect(failures.map((l) => `${l.message}: ${JSON.stringify(l.fields)}`)).toEqual([]);
    tally.add(
      "answers stored",
      (bot.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n,
    );
    return tally;
  } finally {
    await bot.stop();
  }
}
