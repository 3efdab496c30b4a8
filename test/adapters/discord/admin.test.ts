import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import { embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;
let listed: FakePerson;

beforeAll(async () => {
  // The listed admin's id must be known before the bot reads SRM_ADMINS, so the fake starts first.
  const fake = await FakeDiscord.start();
  listed = fake.person("lee");
  bot = await startBot({ fake, admins: [listed.user.id] });
});

afterAll(async () => {
  await bot?.stop();
  await bot?.fake.close();
});

describe("admin commands on Discord", () => {
  it("a member without Manage Server and not in SRM_ADMINS is refused, privately, and nothing is posted", async () => {
    const member = bot.fake.person("mallory");
    for (const [top, sub, options] of [
      ["srm-admin", "daily now", {}],
      ["srm-admin", "daily set", { schedule: "09:00 Europe/Berlin mon-fri" }],
      ["srm-admin", "reveal", {}],
      ["srm-admin", "competition start", { name: "Spring cup", length: "2w" }],
      ["srm-admin", "competition end", {}],
      ["srm", "settings", { name: "difficulty", value: "hard" }],
    ] as const) {
      const sent = bot.fake.command(member, top, sub, options);
      const callback = await bot.fake.reply(sent);
      expect(isEphemeral(callback)).toBe(true);
      const refusal = (await replyEmbeds(bot, sent))[0];
      expect(refusal?.title).toBe(`Only admins can run ${sub}`);
      expect(refusal?.description).toContain(`/${top} ${sub} is for admins`);
      expect(refusal?.description).toContain("Ask a server admin");
      expect(refusal?.description).not.toContain("workspace");
    }
    expect(bot.fake.rest.channelMessages(bot.fake.general.id)).toEqual([]);
    expect(bot.app.db.prepare("SELECT COUNT(*) AS n FROM competitions").get()).toEqual({ n: 0 });
  });

  it("a person listed in SRM_ADMINS may post a question without Manage Server", async () => {
    const embeds = await replyEmbeds(bot, bot.fake.command(listed, "srm-admin", "daily now"));
    expect(embeds[0]?.title).toBe("Posted a question in this channel");
    expect(bot.fake.rest.channelMessages(bot.fake.general.id)).toHaveLength(1);
  });

  it("a competition starts and ends in the channel's view, and its status is private", async () => {
    const owner = bot.fake.person("olga", { manageGuild: true });
    const start = bot.fake.command(owner, "srm-admin", "competition start", {
      name: 'The "Big" Cup',
      length: "2 w",
    });
    const started = await bot.fake.reply(start);
    expect(started.type).toBe(4);
    expect(isEphemeral(started)).toBe(false);
    expect((await replyEmbeds(bot, start))[0]?.title).toBe('Competition "The "Big" Cup" has started');
    const status = bot.fake.command(bot.fake.person("pat"), "srm", "competition status");
    expect(isEphemeral(await bot.fake.reply(status))).toBe(true);
    expect((await replyEmbeds(bot, status))[0]?.title).toBe('Competition "The "Big" Cup"');
    const end = bot.fake.command(owner, "srm-admin", "competition end");
    expect(isEphemeral(await bot.fake.reply(end))).toBe(false);
    expect((await replyEmbeds(bot, end))[0]?.title).toBe('Competition "The "Big" Cup" is over');
  });

  it("the daily question is scheduled with /srm-admin daily, and anyone can see when it comes", async () => {
    const owner = bot.fake.person("rosa", { manageGuild: true });
    const set = await replyEmbeds(
      bot,
      bot.fake.command(owner, "srm-admin", "daily set", { schedule: "09:00 Europe/Berlin mon-fri" }),
    );
    expect(set[0]?.title).toBe("Daily question scheduled");
    expect(embedText(set[0])).toContain("09:00 Europe/Berlin, mon-fri");
    const status = bot.fake.command(bot.fake.person("sid"), "srm", "daily status");
    expect(isEphemeral(await bot.fake.reply(status))).toBe(true);
    expect(embedText((await replyEmbeds(bot, status))[0])).toContain("09:00 Europe/Berlin, mon-fri");
    const wrong = await replyEmbeds(
      bot,
      bot.fake.command(owner, "srm-admin", "daily set", { schedule: "bogus" }),
    );
    expect(embedText(wrong[0])).toContain("Usage: /srm-admin daily set schedule:<HH:MM");
  });

  it("settings are shown and changed through /srm settings", async () => {
    const owner = bot.fake.person("quinn", { manageGuild: true });
    const changed = await replyEmbeds(
      bot,
      bot.fake.command(owner, "srm", "settings", { name: "difficulty", value: "hard" }),
    );
    expect(changed[0]?.title).toBe("Settings saved for this channel");
    const shown = await replyEmbeds(bot, bot.fake.command(owner, "srm", "settings"));
    expect(embedText(shown[0])).toContain("Difficulty\nhard");
  });
});
