import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buttonIds,
  postQuestion,
  type RunningBot,
  replyEmbeds,
  startBot,
} from "../adapters/discord/harness.js";
import { buttonInteraction } from "../fakes/discord/payloads.js";
import { fuzzDiscord } from "./support/discord-fuzzing.js";
import { report } from "./support/figures.js";
import { scaled } from "./support/scale.js";

describe("hostile Discord interactions through the real discord.js client", () => {
  it(
    "commands, autocomplete and buttons with hostile values, forged ids and tampered parts never break the bot or a score",
    async () => {
      const tally = await fuzzDiscord(15);
      report("Discord interaction fuzz (real discord.js client, loopback gateway and REST)", tally.figures());
    },
    scaled(60_000),
  );
});

describe("a Discord member whose names are not text", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it.each([
    ["nick", 42],
    ["nick", { a: 1 }],
    ["global_name", true],
  ])("a %s of %j: the click is answered and counted, and nothing fails", async (field, value) => {
    const question = await postQuestion(bot, bot.fake.person("ada", { manageGuild: true }));
    const button = buttonIds(question)[0]?.replace(/:[A-D]$/, ":A") as string;
    const person = bot.fake.person(`pat-${field}`);
    const payload = buttonInteraction(
      { applicationId: bot.fake.applicationId, person, place: bot.fake.channel() },
      question,
      button,
    );
    const member = payload.member as unknown as Record<string, unknown> & { user: Record<string, unknown> };
    if (field === "nick") member.nick = value;
    else member.user.global_name = value;
    const embeds = await replyEmbeds(bot, bot.fake.deliver(payload));
    expect(embeds[0]?.title).toBe("Locked in: A");
    expect(bot.logger.lines.filter((l) => l.level === "error")).toEqual([]);
    await replyEmbeds(
      bot,
      bot.fake.command(bot.fake.person("ada", { manageGuild: true }), "srm-admin", "reveal"),
    );
  });
});
