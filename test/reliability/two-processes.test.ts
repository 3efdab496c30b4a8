import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { eventually } from "../fakes/slack/eventually.js";
import type { FakePerson } from "../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { headers } from "../fakes/slack/workspace.js";
import { BotProcess, removeTempDb, tempDb } from "./support/bot-process.js";
import { report } from "./support/figures.js";
import { SEED, scaled } from "./support/scale.js";
import { recordedKey, SlackCrowd, seededRandom } from "./support/slack-crowd.js";

/** People clicking across the two processes (the soak: ten times as many). */
const PEOPLE = scaled(200);

const bots: BotProcess[] = [];
let api: FakeSlackWebApi | undefined;
const dbPath = tempDb();

afterAll(async () => {
  await Promise.all(bots.map((b) => b.kill()));
  await api?.close();
  removeTempDb(dbPath);
});

describe("two srm start processes on one database file", () => {
  it("every answer counts once, one round opens per channel, one reveal wins and stays on top, and the scores are exact", async () => {
    api = await FakeSlackWebApi.start();
    const fake = api;
    // The file is created and migrated first (as `srm db migrate` does), then both start at once.
    openDatabase(dbPath, loadConfig({}).migrationsDir).db.close();
    bots.push(...(await Promise.all([0, 1].map(() => BotProcess.start({ dbPath, apiUrl: fake.apiUrl })))));
    const [a, b] = bots as [BotProcess, BotProcess];
    const crowd = new SlackCrowd(fake);
    const random = seededRandom(SEED);
    const boss: FakePerson = { id: "UBOSS", name: "boss" };
    fake.setUser(boss.id, { name: "boss", admin: true });

    // Both are asked to open a question in the same channel at the same moment: the database decides.
    const opened = await Promise.all([a, b].map((bot) => crowd.command(bot, boss, "daily now", "C1")));
    expect(opened.sort()).toEqual([
      "A question is already open in this channel",
      "Posted a question in this channel",
    ]);
    const message = await eventually("the question", () => fake.lastMessageIn("C1"));
    const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
      .filter((block) => block.type === "actions")
      .flatMap((block) => (block.elements ?? []).map((e) => e.action_id));

    // Each click reaches either process; one in five is delivered to both.
    const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: `UQ${i}`, name: `q${i}` }));
    const told = new Map<string, string>();
    let both = 0;
    for (let i = 0; i < people.length; i += 100) {
      const batch = people.slice(i, i + 100);
      const titles = await Promise.all(
        batch.map(async (p, j) => {
          const first = random() < 0.5 ? a : b;
          const action = buttons[(i + j) % buttons.length] as string;
          const twice = random() < 0.2;
          if (twice) both++;
          const replies = await Promise.all(
            (twice ? [first, first === a ? b : a] : [first]).map((bot) =>
              crowd.click(bot, p, action, "C1", message.ts),
            ),
          );
          return replies.map(recordedKey).find((k) => k !== null) ?? null;
        }),
      );
      for (const [j, key] of titles.entries()) if (key) told.set((batch[j] as FakePerson).id, key);
    }
    expect(told.size).toBe(PEOPLE);

    // Both reveal at once: one reveals, the other finds nothing left to reveal.
    const revealed = await Promise.all([a, b].map((bot) => crowd.command(bot, boss, "reveal", "C1")));
    expect(revealed.filter((t) => t === "Revealed")).toHaveLength(1);
    await eventually("the reveal", () => headers(message.blocks)[0]?.startsWith("Answer"));

    // In another channel, B's answer-count update is held back by a 429 while A reveals: the channel must
    // still end on the reveal, not on the count that landed after it.
    expect(await crowd.command(a, boss, "daily now", "C2")).toBe("Posted a question in this channel");
    const second = await eventually("the second question", () => fake.lastMessageIn("C2"));
    fake.failNext("chat.update", 1, { status: 429, retryAfter: 1 });
    const latecomer = { id: "ULATE", name: "late" };
    expect(await crowd.click(b, latecomer, "answer:2:A", "C2", second.ts)).toBe("Locked in: A");
    told.set(latecomer.id, "A");
    await eventually("the held-back count update", () =>
      fake.callsOf("chat.update").some((c) => c.status === 429),
    );
    expect(await crowd.command(a, boss, "reveal", "C2")).toBe("Revealed");
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    crowd.close();

    const db = new Database(dbPath, { readonly: true });
    const rows = db.prepare("SELECT user_id, response FROM answers").all() as {
      user_id: string;
      response: string;
    }[];
    const lost = [...told].filter(
      ([user, key]) => !rows.some((r) => r.user_id === user && r.response === `["${key}"]`),
    );
    expect(rows).toHaveLength(told.size);
    expect(lost).toEqual([]);
    expect(scoreDifferences(db)).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM rounds WHERE status = 'revealed'").get()).toEqual({ n: 2 });
    db.close();
    const reveals = message.versions.filter((v) => headers(v.blocks)[0]?.startsWith("Answer")).length;
    // The revealing process writes the reveal once; the other process writes the same reveal once more when a
    // count update of its own overlapped it (it cannot tell which of the two Slack applied last). Identical
    // text, so nobody sees it; what matters is that the message ends on the reveal.
    expect(reveals).toBeGreaterThanOrEqual(1);
    expect(reveals).toBeLessThanOrEqual(2);
    // Both channels end on their reveal: no answer-count update from the other process stays on top of it.
    expect(headers(message.blocks)[0]).toMatch(/^Answer/);
    expect(headers(second.blocks)[0]).toMatch(/^Answer/);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(2);
    report("two processes on one database", {
      people: told.size,
      "clicks delivered to both processes": both,
      "answers stored": rows.length,
      "answers lost": lost.length,
      "reveals in the channel": reveals,
      "count updates held back past the other's reveal, then covered by it": 1,
    });
  }, 120_000);
});
