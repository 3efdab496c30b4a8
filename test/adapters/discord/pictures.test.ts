import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, pixel } from "../../pictures/png-pixels.js";
import { embedText, isEphemeral, type RunningBot, replyEmbeds, startBot } from "./harness.js";

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

describe("pictures in Discord", () => {
  it("/srm lookup rds answers privately with the stack attached and shown in the embed, with its alt text", async () => {
    const sent = bot.fake.command(bot.fake.person("alice"), "srm", "lookup", { service: "rds" });
    const callback = await bot.fake.reply(sent);
    expect(isEphemeral(callback)).toBe(true);
    const [embed] = await replyEmbeds(bot, sent);
    expect(embedText(embed)).toContain("Database engine patching");
    const message = bot.fake.rest.original(sent.id);
    const [attachment] = message?.attachments ?? [];
    expect(attachment?.filename).toBe("stack-rds.png");
    expect(attachment?.description).toMatch(/^Responsibility stack of Amazon RDS/);
    expect(embed?.image?.url).toBe("attachment://stack-rds.png");
    const png = decode(bot.fake.rest.attachments.bytes.get(attachment?.id ?? "") ?? Buffer.alloc(0));
    expect(png.width).toBe(720);
    // The top layer, customer data, is the customer's: blue.
    expect(pixel(png, 31, 104 + 23)).toBe("#1f6feb");
  });

  it("an answer without a picture sends no file", async () => {
    const sent = bot.fake.command(bot.fake.person("bob"), "srm", "lookup", {
      service: "ec2",
      area: "os-patching",
    });
    await replyEmbeds(bot, sent);
    expect(bot.fake.rest.original(sent.id)?.attachments).toEqual([]);
  });
});

describe("pictures in a deferred Discord reply", () => {
  it("a reply that had to be deferred is edited in with the stack attached and shown in the embed", async () => {
    const deferring = await startBot({ replyBudgetMs: 0 });
    try {
      const sent = deferring.fake.command(deferring.fake.person("carol"), "srm", "lookup", {
        service: "lambda",
      });
      const callback = await deferring.fake.reply(sent);
      expect(callback.type).toBe(5);
      const [embed] = await replyEmbeds(deferring, sent);
      expect(embed?.image?.url).toBe("attachment://stack-lambda.png");
      const [attachment] = deferring.fake.rest.original(sent.id)?.attachments ?? [];
      expect(attachment?.description).toMatch(/^Responsibility stack of AWS Lambda/);
      expect(
        decode(deferring.fake.rest.attachments.bytes.get(attachment?.id ?? "") ?? Buffer.alloc(0)).width,
      ).toBe(720);
    } finally {
      await deferring.stop();
    }
  });
});
