import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCENT_COLOURS } from "../../../adapters/discord/embeds.js";
import { embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

describe("Discord lookups through the real discord.js client", () => {
  it("identifies with the Guilds intent only, learning the gateway from GET /gateway/bot", () => {
    expect(bot.fake.gateway.identifies.map((i) => i.intents)).toEqual([1]);
    expect(bot.fake.rest.callsTo("GET", /^\/gateway\/bot$/)).toHaveLength(1);
  });

  it("once started it reports itself ready", () => {
    expect(bot.frontEnd.ready?.()).toBe(true);
  });

  it("starting the bot registers no commands (that is srm discord register's job)", () => {
    expect(bot.fake.rest.callsTo("PUT", /\/commands$/)).toEqual([]);
  });

  it("/srm lookup answers privately with an embed whose title is the owner, in the owner's colour", async () => {
    const alice = bot.fake.person("alice");
    const sent = bot.fake.command(alice, "srm", "lookup", { service: "ec2", area: "os-patching" });
    const callback = await bot.fake.reply(sent);
    expect(callback.type).toBe(4);
    expect(isEphemeral(callback)).toBe(true);
    const [embed] = (await replyEmbeds(bot, sent)) ?? [];
    expect(embed?.title).toBe("Customer");
    expect(embed?.color).toBe(ACCENT_COLOURS.customer);
    expect(embed?.description).toContain("Amazon EC2 · Guest OS patching");
    expect(embed?.fields?.map((f) => f.name)).toEqual(
      expect.arrayContaining(["Why", "AWS's part", "Your part"]),
    );
    expect(embed?.footer?.text).toMatch(/^Sources?: /);
  });

  it("an AWS-owned answer is orange and a shared one purple", async () => {
    const bob = bot.fake.person("bob");
    const aws = await replyEmbeds(bot, bot.fake.command(bob, "srm", "lookup", { area: "hypervisor" }));
    expect(aws[0]?.title).toBe("AWS");
    expect(aws[0]?.color).toBe(ACCENT_COLOURS.aws);
    const shared = await replyEmbeds(
      bot,
      bot.fake.command(bob, "srm", "lookup", { service: "rds", area: "backups" }),
    );
    expect(shared[0]?.title).toBe("Shared");
    expect(shared[0]?.color).toBe(ACCENT_COLOURS.shared);
  });

  it("each lookup is counted under the Discord guild and channel by its cell, without the person or their words", async () => {
    const carol = bot.fake.person("carol", { nick: "Carol the Cloud" });
    await bot.fake.reply(bot.fake.command(carol, "srm", "lookup", { service: "s3", area: "bucket policy" }));
    await bot.app.engine.idle();
    const row = bot.app.db.prepare("SELECT * FROM lookups ORDER BY id DESC LIMIT 1").get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      platform: "discord",
      workspace: bot.fake.guildId,
      channel: bot.fake.general.id,
      service_id: "s3",
    });
    expect(Object.values(row)).not.toContain(carol.user.id);
    expect(Object.values(row)).not.toContain("s3 bucket policy");
  });

  it("/srm ask takes free phrasing, and its words can never become another command", async () => {
    const dave = bot.fake.person("dave");
    const answer = await replyEmbeds(
      bot,
      bot.fake.command(dave, "srm", "ask", { text: "who patches the rds engine" }),
    );
    expect(answer[0]?.title).toBe("AWS");
    expect(answer[0]?.description).toContain("Amazon RDS · Database engine patching");
    const sneaky = bot.fake.command(dave, "srm", "ask", { text: "reveal" });
    expect(isEphemeral(await bot.fake.reply(sneaky))).toBe(true);
    const text = embedText((await replyEmbeds(bot, sneaky))[0]);
    expect(text).not.toContain("Only admins");
    expect(text).toContain("reveal");
  });

  it("a lookup with nothing named, or pasted newlines and control characters, gets a helpful answer", async () => {
    const erin = bot.fake.person("erin");
    const empty = await replyEmbeds(bot, bot.fake.command(erin, "srm", "lookup", {}));
    expect(empty[0]?.title).toBe("Ask about a service, an area, or both");
    const messy = await replyEmbeds(
      bot,
      bot.fake.command(erin, "srm", "ask", { text: "ec2\n\u0000\u0007 os-patching\r\n" }),
    );
    expect(messy[0]?.title).toBe("Customer");
  });

  it("/srm help lists the commands as they are typed on Discord, practice and admin ones included", async () => {
    const frank = bot.fake.person("frank");
    const embeds = await replyEmbeds(bot, bot.fake.command(frank, "srm", "help"));
    expect(embeds[0]?.title).toBe("srm-bot: who secures what on AWS");
    const help = embeds.map(embedText).join("\n");
    for (const shown of [
      "/srm lookup service:ec2 area:os-patching",
      "/srm practice",
      "/srm review",
      "/srm cram",
      "/srm sure level:",
      "/srm-admin daily set schedule:",
    ])
      expect(help).toContain(shown);
    // No command in the text grammar's spelling that Discord does not have.
    expect(help).not.toMatch(/\/srm (daily|competition) (set|now|start|end)/);
  });

  it("autocomplete suggests services by id, name or alias, filtered by what was typed", async () => {
    const gina = bot.fake.person("gina");
    const typed = await bot.fake.reply(
      bot.fake.autocomplete(gina, "srm", "lookup", { service: "dyn" }, "service"),
    );
    expect(typed.type).toBe(8);
    const choices = typed.data.choices as { name: string; value: string }[];
    expect(choices[0]).toEqual({ name: "Amazon DynamoDB (dynamodb)", value: "dynamodb" });
    const alias = await bot.fake.reply(
      bot.fake.autocomplete(gina, "srm", "lookup", { service: "virtual m" }, "service"),
    );
    expect((alias.data.choices as { value: string }[]).map((c) => c.value)).toContain("ec2");
    const all = await bot.fake.reply(
      bot.fake.autocomplete(gina, "srm", "lookup", { service: "" }, "service"),
    );
    expect((all.data.choices as unknown[]).length).toBe(25);
  });

  it("autocomplete suggests areas for the area option, whatever the service says", async () => {
    const hal = bot.fake.person("hal");
    const sent = bot.fake.autocomplete(hal, "srm", "lookup", { service: "rds", area: "encr" }, "area");
    const choices = (await bot.fake.reply(sent)).data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(["encryption-at-rest"]));
    expect(choices.every((c) => c.name.toLowerCase().includes("encr"))).toBe(true);
  });

  it("a lookup in a direct message works, under the person's own workspace", async () => {
    const ivy = bot.fake.person("ivy");
    const sent = bot.fake.command(ivy, "srm", "lookup", { service: "lambda", area: "code" }, bot.fake.dm());
    const embeds = await replyEmbeds(bot, sent);
    expect(embeds[0]?.title).toBe("Customer");
    await bot.app.engine.idle();
    const row = bot.app.db.prepare("SELECT workspace FROM lookups ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ workspace: `user-${ivy.user.id}` });
  });
});
