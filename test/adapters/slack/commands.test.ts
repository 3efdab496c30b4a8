import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordingLogger } from "../../fakes/announcer.js";
import { eventually } from "../../fakes/slack/eventually.js";
import { blockText, headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;

beforeEach(async () => {
  slack = await SlackWorkspace.start({ admins: ["UOPS"] });
});

afterEach(async () => {
  await slack.close();
});

describe("/srm over Slack's HTTP mode", () => {
  it("a lookup is answered inside the acknowledgement, only to the asker, the owner first", async () => {
    const { ack } = await slack.command(slack.person("alice"), "ec2 os-patching");
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    const reply = JSON.parse(ack.body);
    expect(reply.response_type).toBe("ephemeral");
    expect((reply.blocks as { type: string }[])[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Customer", emoji: true },
    });
    expect(reply.text).toMatch(/^Customer: Amazon EC2 · Guest OS patching\n/);
    expect(blockText(reply.blocks)).toContain("Source");
    await slack.app.engine.idle();
    const rows = slack.app.db.prepare("SELECT * FROM lookups").all();
    expect(rows).toMatchObject([{ status: "answer", service_id: "ec2", area_id: "guest-os-patching" }]);
    expect(JSON.stringify(rows)).not.toMatch(/UALICE|ec2 os-patching/);
    expect(slack.api.responses).toEqual([]);
  });

  it("nothing a person types reaches the log, whatever the command", async () => {
    const typed = [
      "AKIAIOSFODNN7EXAMPLE you useless bot",
      "answer ZZTOPSECRET",
      "daily set 99:99 QQSECRET/Zone",
    ];
    for (const text of typed) await slack.command(slack.person("alice"), text);
    await slack.app.engine.idle();
    const logged = JSON.stringify((slack.logger as RecordingLogger).lines);
    for (const word of ["AKIAIOSFODNN7EXAMPLE", "useless", "ZZTOPSECRET", "QQSECRET"])
      expect(logged).not.toContain(word);
  });

  it("help is private and lists the lookups", async () => {
    const reply = await slack.ask(slack.person("alice"), "help");
    expect(reply.response_type).toBe("ephemeral");
    expect(headers(reply.blocks)).toEqual(["srm-bot: who secures what on AWS"]);
    expect(blockText(reply.blocks)).toContain("/srm ec2 os-patching");
  });

  it("a competition start is announced in the channel for everyone", async () => {
    const reply = await slack.ask(slack.person("boss", { admin: true }), 'competition start "Spring" 2w');
    expect(reply.response_type).toBe("in_channel");
    expect(headers(reply.blocks)).toEqual(['Competition "Spring" has started']);
  });

  it("a person who is neither a workspace admin nor in SRM_ADMINS is refused an admin command", async () => {
    const reply = await slack.ask(slack.person("bob"), "daily now");
    expect(headers(reply.blocks)).toEqual(["Only admins can run daily now"]);
    expect(slack.api.callsOf("chat.postMessage")).toEqual([]);
    expect(slack.api.callsOf("users.info").map((c) => c.args.user)).toEqual(["UBOB"]);
  });

  it("a workspace admin (users.info) and a person in SRM_ADMINS may both run admin commands", async () => {
    const boss = await slack.ask(slack.person("boss", { admin: true }), "daily now", { channel: "C1" });
    expect(headers(boss.blocks)).toEqual(["Posted a question in this channel"]);
    const ops = await slack.ask(slack.person("ops"), "daily now", { channel: "C2" });
    expect(headers(ops.blocks)).toEqual(["Posted a question in this channel"]);
    expect(slack.api.callsOf("chat.postMessage").map((c) => c.args.channel)).toEqual(["C1", "C2"]);
  });

  it("users.info is asked once per person, not on every command", async () => {
    const alice = slack.person("alice");
    await slack.ask(alice, "rds");
    await slack.ask(alice, "s3 bucket policy");
    expect(slack.api.callsOf("users.info")).toHaveLength(1);
  });

  it("a forged signature is refused with 401 and nothing reaches the engine", async () => {
    const { ack } = await slack.command(slack.person("mallory"), "daily now", { secret: "not-the-secret" });
    expect(ack.status).toBe(401);
    // Only the start-up checks of the token reached Slack: no reply, no post, no user looked up.
    expect(slack.api.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(slack.api.responses).toEqual([]);
    await slack.app.engine.idle();
    expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM lookups").get()).toEqual({ n: 0 });
  });

  it("a correctly signed but stale request (a replay) is refused with 401", async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const { ack } = await slack.command(slack.person("mallory"), "rds", { timestamp: sixMinutesAgo });
    expect(ack.status).toBe(401);
    expect(slack.api.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(slack.api.responses).toEqual([]);
  });

  it("a slash command Slack sends again (X-Slack-Retry-Num) is acknowledged and answered once", async () => {
    const alice = slack.person("alice");
    // A retry is the same delivery again: same trigger_id, same response_url.
    const command = {
      person: alice,
      text: "rds",
      responseUrl: slack.api.responseUrl("rds-once"),
      triggerId: "T-1",
    };
    const first = await slack.sender.slashCommand(command);
    expect(JSON.parse(first.body).blocks).toBeDefined();
    const retry = await slack.sender.slashCommand(command, { retryNum: 1 });
    expect(retry).toMatchObject({ status: 200, body: "" });
    const logger = slack.logger as RecordingLogger;
    await eventually("the repeat to be set aside", () =>
      logger.lines.find((l) => l.message === "ignored a repeated Slack delivery" && l.fields?.retry === 1),
    );
    expect(slack.api.responsesTo("rds-once")).toEqual([]);
    await slack.app.engine.idle();
    expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM lookups").get()).toEqual({ n: 1 });
  });

  it("an unexpected failure is logged once and the person is told kindly", async () => {
    slack.app.db.close();
    const reply = await slack.ask(slack.person("alice"), "leaderboard");
    expect(headers(reply.blocks)).toEqual(["Something went wrong on our side"]);
    const errors = (slack.logger as RecordingLogger).lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe("slack command failed");
    expect(JSON.stringify(errors)).not.toContain("xoxb-");
  });
});
