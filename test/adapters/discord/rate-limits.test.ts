import type { APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePerson } from "../../fakes/discord/guild.js";
import { waitFor } from "../../fakes/discord/wait.js";
import { clickAll, crowd, postQuestion, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;
let admin: FakePerson;

const messagePath = (m: APIMessage) => new RegExp(`^/channels/${m.channel_id}/messages/${m.id}$`);
const latest = (m: APIMessage) => bot.fake.rest.messages.get(m.id) as APIMessage;

beforeAll(async () => {
  bot = await startBot();
  admin = bot.fake.person("ada", { manageGuild: true });
});

afterAll(async () => {
  await bot?.stop();
});

describe("Discord rate limits and failures on channel messages", () => {
  it("a 429 on the reveal edit is waited out, and the reveal still lands", async () => {
    const question = await postQuestion(bot, admin);
    await clickAll(bot, crowd(bot, "rl", 3), question);
    await bot.app.engine.idle();
    bot.fake.rest.failNext("PATCH", messagePath(question), { status: 429, retryAfter: 0.4 });
    const embeds = await replyEmbeds(bot, bot.fake.command(admin, "srm-admin", "reveal"));
    expect(embeds[0]?.title).toBe("Revealed");
    const edits = bot.fake.rest.callsTo("PATCH", messagePath(question));
    const [limited, landed] = edits.slice(-2);
    expect(limited?.status).toBe(429);
    expect(landed?.status).toBe(200);
    expect((landed?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(390);
    expect(latest(question).embeds[0]?.title).toMatch(/^Answer: /);
    expect(bot.logger.lines).toContainEqual(
      expect.objectContaining({ level: "info", message: "waiting out a Discord rate limit" }),
    );
  });

  it("one channel's failing edit does not stop another channel's reveal", async () => {
    const general = await postQuestion(bot, admin);
    const quiz = await postQuestion(bot, admin, bot.fake.quiz);
    await bot.app.engine.idle();
    bot.fake.rest.failNext(
      "PATCH",
      messagePath(quiz),
      { status: 403, code: 50013, message: "Missing Permissions" },
      5,
    );
    const inQuiz = bot.fake.command(admin, "srm-admin", "reveal", {}, bot.fake.channel(bot.fake.quiz));
    // The admin is told the truth: the points are saved, the channel was not told.
    expect((await replyEmbeds(bot, inQuiz))[0]?.title).toBe("Revealed, but the channel could not be told");
    expect(bot.logger.lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "announcing a reveal failed; the scores are saved",
      }),
    );
    expect(latest(quiz).embeds[0]?.title).toBe("Question of the day");
    const inGeneral = bot.fake.command(admin, "srm-admin", "reveal");
    expect((await replyEmbeds(bot, inGeneral))[0]?.title).toBe("Revealed");
    expect(latest(general).embeds[0]?.title).toMatch(/^Answer: /);
  });

  it("a channel waiting out a rate limit does not hold up another channel's messages", async () => {
    const quiz = await postQuestion(bot, admin, bot.fake.quiz);
    const general = await postQuestion(bot, admin);
    await bot.app.engine.idle();
    bot.fake.rest.failNext("PATCH", messagePath(quiz), { status: 429, retryAfter: 1.5 });
    const slow = replyEmbeds(
      bot,
      bot.fake.command(admin, "srm-admin", "reveal", {}, bot.fake.channel(bot.fake.quiz)),
    );
    await waitFor(() => bot.fake.rest.callsTo("PATCH", messagePath(quiz)).at(-1)?.status === 429, "the 429");
    const startedAt = performance.now();
    expect((await replyEmbeds(bot, bot.fake.command(admin, "srm-admin", "reveal")))[0]?.title).toBe(
      "Revealed",
    );
    expect(latest(general).embeds[0]?.title).toMatch(/^Answer: /);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect((await slow)[0]?.title).toBe("Revealed");
    expect(latest(quiz).embeds[0]?.title).toMatch(/^Answer: /);
  });

  it("a message Discord refuses as an embed is sent again as plain text, with its buttons", async () => {
    bot.fake.rest.failNext("POST", new RegExp(`^/channels/${bot.fake.quiz.id}/messages$`), {
      status: 400,
      code: 50035,
      message: "Invalid Form Body",
    });
    const question = await postQuestion(bot, admin, bot.fake.quiz);
    expect(question.embeds).toEqual([]);
    expect(question.content).toContain("Question of the day");
    expect(question.components?.length).toBeGreaterThan(0);
    expect(bot.logger.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "Discord refused a message's embeds; sent it as plain text",
      }),
    );
  });
});
