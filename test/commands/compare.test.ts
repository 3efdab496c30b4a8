import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { type RunningBot, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { blockText, SlackWorkspace } from "../fakes/slack/workspace.js";
import { decode, pixel } from "../pictures/png-pixels.js";
import { memoryApp } from "../support/app.js";
import { channel, member } from "../support/people.js";

describe("/srm compare through the engine", () => {
  const app = memoryApp();
  const ask = (text: string) => app.engine.handle({ text, actor: member("ann"), channel: channel() });

  it("compares EC2 with both Fargate variants privately, in text and as a picture with alt text", async () => {
    const reply = await ask("compare ec2 vs fargate");
    expect(reply.visibility).toBe("private");
    const [card] = reply.cards;
    expect(card?.title).toBe("Amazon EC2 vs Amazon ECS on Fargate vs Amazon EKS on Fargate");
    const text = renderPlain(reply, TEXT_SYNTAX);
    expect(text).toContain(
      "Guest OS patching: Customer on Amazon EC2; AWS on Amazon ECS on Fargate and Amazon EKS on Fargate",
    );
    expect(card?.image?.name).toBe("compare-ec2-ecs-fargate-eks-fargate.png");
    expect(card?.image?.alt).toMatch(
      /^Responsibility stacks of Amazon EC2, Amazon ECS on Fargate, Amazon EKS on Fargate/,
    );
    expect(decode(card?.image?.png ?? new Uint8Array()).width).toBeGreaterThanOrEqual(720);
  });

  it("one service, six, or an unknown name is refused with what to type, and no picture", async () => {
    for (const [typed, title] of [
      ["compare ec2", "A comparison needs at least two services"],
      ["compare ec2 s3 ebs lambda rds efs", "That names 6 services; a comparison draws at most 5"],
      ["compare ec2 quantumledger", 'I don\'t know "quantumledger" as a service'],
    ] as const) {
      const reply = await ask(typed);
      expect(reply.cards[0]?.title, typed).toBe(title);
      expect(reply.cards[0]?.image, typed).toBeUndefined();
      expect(renderPlain(reply, TEXT_SYNTAX)).toContain('e.g. "/srm compare ec2 rds lambda"');
    }
  });

  it("compare alone asks for the services", async () => {
    const text = renderPlain(await ask("compare"), TEXT_SYNTAX);
    expect(text).toContain("Name 2 to 5 services");
  });
});

describe("/srm compare on Slack", () => {
  let slack: SlackWorkspace;
  beforeAll(async () => {
    slack = await SlackWorkspace.start();
  });
  afterAll(async () => {
    await slack?.close();
  });

  it("answers privately with the table and the uploaded picture in an image block", async () => {
    const reply = await slack.ask(slack.person("alice"), "compare ec2 rds lambda");
    expect(reply.response_type).toBe("ephemeral");
    expect(blockText(reply.blocks)).toContain("Where the line moves");
    const image = (reply.blocks as { type: string; slack_file?: { id: string }; alt_text?: string }[]).find(
      (b) => b.type === "image",
    );
    expect(image?.alt_text).toMatch(/^Responsibility stacks of Amazon EC2, Amazon RDS, AWS Lambda/);
    const file = slack.api.files.get(image?.slack_file?.id ?? "");
    expect(file?.filename).toBe("compare-ec2-rds-lambda.png");
  });
});

describe("/srm compare on Discord", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("answers with the comparison in an embed and the picture attached and shown in it", async () => {
    const sent = bot.fake.command(bot.fake.person("alice"), "srm", "compare", { services: "ec2 rds lambda" });
    const [embed] = await replyEmbeds(bot, sent);
    expect(embed?.title).toBe("Amazon EC2 vs Amazon RDS vs AWS Lambda");
    expect(embed?.image?.url).toBe("attachment://compare-ec2-rds-lambda.png");
    const [attachment] = bot.fake.rest.original(sent.id)?.attachments ?? [];
    const png = decode(bot.fake.rest.attachments.bytes.get(attachment?.id ?? "") ?? Buffer.alloc(0));
    expect(attachment?.description).toMatch(/^Responsibility stacks of Amazon EC2/);
    // The bottom-left cell (EC2's physical security) is AWS's: orange.
    expect(pixel(png, 24 + 250 + 3 + 7, png.height - 56 - 23)).toBe("#ff9900");
  });
});
