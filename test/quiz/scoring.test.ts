import { describe, expect, it } from "vitest";
import { scoreDifferences } from "../../src/store/recompute.js";
import { memoryApp } from "../support/app.js";
import { channel, letters, member, openRoundId, playRound, say } from "../support/people.js";

const DAY = 86_400_000;
const admin = member("admin", { admin: true });

function pointsOf(app: ReturnType<typeof memoryApp>, roundId: number, user: string) {
  return app.db
    .prepare(
      "SELECT base_points AS base, streak_bonus AS streak, speed_bonus AS speed FROM answers WHERE round_id = ? AND user_id = ?",
    )
    .get(roundId, user);
}

describe("points and streaks", () => {
  it("a streak grows with consecutive correct daily answers and earns a capped bonus", async () => {
    const app = memoryApp();
    const bonuses: number[] = [];
    for (let day = 0; day < 8; day++) {
      const id = await playRound(app, ["ann"], []);
      bonuses.push((pointsOf(app, id, "ann") as { streak: number }).streak);
      app.clock.advance(DAY);
    }
    expect(bonuses).toEqual([0, 1, 2, 3, 4, 5, 5, 5]);
    expect(await say(app, member("ann"), "stats")).toMatch(/\n\s+8\s+100%\s+8\s+8\s+/);
  });

  it("days without a question never break a streak; missing or missing out on a question does", async () => {
    const app = memoryApp();
    await playRound(app, ["ann", "bob"], []);
    app.clock.advance(5 * DAY); // a holiday week: no questions at all
    const second = await playRound(app, ["ann"], ["bob"]);
    expect(pointsOf(app, second, "ann")).toEqual({ base: 10, streak: 1, speed: 0 });
    const third = await playRound(app, ["bob"], []); // ann did not answer this one
    const fourth = await playRound(app, ["ann", "bob"], []);
    expect(pointsOf(app, third, "bob")).toEqual({ base: 10, streak: 0, speed: 0 });
    expect(pointsOf(app, fourth, "ann")).toEqual({ base: 10, streak: 0, speed: 0 });
    expect(pointsOf(app, fourth, "bob")).toEqual({ base: 10, streak: 1, speed: 0 });
  });

  it("being first earns nothing by default; with the speed bonus on, the first three correct answers earn 3, 2, 1", async () => {
    const app = memoryApp();
    const plain = await playRound(app, ["a1", "a2", "a3", "a4"], []);
    expect([1, 2, 3, 4].map((i) => (pointsOf(app, plain, `a${i}`) as { speed: number }).speed)).toEqual([
      0, 0, 0, 0,
    ]);
    expect(await say(app, admin, "settings speed-bonus on")).toContain("Settings saved");
    const fast = await playRound(app, ["b1", "b2", "b3", "b4"], []);
    expect([1, 2, 3, 4].map((i) => (pointsOf(app, fast, `b${i}`) as { speed: number }).speed)).toEqual([
      3, 2, 1, 0,
    ]);
  });

  it("each split duty right earns its share of the points", async () => {
    const app = memoryApp();
    await say(app, member("sam"), "quiz");
    // Find a split question by asking until one comes up is slow; grade directly instead.
    const { basePoints } = await import("../../src/domain/scoring.js");
    expect(basePoints({ rightParts: 3, totalParts: 4, correct: false })).toBe(8);
    expect(basePoints({ rightParts: 4, totalParts: 4, correct: true })).toBe(10);
    expect(basePoints({ rightParts: 0, totalParts: 1, correct: false })).toBe(0);
  });

  it("after many rounds in several channels and workspaces, the scores equal a recomputation from the answers", async () => {
    const app = memoryApp();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    await say(
      app,
      member("admin", { admin: true, workspaceId: "W2" }),
      'competition start "Sprint" 3d',
      channel("C1", "W2"),
    );
    for (let r = 0; r < 40; r++) {
      const where = channel(`C${rand(3)}`, `W${1 + rand(2)}`);
      const boss = member("admin", { admin: true, workspaceId: where.workspaceId });
      await say(app, boss, "daily now", where);
      const id = openRoundId(app, where);
      const { right, wrong } = letters(app, id);
      for (let p = 0; p < 12; p++) {
        if (rand(3) === 0) continue;
        await app.engine.press(
          `answer:${id}:${rand(2) ? right : wrong}`,
          member(`u${p}`, { workspaceId: where.workspaceId }),
        );
      }
      await say(app, boss, "reveal", where);
      app.clock.advance(rand(3) * DAY);
    }
    const total = app.db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number };
    expect(total.n).toBeGreaterThan(200);
    expect(scoreDifferences(app.db)).toEqual([]);
  });

  it("the recomputation notices a score that drifted from the answers", async () => {
    const app = memoryApp();
    await playRound(app, ["ann"], []);
    app.db.prepare("UPDATE scores SET points = points + 1 WHERE user_id = 'ann' AND period = 'all'").run();
    expect(scoreDifferences(app.db)).toEqual(["slack|W1|all|ann"]);
  });
});
