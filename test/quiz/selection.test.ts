import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreDifferences } from "../../src/store/recompute.js";
import { memoryApp } from "../support/app.js";
import { letters, member, openRoundId, playRound, say } from "../support/people.js";

const admin = member("admin", { admin: true });

function askedQuestions(app: ReturnType<typeof memoryApp>): { qid: string; json: string }[] {
  return app.db
    .prepare(
      "SELECT question_id AS qid, question_json AS json FROM rounds WHERE kind = 'channel' ORDER BY rounds.id",
    )
    .all() as {
    qid: string;
    json: string;
  }[];
}

describe("choosing the next question for a channel", () => {
  it("never repeats a question until every eligible one was asked, and respects the filters", async () => {
    const app = memoryApp();
    expect(await say(app, admin, "settings services sqs")).toContain("Services: sqs");
    const eligible = app.bank.scenarios.filter(
      (q) => q.type === "single" && q.cells[0]?.service === "sqs",
    ).length;
    expect(eligible).toBeGreaterThan(1);
    for (let i = 0; i < eligible * 2; i++) await playRound(app, [], []);
    const asked = askedQuestions(app).map((r) => r.qid);
    expect(new Set(asked.slice(0, eligible)).size).toBe(eligible);
    expect(new Set(asked.slice(eligible)).size).toBe(eligible);
    for (const r of askedQuestions(app)) expect(JSON.parse(r.json).cells[0].service).toBe("sqs");
  });

  it("rotates across services: consecutive questions avoid the previous service when they can", async () => {
    const app = memoryApp();
    for (let i = 0; i < 12; i++) await playRound(app, [], []);
    const services = askedQuestions(app).map((r) => JSON.parse(r.json).cells[0].service as string);
    for (let i = 1; i < services.length; i++) expect(services[i], `round ${i + 1}`).not.toBe(services[i - 1]);
  });

  it("a difficulty filter is kept, and filters that match nothing say how to widen them", async () => {
    const app = memoryApp();
    await say(app, admin, "settings difficulty hard");
    await playRound(app, [], []);
    expect(JSON.parse(askedQuestions(app)[0]?.json ?? "{}").difficulty).toBe("hard");
    expect(await say(app, admin, "settings services lambda,nosuch")).toContain('Unknown service id "nosuch"');
    expect(await say(app, admin, "settings colour blue")).toContain(
      'Unknown setting "colour": choose services, difficulty',
    );
    expect(await say(app, member("eve"), "settings difficulty easy")).toContain("Only admins");
    expect(await say(app, member("eve"), "settings")).toContain("Difficulty: hard");
  });
});

describe("a restart", () => {
  it("loses no open round and no answer: answers before and after a restart all count", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const first = memoryApp({ SRM_DB: file });
    await say(first, admin, "daily now");
    const id = openRoundId(first);
    const { right } = letters(first, id);
    await first.engine.press(`answer:${id}:${right}`, member("before"));
    await first.engine.idle();
    await first.close();
    const second = memoryApp({ SRM_DB: file });
    expect(renderable(await second.engine.press(`answer:${id}:${right}`, member("before")))).toContain(
      "already answered",
    );
    await second.engine.press(`answer:${id}:${right}`, member("after"));
    await say(second, admin, "reveal");
    expect(await say(second, member("x"), "leaderboard all")).toMatch(/after\s+10[\s\S]*|before\s+10/);
    expect(second.db.prepare("SELECT COUNT(*) AS n FROM answers WHERE round_id = ?").get(id)).toEqual({
      n: 2,
    });
    expect(scoreDifferences(second.db)).toEqual([]);
    await second.close();
  });

  it("a reveal interrupted between closing and scoring is finished by the next tick", async () => {
    const app = memoryApp();
    await playRound(app, ["ann"], []);
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    await app.engine.press(`answer:${id}:${letters(app, id).right}`, member("ann"));
    app.db.prepare("UPDATE rounds SET status = 'closed' WHERE id = ?").run(id); // as if the process died here
    await app.engine.tick();
    expect(app.db.prepare("SELECT status FROM rounds WHERE id = ?").get(id)).toEqual({ status: "revealed" });
    expect(scoreDifferences(app.db)).toEqual([]);
  });
});

function renderable(reply: { cards: readonly { title: string }[] }): string {
  return reply.cards.map((c) => c.title).join("\n");
}
