import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Platform } from "../../../src/domain/channel.js";
import type { RoundStore } from "../../../src/ports/round-store.js";
import type { ScoreStore } from "../../../src/ports/score-store.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { PgScoreStore } from "../../../src/store/postgres/score-store.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { SqliteScoreStore } from "../../../src/store/score-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { at, newAnswer, newRound, questionOf } from "./round-fixtures.js";

type Stores = { rounds: RoundStore; scores: ScoreStore };

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({ rounds: new SqliteRoundStore(db), scores: new SqliteScoreStore(db) }),
    postgres: (db) => ({ rounds: new PgRoundStore(db), scores: new PgScoreStore(db) }),
  }),
)("ScoreStore on $name", (engine) => {
  let open: OpenStores<Stores>;
  let scores: Stores["scores"];
  let rounds: Stores["rounds"];
  beforeEach(async () => {
    open = await engine.open();
    ({ scores, rounds } = open.stores);
  });
  afterEach(() => open.close());

  /** One revealed answer's points in the slack workspace W's "all" period. */
  const add = (userId: string, points: number, correct = points > 0, platform: Platform = "slack") =>
    scores.addToPeriod(platform, "W", "all", userId, userId.toUpperCase(), points, correct);

  it("points add up per person and period, counting answers and correct ones, under the latest name", async () => {
    await add("ann", 10);
    await add("ann", 0, false);
    await scores.addToPeriod("slack", "W", "all", "ann", "Ann Lee", 12, true);
    await scores.addToPeriod("slack", "W", "week:2026-W10", "ann", "Ann", 3, true);
    expect(await scores.row("slack", "W", "all", "ann")).toEqual({
      userId: "ann",
      displayName: "Ann Lee",
      points: 22,
      answered: 3,
      correct: 2,
    });
    expect(await scores.row("slack", "W", "week:2026-W10", "ann")).toMatchObject({ points: 3, answered: 1 });
    expect(await scores.row("slack", "W", "all", "bob")).toBeUndefined();
    expect(await scores.row("discord", "W", "all", "ann")).toBeUndefined();
  });

  it("three answers' points added at once for one person are all counted", async () => {
    await Promise.all([4, 5, 6].map((p) => add("ann", p)));
    expect(await scores.row("slack", "W", "all", "ann")).toMatchObject({
      points: 15,
      answered: 3,
      correct: 3,
    });
  });

  it("the top of a period is most points first, ties by id, cut at the limit", async () => {
    for (const [user, points] of [
      ["cy", 20],
      ["Bob", 30],
      ["ann", 30],
      ["dee", 5],
    ] as const)
      await add(user, points);
    await add("zed", 99, true, "discord");
    const top = await scores.top("slack", "W", "all", 3);
    // Ids compare byte by byte, as SQLite compares text: upper case before lower.
    expect(top.map((r) => [r.userId, r.points])).toEqual([
      ["Bob", 30],
      ["ann", 30],
      ["cy", 20],
    ]);
    expect(top[0]).toEqual({ userId: "Bob", displayName: "BOB", points: 30, answered: 1, correct: 1 });
  });

  it("a rank is one more than the number of people with more points, ties sharing it", async () => {
    for (const [user, points] of [
      ["ann", 30],
      ["bob", 30],
      ["cy", 20],
      ["dee", 0],
    ] as const)
      await add(user, points);
    const rank = (p: number) => scores.rankOf("slack", "W", "all", p);
    expect([await rank(40), await rank(30), await rank(20), await rank(10), await rank(0)]).toEqual([
      1, 1, 3, 4, 4,
    ]);
    expect(await scores.people("slack", "W", "all")).toBe(4);
    expect(await scores.people("slack", "W", "week:2026-W10")).toBe(0);
    expect(await scores.rankOf("slack", "W", "week:2026-W10", 5)).toBe(1);
  });

  it("ranks and head counts follow every new score at once, with nothing read stale", async () => {
    await add("ann", 10);
    expect(await scores.rankOf("slack", "W", "all", 10)).toBe(1);
    await add("bob", 20);
    expect(await scores.rankOf("slack", "W", "all", 10)).toBe(2);
    expect(await scores.people("slack", "W", "all")).toBe(2);
    await add("ann", 15);
    expect(await scores.rankOf("slack", "W", "all", 20)).toBe(2);
  });

  it("ranks read inside a transaction see its writes, and after a rollback no longer do", async () => {
    await add("ann", 10);
    await expect(
      open.transactions.run(async () => {
        await add("bob", 50);
        expect(await scores.rankOf("slack", "W", "all", 10)).toBe(2);
        expect(await scores.people("slack", "W", "all")).toBe(2);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await scores.rankOf("slack", "W", "all", 10)).toBe(1);
    expect(await scores.people("slack", "W", "all")).toBe(1);
  });

  it("by accuracy: best share right first, then more answers, then id, among those with enough answers", async () => {
    const answer = (user: string, correct: boolean) =>
      scores.addToPeriod("slack", "W", "all", user, user, correct ? 10 : 0, correct);
    for (const c of [true, true, false]) await answer("ann", c); // 2/3
    for (const c of [true, false]) await answer("bob", c); // 1/2
    for (const c of [true, true, true, false, false, false]) await answer("cy", c); // 3/6
    for (const c of [true, true]) await answer("dee", c); // 2/2
    await answer("eve", true); // 1/1, too few answers
    const top = (min: number, limit: number) =>
      scores.topByAccuracy("slack", "W", "all", min, limit).then((rows) => rows.map((r) => r.userId));
    expect(await top(2, 10)).toEqual(["dee", "ann", "cy", "bob"]);
    expect(await top(2, 2)).toEqual(["dee", "ann"]);
    expect(await top(1, 1)).toEqual(["dee"]);
    await answer("dee", false);
    expect(await top(2, 10)).toEqual(["ann", "dee", "cy", "bob"]);
  });

  it("a streak is kept per channel, and the best over channels is a person's", async () => {
    expect(await scores.streak("slack", "W", "C1", "ann")).toBeUndefined();
    expect(await scores.streaksOf("slack", "W", "ann")).toEqual({ current: 0, best: 0 });
    await scores.putStreak("slack", "W", "C1", "ann", { current: 2, best: 5, lastRoundId: 7 });
    await scores.putStreak("slack", "W", "C2", "ann", { current: 3, best: 3, lastRoundId: 8 });
    await scores.putStreak("slack", "W", "C1", "ann", { current: 1, best: 5, lastRoundId: 9 });
    expect(await scores.streak("slack", "W", "C1", "ann")).toEqual({ current: 1, best: 5, lastRoundId: 9 });
    expect(await scores.streaksOf("slack", "W", "ann")).toEqual({ current: 3, best: 5 });
  });

  it("a round ends the streaks in its channel of everyone whose last answer came before it", async () => {
    await scores.putStreak("slack", "W", "C1", "ann", { current: 2, best: 2, lastRoundId: 5 });
    await scores.putStreak("slack", "W", "C1", "bob", { current: 3, best: 3, lastRoundId: 6 });
    await scores.putStreak("slack", "W", "C2", "cy", { current: 4, best: 4, lastRoundId: 1 });
    await scores.breakStreaksBefore("slack", "W", "C1", 6);
    expect(await scores.streak("slack", "W", "C1", "ann")).toEqual({ current: 0, best: 2, lastRoundId: 5 });
    expect(await scores.streak("slack", "W", "C1", "bob")).toEqual({ current: 3, best: 3, lastRoundId: 6 });
    expect((await scores.streak("slack", "W", "C2", "cy"))?.current).toBe(4);
  });

  it("totals and accuracy count a person's answers to revealed rounds only, per service and area", async () => {
    const played = async (
      q: string,
      cells: { service: string; area: string }[],
      correct: boolean,
      reveal = true,
    ) => {
      const id = await rounds.open(newRound({ question: questionOf(q, cells) }));
      await rounds.recordAnswer(newAnswer(id, "ann", { correct }));
      await rounds.close(id, at("10:00:00.000"));
      if (reveal) await rounds.markRevealed(id, at("10:00:01.000"));
    };
    await played("q1", [{ service: "s3", area: "data" }], true);
    await played(
      "q2",
      [
        { service: "s3", area: "iam" },
        { service: "ec2", area: "data" },
      ],
      false,
    );
    await played("q3", [{ service: "ec2", area: "patching" }], true);
    await played("q4", [{ service: "rds", area: "data" }], true, false);
    expect(await scores.totals("slack", "W", "ann")).toEqual({ answered: 3, correct: 2 });
    expect(await scores.totals("slack", "W", "bob")).toEqual({ answered: 0, correct: 0 });
    const accuracy = await scores.accuracy("slack", "W", "ann");
    const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(accuracy.services)).toEqual([
      { id: "ec2", answered: 2, correct: 1 },
      { id: "s3", answered: 2, correct: 1 },
    ]);
    expect(byId(accuracy.areas)).toEqual([
      { id: "data", answered: 2, correct: 1 },
      { id: "iam", answered: 1, correct: 0 },
      { id: "patching", answered: 1, correct: 1 },
    ]);
    expect(await scores.accuracy("slack", "W", "bob")).toEqual({ services: [], areas: [] });
  });

  it("a person is found by id, or by display name in any case of its ASCII letters", async () => {
    await scores.addToPeriod("slack", "W", "all", "U1", "Zoë Brown", 10, true);
    await scores.addToPeriod("slack", "W", "week:2026-W10", "U2", "Only Weekly", 10, true);
    const found = { userId: "U1", displayName: "Zoë Brown" };
    expect(await scores.findPerson("slack", "W", "U1")).toEqual(found);
    expect(await scores.findPerson("slack", "W", "zoë BROWN")).toEqual(found);
    // Like SQLite's NOCASE, only A to Z fold: "Ë" is not "ë".
    expect(await scores.findPerson("slack", "W", "ZOË BROWN")).toBeUndefined();
    expect(await scores.findPerson("slack", "W", "Only Weekly")).toBeUndefined();
    expect(await scores.findPerson("discord", "W", "U1")).toBeUndefined();
  });
});
