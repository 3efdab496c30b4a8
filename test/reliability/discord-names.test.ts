import { describe, expect, it } from "vitest";
import { postQuestion, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { buttonInteraction } from "../fakes/discord/payloads.js";

describe("a Discord member whose names are not text", () => {
  it.each([
    ["nick", 42],
    ["nick", { a: 1 }],
    ["global_name", true],
  ])("a %s of %j: the click is answered and counted, and nothing fails", async (field, value) => {
    const bot = await startBot();
    try {
      const question = await postQuestion(bot, bot.fake.person("ada", { manageGuild: true }));
      const person = bot.fake.person("pat");
      const payload = buttonInteraction(
        { applicationId: bot.fake.applicationId, person, place: bot.fake.channel() },
        question,
        "answer:1:A",
      );
      const member = payload.member as unknown as Record<string, unknown> & { user: Record<string, unknown> };
      if (field === "nick") member.nick = value;
      else member.user.global_name = value;
      const embeds = await replyEmbeds(bot, bot.fake.deliver(payload));
      expect(embeds[0]?.title).toBe("Locked in: A");
      expect(bot.logger.lines.filter((l) => l.level === "error")).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
