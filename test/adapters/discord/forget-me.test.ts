import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonIds, embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

describe("/srm forget me on Discord", () => {
  it("in a DM of a user install: asks privately, the Forget me button forgets, and the person's stats start again", async () => {
    const flo = bot.fake.person("flo");
    const dm = bot.fake.dm("user");
    const quiz = bot.fake.command(flo, "srm", "quiz", {}, dm);
    await bot.fake.reply(quiz);
    const question = bot.fake.rest.original(quiz.id);
    if (!question) throw new Error("the quiz has no message");
    await replyEmbeds(bot, bot.fake.click(flo, question, buttonIds(question)[0] as string, dm));
    const before = await replyEmbeds(bot, bot.fake.command(flo, "srm", "stats", {}, dm));
    expect(embedText(before[0])).toMatch(/Answered[^\n]*\n\s*1\s+\d+%/);

    const ask = bot.fake.command(flo, "srm", "forget me", {}, dm);
    expect(isEphemeral(await bot.fake.reply(ask))).toBe(true);
    const [asked] = await replyEmbeds(bot, ask);
    expect(asked?.title).toBe("Forget everything srm-bot keeps about you here?");
    const prompt = bot.fake.rest.original(ask.id);
    if (!prompt) throw new Error("the ask has no message");
    expect(buttonIds(prompt)).toEqual(["forget:confirm"]);

    const press = bot.fake.click(flo, prompt, "forget:confirm", dm);
    const [done] = await replyEmbeds(bot, press);
    expect(done?.title).toBe("Forgotten");
    expect(embedText(done)).toMatch(/Deleted: 1 answer, 1 private question/);
    const after = await replyEmbeds(bot, bot.fake.command(flo, "srm", "stats", {}, dm));
    expect(embedText(after[0])).not.toMatch(/Answered[^\n]*\n\s*1\s+\d+%/);
  });

  it("the typed confirmation in a server channel answers privately and posts nothing to the channel", async () => {
    const gus = bot.fake.person("gus");
    const place = bot.fake.channel();
    const ask = bot.fake.command(gus, "srm", "forget me", {}, place);
    expect(isEphemeral(await bot.fake.reply(ask))).toBe(true);
    const confirm = bot.fake.command(gus, "srm", "forget me", { step: "confirm" }, place);
    expect(isEphemeral(await bot.fake.reply(confirm))).toBe(true);
    const [done] = await replyEmbeds(bot, confirm);
    expect(done?.title).toBe("Forgotten");
    expect(embedText(done)).toContain("nothing was stored");
    expect(bot.fake.rest.channelMessages(place.channelId)).toEqual([]);
  });
});
