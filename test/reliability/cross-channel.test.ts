import { describe, expect, it } from "vitest";
import { postQuestion, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { headers, SlackWorkspace } from "../fakes/slack/workspace.js";

describe("a button pressed in one channel that names a round of another channel", () => {
  it("on Slack it is refused, and no answer is stored", async () => {
    const slack = await SlackWorkspace.start();
    try {
      const boss = slack.person("boss", { admin: true });
      await slack.ask(boss, "daily now", { channel: "C1" });
      await slack.ask(boss, "daily now", { channel: "C2" });
      const inC1 = (
        slack.app.db.prepare("SELECT id FROM rounds WHERE channel = 'C1'").get() as { id: number }
      ).id;
      await slack.sender.click({
        person: slack.person("mallory"),
        actionId: `answer:${inC1}:A`,
        responseUrl: slack.api.responseUrl("x"),
        channel: "C2",
      });
      expect(headers((await slack.replyTo("x")).blocks)[0]).toBe("That question is not in this channel");
      expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
    } finally {
      await slack.close();
    }
  });

  it("on Discord it is refused, and no answer is stored", async () => {
    const bot = await startBot();
    try {
      const ada = bot.fake.person("ada", { manageGuild: true });
      const general = await postQuestion(bot, ada);
      const quiz = await postQuestion(bot, ada, bot.fake.quiz);
      const generalRound = (
        bot.app.db.prepare("SELECT id FROM rounds WHERE channel = ?").get(general.channel_id) as {
          id: number;
        }
      ).id;
      const embeds = await replyEmbeds(
        bot,
        bot.fake.click(bot.fake.person("mallory"), quiz, `answer:${generalRound}:A`),
      );
      expect(embeds[0]?.title).toBe("That question is not in this channel");
      expect(bot.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
    } finally {
      await bot.stop();
    }
  });
});
