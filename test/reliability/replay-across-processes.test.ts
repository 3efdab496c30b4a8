import { afterAll, describe, expect, it } from "vitest";
import { type FakePerson, slashCommandFields } from "../fakes/slack/payloads.js";
import { slackSignature } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { BotDatabase, engines } from "./support/bot-database.js";
import { type BotProcess, CHILD_SECRET } from "./support/bot-process.js";

const bots: BotProcess[] = [];
let api: FakeSlackWebApi | undefined;
const databases: BotDatabase[] = [];

afterAll(async () => {
  await Promise.all(bots.map((b) => b.kill()));
  await api?.close();
  for (const db of databases) await db.remove();
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

describe.each(engines(2))(
  "a signed admin command captured and sent again within Slack's five minutes ($engine, $replicas processes on one database)",
  ({ engine, replicas }) => {
    it("posts nothing more, whether it reaches another process on the same database or the first one restarted", async () => {
      api ??= await FakeSlackWebApi.start();
      const fake = api;
      const db = await BotDatabase.create(engine);
      databases.push(db);
      const boss: FakePerson = { id: "UBOSS", name: "boss" };
      fake.setUser(boss.id, { name: "boss", admin: true });
      const first = await db.start({ apiUrl: fake.apiUrl });
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

      const others = await Promise.all(
        Array.from({ length: replicas - 1 }, () => db.start({ apiUrl: fake.apiUrl })),
      );
      bots.push(...others);
      for (const other of others) {
        const toOther = await send(other, dailyNow);
        expect(toOther.status).toBe(200);
        expect(toOther.text).not.toContain("Posted");
      }

      await first.stop();
      const restarted = await db.start({ apiUrl: fake.apiUrl });
      bots.push(restarted);
      const toRestarted = await send(restarted, dailyNow);
      expect(toRestarted.status).toBe(200);
      expect(toRestarted.text).not.toContain("Posted");

      expect(fake.messages.size).toBe(messages);
      expect(fake.callsOf("chat.postMessage")).toHaveLength(posts);
      for (const other of [...others, restarted])
        expect(other.log).toContain("ignored a repeated Slack delivery");
    }, 120_000);
  },
);
