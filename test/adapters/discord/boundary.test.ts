import type { APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingLogger } from "../../fakes/announcer.js";
import { waitFor } from "../../fakes/discord/wait.js";
import { buttonIds, embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

describe("every Discord interaction gets exactly one answer", () => {
  it("an interaction delivered twice is answered once", async () => {
    const sent = bot.fake.command(bot.fake.person("rita"), "srm", "lookup", { service: "kms" });
    await bot.fake.reply(sent);
    bot.fake.redeliver(sent);
    await waitFor(
      () => bot.logger.lines.some((l) => l.message === "an interaction arrived twice; it is answered once"),
      "the repeat to be noticed",
    );
    expect(bot.fake.rest.callsTo("POST", new RegExp(`^/interactions/${sent.id}/`))).toHaveLength(1);
  });

  it("/srm quiz asks privately; answering it by button or by /srm answer tells the person at once", async () => {
    // Each person's first question is picked for them; people are asked until two get a multiple-choice one.
    const asked: { person: ReturnType<typeof bot.fake.person>; message: APIMessage }[] = [];
    for (let i = 0; i < 20 && asked.length < 2; i++) {
      const person = bot.fake.person(`quizzer${i}`);
      const quiz = bot.fake.command(person, "srm", "quiz");
      expect(isEphemeral(await bot.fake.reply(quiz))).toBe(true);
      const message = bot.fake.rest.original(quiz.id) as APIMessage;
      expect(message.embeds[0]?.title).toBe("Your practice question");
      if (buttonIds(message).length > 0) asked.push({ person, message });
    }
    const [byButton, byCommand] = asked;
    if (!byButton || !byCommand) throw new Error("no multiple-choice practice question came up");
    const clicked = bot.fake.click(
      byButton.person,
      byButton.message,
      buttonIds(byButton.message)[0] as string,
    );
    expect((await replyEmbeds(bot, clicked))[0]?.title).toMatch(/^(Right!|Not quite)/);
    const typed = bot.fake.command(byCommand.person, "srm", "answer", { choice: "A" });
    expect((await replyEmbeds(bot, typed))[0]?.title).toMatch(/^(Right!|Not quite)/);
  });

  it("/srm stats about another person names them, or says they have no stats yet with the mention in the description", async () => {
    const tom = bot.fake.person("tom");
    const embeds = await replyEmbeds(
      bot,
      bot.fake.command(bot.fake.person("uma"), "srm", "stats", { person: tom }),
    );
    expect(embeds[0]?.title).toBe("No stats for that person yet");
    expect(embeds[0]?.description).toContain(`No stats for <@${tom.user.id}> yet`);
    const own = await replyEmbeds(bot, bot.fake.command(tom, "srm", "stats"));
    expect(own[0]?.title).toBe("Stats: Tom");
  });

  it("a subcommand this version does not know is answered, not ignored", async () => {
    const embeds = await replyEmbeds(bot, bot.fake.command(bot.fake.person("vic"), "srm", "teleport"));
    expect(embeds[0]?.title).toBe("This command is out of date");
  });

  it("a dispatch event this version does not know is ignored, and the bot carries on", async () => {
    bot.fake.gateway.dispatch("SOMETHING_NEW", { id: "123456789012345678" });
    const after = await replyEmbeds(
      bot,
      bot.fake.command(bot.fake.person("yan"), "srm", "lookup", { area: "hypervisor" }),
    );
    expect(after[0]?.title).toBe("AWS");
  });

  it("no token, bot or interaction, ever reaches the log", () => {
    const logged = JSON.stringify(bot.logger.lines);
    expect(logged).not.toContain(bot.fake.token);
    expect(logged).not.toMatch(/aW50ZXJhY3Rpb246/);
  });

  it("an unexpected failure is logged once and the person is told kindly, privately", async () => {
    const errorsBefore = bot.logger.lines.filter((l) => l.level === "error").length;
    bot.app.db.close();
    const sent = bot.fake.command(bot.fake.person("wes"), "srm", "leaderboard", {});
    expect(isEphemeral(await bot.fake.reply(sent))).toBe(true);
    expect((await replyEmbeds(bot, sent))[0]?.title).toBe("Something went wrong on our side");
    const errors = await waitFor(() => {
      const logged = bot.logger.lines.filter((l) => l.level === "error").slice(errorsBefore);
      return logged.length > 0 ? logged : undefined;
    }, "the failure to be logged");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe("handling a Discord interaction failed");
    expect(errors[0]?.fields).toMatchObject({ interaction: "command", command: "srm leaderboard" });
  });

  it("a reply Discord refuses is followed by the apology as the interaction's one response, and logged once", async () => {
    const sent = bot.fake.command(bot.fake.person("zed"), "srm", "lookup", { service: "ec2" });
    bot.fake.rest.failNext("POST", new RegExp(`^/interactions/${sent.id}/[^/]+/callback$`), {
      status: 400,
      code: 50006,
      message: "Cannot send an empty message",
    });
    expect((await replyEmbeds(bot, sent))[0]?.title).toBe("Something went wrong on our side");
    const errors = await waitFor(() => {
      const logged = bot.logger.lines.filter(
        (l) => l.level === "error" && l.fields?.command === "srm lookup",
      );
      return logged.length > 0 ? logged : undefined;
    }, "the failure to be logged");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields?.apologyFailed).toBeUndefined();
  });
});

describe("a reply not ready in time is deferred", () => {
  it("with no time to spare, a command is deferred privately and a channel reply is posted in the channel", async () => {
    const slow = await startBot({ replyBudgetMs: 0 });
    try {
      const owner = slow.fake.person("xena", { manageGuild: true });
      const sent = slow.fake.command(owner, "srm-admin", "competition start", {
        name: "Autumn",
        length: "10d",
      });
      const callback = await slow.fake.reply(sent);
      expect(callback.type).toBe(5);
      expect(isEphemeral(callback)).toBe(true);
      expect((await replyEmbeds(slow, sent))[0]?.title).toBe("Posted in this channel");
      const posted = slow.fake.rest.channelMessages(slow.fake.general.id);
      expect(posted.map((m) => m.embeds[0]?.title)).toEqual(['Competition "Autumn" has started']);
      const lookup = slow.fake.command(owner, "srm", "lookup", { service: "iam" });
      expect((await slow.fake.reply(lookup)).type).toBe(5);
      expect(embedText((await replyEmbeds(slow, lookup))[0])).toContain("AWS IAM");
    } finally {
      await slow.stop();
    }
  });
});

describe("starting with a token Discord refuses", () => {
  it("start fails with discord.js's invalid-token error, and the token appears in no log line", async () => {
    const wrong = "not-the-bot-token.abcdef.ghijklmnop";
    const logger = new RecordingLogger();
    const error = await startBot({ token: wrong, logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/invalid token/i);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.lines)).not.toContain(wrong);
  });
});
