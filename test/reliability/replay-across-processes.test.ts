import { afterAll, describe, expect, it } from "vitest";
import { type FakePerson, slashCommandFields } from "../fakes/slack/payloads.js";
import { slackSignature } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { BotProcess, CHILD_SECRET, removeTempDb, tempDb } from "./support/bot-process.js";

const bots: BotProcess[] = [];
let api: FakeSlackWebApi | undefined;
const dbPath = tempDb();

afterAll(async () => {
  await Promise.all(bots.map((b) => b.kill()));
  await api?.close();
  removeTempDb(dbPath);
});

/** One captured request: exactly the bytes and headers Slack sent, to be sent again as they are. */
interface Captured {
  readonly body: string;
  readonly headers: Record<string, string>;
}

function capture(person: FakePerson, text: string, responseUrl: string): Captured {
  const body = new URLSearchParams(
    slashCommandFields({ person, text, responseUrl, channel: "C1" }),
  ).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(CHILD_SECRET, timestamp, body),
    },
  };
}

async function send(bot: BotProcess, request: Captured): Promise<{ status: number; text: string }> {
  const r = await fetch(bot.eventsUrl, { method: "POST", body: request.body, headers: request.headers });
  return { status: r.status, text: await r.text() };
}

describe("a signed admin command captured and sent again within Slack's five minutes", () => {
  it("posts nothing more, whether it reaches a second process on the same file or the first one restarted", async () => {
    api = await FakeSlackWebApi.start();
    const fake = api;
    const boss: FakePerson = { id: "UBOSS", name: "boss" };
    fake.setUser(boss.id, { name: "boss", admin: true });
    const first = await BotProcess.start({ dbPath, apiUrl: fake.apiUrl });
    bots.push(first);

    const dailyNow = capture(boss, "daily now", fake.responseUrl("daily-now"));
    const posted = await send(first, dailyNow);
    expect(posted.status).toBe(200);
    expect(posted.text).toContain("Posted a question");
    // The round is revealed, so that a second `daily now` would post a fresh question if it were obeyed.
    const revealed = await send(first, capture(boss, "reveal", fake.responseUrl("reveal")));
    expect(revealed.text).toContain("Revealed");
    const messages = fake.messages.size;
    const posts = fake.callsOf("chat.postMessage").length;

    const second = await BotProcess.start({ dbPath, apiUrl: fake.apiUrl });
    bots.push(second);
    const toSecond = await send(second, dailyNow);
    expect(toSecond.status).toBe(200);
    expect(toSecond.text).not.toContain("Posted");

    await first.stop();
    const restarted = await BotProcess.start({ dbPath, apiUrl: fake.apiUrl });
    bots.push(restarted);
    const toRestarted = await send(restarted, dailyNow);
    expect(toRestarted.status).toBe(200);
    expect(toRestarted.text).not.toContain("Posted");

    expect(fake.messages.size).toBe(messages);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(posts);
    expect(second.log + restarted.log).toContain("ignored a repeated Slack delivery");
  }, 120_000);
});
