import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedText, isEphemeral, postQuestion, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
  await bot?.fake.close();
});

describe("learning on Discord", () => {
  it("/srm practice sets new cards a day, privately, in Discord's own syntax", async () => {
    const sent = bot.fake.command(bot.fake.person("ann"), "srm", "practice", {
      setting: "new-cards",
      value: "3",
    });
    expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
    const [card] = await replyEmbeds(bot, sent);
    expect(card?.title).toBe("3 new cards a day");
    expect(embedText(card)).toContain("/srm practice");
  });

  it("/srm exam starts a private mock exam and names its next commands as Discord spells them", async () => {
    const sent = bot.fake.command(bot.fake.person("bea"), "srm", "exam", { action: "scs-c02", value: "5" });
    expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
    const [card] = await replyEmbeds(bot, sent);
    expect(card?.title).toBe("Mock exam SCS-C02");
    expect(embedText(card)).toContain("question 1 of 5");
    expect(embedText(card)).toContain("/srm exam action:resume");
  });

  it("/srm flag flags a revealed question, and /srm-admin flags lists it for a Manage Server member", async () => {
    const owner = bot.fake.person("olga", { manageGuild: true });
    await postQuestion(bot, owner);
    await replyEmbeds(bot, bot.fake.command(owner, "srm-admin", "reveal"));
    const round = (bot.app.db.prepare("SELECT MAX(id) AS id FROM rounds").get() as { id: number }).id;
    const flagged = bot.fake.command(bot.fake.person("cy"), "srm", "flag", {
      round: String(round),
      reason: "outdated",
      comment: "the page moved",
    });
    expect((await replyEmbeds(bot, flagged))[0]?.title).toBe("Thank you: your flag is noted");
    const listed = await replyEmbeds(bot, bot.fake.command(owner, "srm-admin", "flags"));
    expect(embedText(listed[0])).toContain("outdated (1)");
    expect(embedText(listed[0])).toContain('Comment: "the page moved"');
  });
});
