import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Place } from "../../fakes/discord/payloads.js";
import { buttonIds, embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

const NEEDS_SERVER = "This needs srm-bot added to a server";

/** Every place a person's own install of srm-bot reaches, where no server installed it. */
function personalPlaces(): [string, Place][] {
  return [
    ["a DM with srm-bot", bot.fake.dm("user")],
    ["a private channel between people", bot.fake.privateChannel()],
    ["a server srm-bot was never added to", bot.fake.elsewhere()],
  ];
}

describe("srm-bot added to a person's own account (a user install)", () => {
  it("/srm ask in a DM gets the answer, privately", async () => {
    const ada = bot.fake.person("ada");
    const sent = bot.fake.command(
      ada,
      "srm",
      "ask",
      { text: "who patches the rds engine" },
      bot.fake.dm("user"),
    );
    expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
    const [card] = await replyEmbeds(bot, sent);
    expect(card?.title).toBe("AWS");
    expect(embedText(card)).toContain("Amazon RDS");
  });

  it("lookups, comparisons, quizzes, practice, reviews and mock exams work wherever the person's own install reaches", async () => {
    for (const [, place] of personalPlaces()) {
      const bea = bot.fake.person("bea");
      const lookup = await replyEmbeds(
        bot,
        bot.fake.command(bea, "srm", "lookup", { area: "hypervisor" }, place),
      );
      expect(lookup[0]?.title).toBe("AWS");
      const quiz = await replyEmbeds(bot, bot.fake.command(bea, "srm", "quiz", {}, place));
      expect(quiz[0]?.title).not.toBe(NEEDS_SERVER);
      expect(embedText(quiz[0])).toMatch(/\?/);
      const practice = await replyEmbeds(
        bot,
        bot.fake.command(bea, "srm", "practice", { setting: "new-cards", value: "3" }, place),
      );
      expect(practice[0]?.title).toBe("3 new cards a day");
      const exam = await replyEmbeds(
        bot,
        bot.fake.command(bea, "srm", "exam", { action: "scs-c02", value: "5" }, place),
      );
      expect(exam[0]?.title).toBe("Mock exam SCS-C02");
      const compare = await replyEmbeds(
        bot,
        bot.fake.command(bea, "srm", "compare", { services: "ec2 lambda" }, place),
      );
      expect(compare[0]?.title).toBe("Amazon EC2 vs AWS Lambda");
      const review = await replyEmbeds(bot, bot.fake.command(bea, "srm", "review", {}, place));
      expect(review[0]?.title).toBe("No misses left");
    }
  });

  it("a question answered in a DM counts in the person's own stats in any server their install reaches", async () => {
    const cy = bot.fake.person("cy");
    const dm = bot.fake.dm("user");
    const sent = bot.fake.command(cy, "srm", "quiz", {}, dm);
    await bot.fake.reply(sent);
    const question = await replyEmbeds(bot, sent);
    expect(question.length).toBeGreaterThan(0);
    const message = bot.fake.rest.original(sent.id);
    if (!message) throw new Error("the quiz has no message");
    const [answer] = buttonIds(message);
    await replyEmbeds(bot, bot.fake.click(cy, message, answer as string, dm));
    const stats = await replyEmbeds(bot, bot.fake.command(cy, "srm", "stats", {}, bot.fake.elsewhere()));
    // The stats table's first column is the number answered.
    expect(embedText(stats[0])).toMatch(/Answered[^\n]*\n\s*1\s+\d+%/);
  });

  it.each([
    ["daily status", "Daily questions"],
    ["leaderboard", "Channel leaderboards"],
    ["competition status", "Competitions"],
  ])(
    "/srm %s in a DM is refused: it needs srm-bot added to a server, and says how",
    async (command, what) => {
      const sent = bot.fake.command(bot.fake.person("dee"), "srm", command, {}, bot.fake.dm("user"));
      expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
      const [card] = await replyEmbeds(bot, sent);
      expect(card?.title).toBe(NEEDS_SERVER);
      const text = embedText(card);
      expect(text).toContain(`${what} belong to a server's channels`);
      expect(text).toContain("Add App, then Add to Server");
      expect(text).toContain(`/srm ${command}`);
      expect(text).toContain("/srm quiz");
    },
  );

  it("channel features are refused in a private channel and in a server reached only through the person's install", async () => {
    const eve = bot.fake.person("eve", { manageGuild: true });
    for (const place of [bot.fake.privateChannel(), bot.fake.elsewhere()]) {
      const daily = await replyEmbeds(bot, bot.fake.command(eve, "srm", "daily status", {}, place));
      expect(daily[0]?.title).toBe(NEEDS_SERVER);
    }
  });

  it("an admin command arriving through a person's install is refused and posts nothing", async () => {
    const olga = bot.fake.person("olga", { manageGuild: true });
    const place = bot.fake.elsewhere();
    const refused = await replyEmbeds(bot, bot.fake.command(olga, "srm-admin", "daily now", {}, place));
    expect(refused[0]?.title).toBe(NEEDS_SERVER);
    expect(embedText(refused[0])).toContain("Admin commands belong to a server's channels");
    await bot.app.engine.idle();
    expect(bot.fake.rest.channelMessages(place.channelId)).toEqual([]);
  });

  it("in a server that installed srm-bot the same channel features answer as before", async () => {
    const daily = await replyEmbeds(bot, bot.fake.command(bot.fake.person("fay"), "srm", "daily status"));
    expect(daily[0]?.title).not.toBe(NEEDS_SERVER);
  });
});
