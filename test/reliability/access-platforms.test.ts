import { afterAll, describe, expect, it } from "vitest";
import { TerminalFrontEnd } from "../../adapters/terminal/terminal.js";
import { postQuestion, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { snowflake } from "../fakes/discord/snowflake.js";
import { memoryApp, sink } from "../support/app.js";
import { ADMIN_COMMANDS, ADMIN_SETUP, DISCORD_ADMIN_COMMANDS } from "./support/admin-commands.js";
import { report, Tally } from "./support/figures.js";
import { dumpTables, expectSetUp } from "./support/tables.js";

const tally = new Tally();
afterAll(() => report("access (Discord and terminal)", tally.figures()));

describe("who may do what, on Discord and in the terminal", () => {
  it("on Discord a member is refused every /srm-admin command, privately, and every table is left as it was", async () => {
    const bot = await startBot();
    try {
      const { fake } = bot;
      const ada = fake.person("ada", { manageGuild: true });
      for (const [top, sub, options] of [
        ["srm-admin", "daily set", { schedule: "08:00 UTC mon-sun reveal after 2h" }],
        ["srm-admin", "competition start", { name: "Admin Cup", length: "2w" }],
        ["srm", "settings", { name: "difficulty", value: "easy" }],
      ] as const)
        await replyEmbeds(bot, fake.command(ada, top, sub, options));
      await postQuestion(bot, ada);
      await bot.app.engine.idle();
      const mallory = fake.person("mallory");
      const before = dumpTables(bot.app.db);
      expectSetUp(before);
      const posted = fake.rest.channelMessages(fake.general.id).length;
      for (const [top, sub, options] of DISCORD_ADMIN_COMMANDS) {
        const sent = fake.command(mallory, top, sub, options);
        expect((Number((await fake.reply(sent)).data.flags ?? 0) & 64) === 64, sub).toBe(true);
        const refusal = (await replyEmbeds(bot, sent))[0];
        expect(refusal?.title, sub).toBe(`Only admins can run ${sub}`);
        // The refusal names the command as Discord spells it.
        expect(refusal?.description, sub).toContain(`/${top} ${sub} is for admins`);
        tally.add("Discord admin commands refused to a member");
      }
      await bot.app.engine.idle();
      expect(dumpTables(bot.app.db)).toEqual(before);
      expect(fake.rest.channelMessages(fake.general.id)).toHaveLength(posted);
    } finally {
      await bot.stop();
    }
  });

  it("on Discord a button for another server's round, or for someone else's quiz, is refused and stores nothing", async () => {
    const bot = await startBot();
    try {
      const { fake } = bot;
      const elsewhere = { guildId: snowflake(), channelId: snowflake() };
      const olga = fake.person("olga", { manageGuild: true });
      await replyEmbeds(bot, fake.command(olga, "srm-admin", "daily now", {}, elsewhere));
      const question = await postQuestion(bot, fake.person("ada", { manageGuild: true }));
      await replyEmbeds(bot, fake.command(fake.person("bob"), "srm", "quiz"));
      const ids = bot.app.db.prepare("SELECT id, workspace, kind FROM rounds ORDER BY id").all() as {
        id: number;
        workspace: string;
        kind: string;
      }[];
      const before = dumpTables(bot.app.db);
      const mallory = fake.person("mallory");
      for (const [round, title] of [
        [ids.find((r) => r.workspace === elsewhere.guildId)?.id, "That question is not in this channel"],
        [ids.find((r) => r.kind === "private")?.id, "That question was someone else's"],
      ] as const) {
        const embeds = await replyEmbeds(bot, fake.click(mallory, question, `answer:${round}:A`));
        expect(embeds[0]?.title).toBe(title);
        tally.add("Discord forged buttons refused");
      }
      expect(dumpTables(bot.app.db)).toEqual(before);
    } finally {
      await bot.stop();
    }
  });

  it("on Discord a button pressed in one channel that names the round of another channel is refused", async () => {
    const bot = await startBot();
    try {
      const ada = bot.fake.person("ada", { manageGuild: true });
      const general = await postQuestion(bot, ada);
      const quiz = await postQuestion(bot, ada, bot.fake.quiz);
      const round = bot.app.db.prepare("SELECT id FROM rounds WHERE channel = ?").get(general.channel_id) as {
        id: number;
      };
      const embeds = await replyEmbeds(
        bot,
        bot.fake.click(bot.fake.person("mallory"), quiz, `answer:${round.id}:A`),
      );
      expect(embeds[0]?.title).toBe("That question is not in this channel");
      expect(bot.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
      tally.add("Discord forged buttons refused");
    } finally {
      await bot.stop();
    }
  });

  it("in the terminal anyone but its owner is refused every admin command, and every table is left as it was", async () => {
    const app = memoryApp();
    const terminal = new TerminalFrontEnd({ engine: app.engine, input: sink(), output: sink() });
    for (const text of ADMIN_SETUP) await terminal.handleLine(`/srm ${text}`);
    await app.engine.idle();
    await terminal.handleLine("/as mallory");
    const before = dumpTables(app.db);
    expectSetUp(before);
    for (const text of ADMIN_COMMANDS) {
      expect(await terminal.handleLine(`/srm ${text}`), text).toMatch(/^Only admins can run /);
      tally.add("terminal admin commands refused to a non-owner");
    }
    expect(dumpTables(app.db)).toEqual(before);
    await app.close();
  });
});
