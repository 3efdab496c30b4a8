import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordingLogger } from "../../fakes/announcer.js";
import { blockText, SlackWorkspace } from "../../fakes/slack/workspace.js";
import { decode, pixel } from "../../pictures/png-pixels.js";

let slack: SlackWorkspace;

beforeEach(async () => {
  slack = await SlackWorkspace.start();
});

afterEach(async () => {
  await slack.close();
});

type Block = { type: string; slack_file?: { id: string }; alt_text?: string };

describe("pictures in Slack", () => {
  it("/srm rds uploads the stack through files upload v2 and shows it in the private reply, with the text", async () => {
    const reply = await slack.ask(slack.person("alice"), "rds");
    expect(reply.response_type).toBe("ephemeral");
    const blocks = reply.blocks as Block[];
    const image = blocks.find((b) => b.type === "image");
    expect(image?.alt_text).toMatch(/^Responsibility stack of Amazon RDS/);
    const file = slack.api.files.get(image?.slack_file?.id ?? "");
    expect(file?.filename).toBe("stack-rds.png");
    // Completed, and shared to no channel: what alice asked stays between her and the bot.
    expect(file?.completed).toEqual({ title: "stack-rds.png", channel: null });
    const png = decode(file?.bytes ?? Buffer.alloc(0));
    expect(png.width).toBe(720);
    expect(pixel(png, 31, 104 + 23)).toBe("#1f6feb");
    expect(blockText(reply.blocks)).toContain("Database engine patching");
  });

  it("the same picture asked for again is shown without a second upload", async () => {
    const first = await slack.ask(slack.person("alice"), "rds");
    const second = await slack.ask(slack.person("bob"), "amazon rds");
    const idOf = (r: Record<string, unknown>) =>
      (r.blocks as Block[]).find((b) => b.type === "image")?.slack_file?.id;
    expect(idOf(second)).toBe(idOf(first));
    expect(slack.api.callsOf("files.getUploadURLExternal")).toHaveLength(1);
  });

  it("an upload Slack refuses (no files:write scope) leaves the text answer whole and logs a warning", async () => {
    slack.api.failNext("files.getUploadURLExternal", 1, { error: "missing_scope" });
    const reply = await slack.ask(slack.person("alice"), "rds");
    expect((reply.blocks as Block[]).some((b) => b.type === "image")).toBe(false);
    expect(blockText(reply.blocks)).toContain("Database engine patching");
    const warned = (slack.logger as RecordingLogger).lines.find((l) =>
      l.message.includes("picture could not be uploaded"),
    );
    expect(warned?.fields?.code).toBe("missing_scope");
  });

  it("an answer without a picture uploads nothing", async () => {
    await slack.ask(slack.person("alice"), "ec2 os-patching");
    expect(slack.api.callsOf("files.getUploadURLExternal")).toEqual([]);
  });
});
