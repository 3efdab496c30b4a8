import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordingLogger } from "../../fakes/announcer.js";
import { eventually } from "../../fakes/slack/eventually.js";
import type { FakePerson } from "../../fakes/slack/payloads.js";
import type { FakeSlackMessage } from "../../fakes/slack/web-api.js";
import { blockText, headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;
let boss: FakePerson;

beforeEach(async () => {
  slack = await SlackWorkspace.start();
  boss = slack.person("boss", { admin: true });
});

afterEach(async () => {
  await slack.close();
});

/** Opens the question of the day in `channel` and returns its message and the ids of its buttons. */
async function openRound(channel: string): Promise<{ message: FakeSlackMessage; buttons: string[] }> {
  await slack.ask(boss, "daily now", { channel });
  const message = await eventually("the question in the channel", () => slack.api.lastMessageIn(channel));
  const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));
  return { message, buttons };
}

/** One click on a button; returns the response_url id its answer goes to. */
async function click(person: FakePerson, actionId: string, message: FakeSlackMessage, actionTs?: string) {
  const replyId = `click-${person.id}-${Math.random()}`;
  const ack = await slack.sender.click({
    person,
    actionId,
    responseUrl: slack.api.responseUrl(replyId),
    channel: message.channel,
    messageTs: message.ts,
    ...(actionTs ? { actionTs } : {}),
  });
  expect(ack).toMatchObject({ status: 200, body: "" });
  return replyId;
}

function answers(): { user_id: string; response: string }[] {
  return slack.app.db.prepare("SELECT user_id, response FROM answers ORDER BY user_id").all() as never;
}

describe("a channel round in Slack", () => {
  it("30 people click at once: each is confirmed privately, each answer counts once, the count updates", async () => {
    const { message, buttons } = await openRound("C1");
    expect(buttons).toEqual(expect.arrayContaining(["answer:1:A", "answer:1:B"]));
    expect(slack.api.callsOf("chat.postMessage")[0]?.token).toBe("xoxb-fake-bot-token");
    const people = Array.from({ length: 30 }, (_, i) => slack.person(`p${String(i).padStart(2, "0")}`));
    const replyIds = await Promise.all(
      people.map((p, i) => click(p, buttons[i % buttons.length] as string, message)),
    );
    for (const [i, id] of replyIds.entries()) {
      const reply = await slack.replyTo(id);
      expect(reply).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(headers(reply.blocks)).toEqual([
        `Locked in: ${(buttons[i % buttons.length] as string).slice(-1)}`,
      ]);
    }
    expect(answers()).toHaveLength(30);
    await eventually("the channel message to show 30 answers", () =>
      blockText(slack.api.lastMessageIn("C1")?.blocks).includes("30 answered ·"),
    );
  });

  it("a second click is refused kindly, a late click is told the question closed, and each counts once", async () => {
    const { message, buttons } = await openRound("C1");
    const alice = slack.person("alice");
    await slack.replyTo(await click(alice, "answer:1:A", message));
    const again = await slack.replyTo(await click(alice, "answer:1:B", message));
    expect(headers(again.blocks)).toEqual(["You already answered A"]);
    expect(blockText(again.blocks)).toContain("Your first answer");
    await slack.ask(boss, "reveal", { channel: "C1" });
    const late = await slack.replyTo(await click(slack.person("latecomer"), buttons[0] as string, message));
    expect(headers(late.blocks)).toEqual(["This question has closed"]);
    expect(answers()).toEqual([{ user_id: "UALICE", response: '["A"]' }]);
  });

  it("the reveal replaces the question with the answer, the explanation, the split and the points", async () => {
    const { message, buttons } = await openRound("C1");
    const people = ["ann", "ben", "cy", "dee"].map((n) => slack.person(n));
    await Promise.all(people.map((p, i) => click(p, buttons[i % buttons.length] as string, message)));
    await eventually("four answers", () => answers().length === 4);
    const reply = await slack.ask(boss, "reveal", { channel: "C1" });
    expect(headers(reply.blocks)).toEqual(["Revealed"]);
    const revealed = slack.api.lastMessageIn("C1");
    const [title = ""] = headers(revealed?.blocks);
    expect(title).toMatch(/^Answer: [A-D]$/);
    const text = blockText(revealed?.blocks);
    const letters = people.map((_, i) => (buttons[i % buttons.length] as string).slice(-1));
    const split = buttons
      .map((b) => `${b.slice(-1)}: ${letters.filter((l) => l === b.slice(-1)).length}`)
      .join(" · ");
    for (const part of ["*Why*", "*How the channel answered*", split, "*Points*"])
      expect(text).toContain(part);
    // The answer buttons are gone; only "Flag" is left.
    expect(JSON.stringify(revealed?.blocks)).toMatch(/"action_id":"flag:\d+"/);
    expect(JSON.stringify(revealed?.blocks)).not.toContain("answer:");
    const winners = people.filter((_, i) =>
      (buttons[i % buttons.length] as string).endsWith(title.slice(-1)),
    );
    for (const w of winners) expect(text).toContain(`${w.name} +`);
    const board = await slack.ask(winners[0] ?? boss, "leaderboard");
    expect(headers(board.blocks)[0]).toMatch(/^Leaderboard/);
    for (const w of winners) expect(blockText(board.blocks)).toContain(w.name);
  });

  it("a reveal held up by a 429 is acknowledged in time, retried after Retry-After, and still happens", async () => {
    const { message, buttons } = await openRound("C1");
    await slack.replyTo(await click(slack.person("alice"), buttons[0] as string, message));
    await eventually("the count update", () =>
      blockText(slack.api.lastMessageIn("C1")?.blocks).includes("1 answered"),
    );
    await slack.app.engine.idle();
    // Longer than the reply may take to ride in the acknowledgement, so the reply comes via response_url.
    slack.api.failNext("chat.update", 1, { status: 429, retryAfter: 3 });
    const { ack, replyId } = await slack.command(boss, "reveal", { channel: "C1" });
    expect(ack).toMatchObject({ status: 200, body: "" });
    expect(ack.ms).toBeLessThan(3_000);
    const reply = await eventually("the reveal's reply", () => slack.api.responsesTo(replyId)[0], 10_000);
    expect(headers(reply.blocks)).toEqual(["Revealed"]);
    expect(headers(slack.api.lastMessageIn("C1")?.blocks)[0]).toMatch(/^Answer: /);
    const updates = slack.api.callsOf("chat.update").map((c) => c.status);
    expect(updates.slice(-2)).toEqual([429, 200]);
  });

  it("a click Slack sends again (X-Slack-Retry-Num) is answered once and counted once", async () => {
    const { message } = await openRound("C1");
    const alice = slack.person("alice");
    const replyId = await click(alice, "answer:1:C", message, "1700000123.000001");
    await slack.replyTo(replyId);
    const retry = await slack.sender.click(
      {
        person: alice,
        actionId: "answer:1:C",
        responseUrl: slack.api.responseUrl(replyId),
        actionTs: "1700000123.000001",
      },
      { retryNum: 1 },
    );
    expect(retry.status).toBe(200);
    const logger = slack.logger as RecordingLogger;
    await eventually("the repeat to be set aside", () =>
      logger.lines.find((l) => l.message === "ignored a repeated Slack delivery"),
    );
    expect(slack.api.responsesTo(replyId)).toHaveLength(1);
    expect(answers()).toEqual([{ user_id: "UALICE", response: '["C"]' }]);
  });

  it("a reveal Slack refuses in one channel does not stop another channel's reveal", async () => {
    const one = await openRound("C1");
    const two = await openRound("C2");
    await slack.replyTo(await click(slack.person("ann"), one.buttons[0] as string, one.message));
    await slack.replyTo(await click(slack.person("ben"), two.buttons[0] as string, two.message));
    await slack.app.engine.idle();
    slack.api.failNext("chat.update", 1, { error: "channel_not_found" });
    await Promise.all([
      slack.ask(boss, "reveal", { channel: "C1" }),
      slack.ask(boss, "reveal", { channel: "C2" }),
    ]);
    const revealedMessages = ["C1", "C2"].filter((c) =>
      headers(slack.api.lastMessageIn(c)?.blocks)[0]?.startsWith("Answer"),
    );
    expect(revealedMessages).toHaveLength(1);
    const failures = (slack.logger as RecordingLogger).lines.filter((l) => l.level === "error");
    expect(failures.map((l) => l.message)).toEqual(["announcing a reveal failed; the scores are saved"]);
    const statuses = slack.app.db.prepare("SELECT status FROM rounds ORDER BY id").all();
    expect(statuses).toEqual([{ status: "revealed" }, { status: "revealed" }]);
  });

  it("a button id that is not one of ours is refused kindly", async () => {
    const { message } = await openRound("C1");
    const reply = await slack.replyTo(
      await click(slack.person("mallory"), "answer:1:Z; DROP TABLE answers", message),
    );
    expect(headers(reply.blocks)).toEqual(["That button is not one of ours"]);
    expect(answers()).toEqual([]);
  });

  it("/srm void replaces the question with a withdrawal notice: no answer, no buttons, no points", async () => {
    const { message, buttons } = await openRound("C1");
    await slack.replyTo(await click(slack.person("ann"), buttons[0] as string, message));
    expect(headers((await slack.ask(slack.person("eve"), "void", { channel: "C1" })).blocks)).toEqual([
      "Only admins can run void",
    ]);
    const reply = await slack.ask(boss, "void", { channel: "C1" });
    expect(headers(reply.blocks)).toEqual(["Withdrawn"]);
    const withdrawn = slack.api.lastMessageIn("C1");
    expect(headers(withdrawn?.blocks)).toEqual(["Question withdrawn"]);
    expect(blockText(withdrawn?.blocks)).not.toMatch(/Answer:|\*Why\*/);
    expect(withdrawn?.blocks.some((b) => (b as { type: string }).type === "actions")).toBe(false);
    expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM scores").get()).toEqual({ n: 0 });
  });
});
