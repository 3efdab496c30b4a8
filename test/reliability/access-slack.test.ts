import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  type FakePerson,
  slashCommandFields,
  uniqueTs,
} from "../fakes/slack/payloads.js";
import { slackSignature } from "../fakes/slack/request-sender.js";
import { blockText, headers, SIGNING_SECRET, SlackWorkspace } from "../fakes/slack/workspace.js";
import { ADMIN_COMMANDS, ADMIN_SETUP } from "./support/admin-commands.js";
import { report, Tally } from "./support/figures.js";
import { postRaw } from "./support/raw-slack.js";
import { OTHER_TEAM } from "./support/slack-hostile.js";
import { dumpTables, expectSetUp } from "./support/tables.js";

let slack: SlackWorkspace;
let boss: FakePerson;
const tally = new Tally();

beforeEach(async () => {
  slack = await SlackWorkspace.start();
  boss = slack.person("boss", { admin: true });
  for (const text of ADMIN_SETUP) await slack.ask(boss, text, { channel: "C1" });
  await slack.app.engine.idle();
});

afterEach(async () => {
  await slack.close();
});

function clickBody(
  person: FakePerson,
  actionId: string,
  o: { team?: string; actionTs?: string } = {},
): string {
  const payload = blockActionsPayload({
    person,
    actionId,
    responseUrl: slack.api.responseUrl(`click-${person.id}`),
    channel: "C1",
    ...(o.actionTs ? { actionTs: o.actionTs } : {}),
  });
  if (o.team) {
    payload.team = { id: o.team, domain: "other" };
    (payload.user as Record<string, unknown>).team_id = o.team;
  }
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

afterAll(() => report("access (Slack)", tally.figures()));

describe("who may do what, on Slack", () => {
  it("forged, stale, future, missing and body-swapped signatures are refused with 401, and nothing changes", async () => {
    const before = dumpTables(slack.app.db);
    const now = Math.floor(Date.now() / 1000);
    const body = clickBody(slack.person("mallory"), "answer:1:A");
    const signed = (ts: number, b = body, secret = SIGNING_SECRET) => ({
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(secret, ts, b),
    });
    const attempts: [string, Record<string, string>, string][] = [
      ["the wrong secret", signed(now, body, "not-the-signing-secret"), body],
      ["six minutes old", signed(now - 6 * 60), body],
      ["six minutes ahead", signed(now + 6 * 60), body],
      ["no signature", { "x-slack-request-timestamp": String(now) }, body],
      ["no timestamp", { "x-slack-signature": signed(now)["x-slack-signature"] }, body],
      ["a body swapped after signing", signed(now), clickBody(slack.person("mallory"), "answer:1:B")],
      ["a signature of another request", signed(now, "command=%2Fsrm&text=reveal"), body],
    ];
    for (const [why, h, b] of attempts) {
      expect(await postRaw(slack, b, h), why).toBe(401);
      tally.add("forged or stale requests refused");
    }
    expect(dumpTables(slack.app.db)).toEqual(before);
    expect(slack.api.responses.filter((r) => r.id.startsWith("click-"))).toEqual([]);
  });

  it("a signed click replayed five times within Slack's window is answered once and counted once", async () => {
    const ann = slack.person("ann");
    const body = clickBody(ann, "answer:1:A", { actionTs: uniqueTs() });
    const ts = Math.floor(Date.now() / 1000);
    const h = {
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body),
    };
    for (let i = 0; i < 5; i++) expect(await postRaw(slack, body, h)).toBe(200);
    await slack.replyTo(`click-${ann.id}`);
    await slack.app.engine.idle();
    expect(slack.api.responsesTo(`click-${ann.id}`)).toHaveLength(1);
    expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers WHERE user_id = ?").get(ann.id)).toEqual({
      n: 1,
    });
    tally.add("replays dropped", 4);
  });

  it("a member is refused every admin command, privately, and every table is left exactly as it was", async () => {
    const mallory = slack.person("mallory");
    const before = dumpTables(slack.app.db);
    expectSetUp(before);
    const posts = slack.api.callsOf("chat.postMessage").length;
    for (const text of ADMIN_COMMANDS) {
      const reply = await slack.ask(mallory, text, { channel: "C1" });
      expect(reply.response_type, text).toBe("ephemeral");
      expect(headers(reply.blocks)[0], text).toMatch(/^Only admins can run /);
      tally.add("admin commands refused to a member");
    }
    await slack.app.engine.idle();
    expect(dumpTables(slack.app.db)).toEqual(before);
    expect(slack.api.callsOf("chat.postMessage")).toHaveLength(posts);
  });

  it("an admin demoted in Slack is refused the next admin command at once, though their profile was remembered", async () => {
    // The set-up made the boss's profile known; a lookup since keeps it fresh in memory.
    await slack.ask(boss, "s3", { channel: "C1" });
    const before = dumpTables(slack.app.db);
    slack.api.setUser(boss.id, { name: "boss", admin: false });
    for (const text of ["reveal", "daily off", "settings difficulty hard"]) {
      const reply = await slack.ask(boss, text, { channel: "C1" });
      expect(headers(reply.blocks)[0], text).toMatch(/^Only admins can run /);
      tally.add("admin commands refused after a demotion");
    }
    await slack.app.engine.idle();
    expect(dumpTables(slack.app.db)).toEqual(before);
    // Promoted again, the next admin command is accepted just as promptly.
    slack.api.setUser(boss.id, { name: "boss", admin: true });
    expect(headers((await slack.ask(boss, "reveal", { channel: "C1" })).blocks)[0]).toBe("Revealed");
  });

  it("a click on a round of another workspace, or on someone else's private quiz, is refused and stores nothing", async () => {
    // A second team opens a round; its id is then pressed from the first team.
    const olga = slack.person("olga", { admin: true });
    const fields = {
      ...slashCommandFields({ person: olga, text: "daily now", responseUrl: slack.api.responseUrl("o") }),
      team_id: OTHER_TEAM,
    };
    await slack.sender.send(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");
    await slack.ask(slack.person("bob"), "quiz", { channel: "C1" });
    const rounds = slack.app.db.prepare("SELECT id, workspace, kind FROM rounds ORDER BY id").all() as {
      id: number;
      workspace: string;
      kind: string;
    }[];
    const foreign = rounds.find((r) => r.workspace === OTHER_TEAM)?.id;
    const bobsQuiz = rounds.find((r) => r.kind === "private")?.id;
    const before = dumpTables(slack.app.db);
    const mallory = slack.person("mallory");
    for (const [id, expected] of [
      [foreign, "That question is not in this channel"],
      [bobsQuiz, "That question was someone else's"],
    ] as const) {
      const replyId = `forged-${id}`;
      await slack.sender.click({
        person: mallory,
        actionId: `answer:${id}:A`,
        responseUrl: slack.api.responseUrl(replyId),
        channel: "C1",
      });
      expect(headers((await slack.replyTo(replyId)).blocks)[0]).toBe(expected);
      tally.add("forged buttons refused");
    }
    // Typing an answer names no one else: it can only ever be the typist's own.
    const typed = await slack.ask(mallory, "answer A <@UBOB>", { channel: "C1" });
    expect(blockText(typed.blocks)).not.toContain("Locked in");
    expect(dumpTables(slack.app.db)).toEqual(before);
  });

  it("a button pressed in one channel that names the round of another channel is refused and stores nothing", async () => {
    await slack.ask(boss, "daily now", { channel: "C2" });
    const inC1 = (slack.app.db.prepare("SELECT id FROM rounds WHERE channel = 'C1'").get() as { id: number })
      .id;
    const mallory = slack.person("mallory");
    await slack.sender.click({
      person: mallory,
      actionId: `answer:${inC1}:A`,
      responseUrl: slack.api.responseUrl("cross"),
      channel: "C2",
    });
    expect(headers((await slack.replyTo("cross")).blocks)[0]).toBe("That question is not in this channel");
    expect(
      slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers WHERE user_id = ?").get(mallory.id),
    ).toEqual({ n: 0 });
    tally.add("forged buttons refused");
  });

  it("a signed click on a channel's question that names no channel is refused and stores nothing", async () => {
    const id = (slack.app.db.prepare("SELECT id FROM rounds WHERE channel = 'C1'").get() as { id: number })
      .id;
    const mallory = slack.person("mallory");
    const payload = blockActionsPayload({
      person: mallory,
      actionId: `answer:${id}:A`,
      responseUrl: slack.api.responseUrl("nowhere"),
    });
    delete payload.channel;
    (payload.container as Record<string, unknown>).channel_id = undefined;
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signed = {
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body),
    };
    expect(await postRaw(slack, body, signed)).toBe(200);
    expect(headers((await slack.replyTo("nowhere")).blocks)[0]).toBe("That question is not in this channel");
    expect(
      slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers WHERE user_id = ?").get(mallory.id),
    ).toEqual({ n: 0 });
    tally.add("forged buttons refused");
  });
});
