import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewRound } from "../../../src/domain/round.js";
import type { CompetitionStore } from "../../../src/ports/competition-store.js";
import type { Rescorer } from "../../../src/ports/flag-store.js";
import type { RoundStore } from "../../../src/ports/round-store.js";
import type { ScoreStore } from "../../../src/ports/score-store.js";
import { SqliteCompetitionStore } from "../../../src/store/competition-store.js";
import { PgCompetitionStore } from "../../../src/store/postgres/competition-store.js";
import { PgRescoreStore } from "../../../src/store/postgres/rescore-store.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { PgScoreStore } from "../../../src/store/postgres/score-store.js";
import { RescoreStore } from "../../../src/store/rescore-store.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { SqliteScoreStore } from "../../../src/store/score-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { at, channel, elsewhere, newAnswer, newRound, questionOf } from "./round-fixtures.js";

type Stores = {
  rounds: RoundStore;
  scores: ScoreStore;
  competitions: CompetitionStore;
  rescore: Rescorer;
};

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({
      rounds: new SqliteRoundStore(db),
      scores: new SqliteScoreStore(db),
      competitions: new SqliteCompetitionStore(db),
      rescore: new RescoreStore(db),
    }),
    postgres: (db) => ({
      rounds: new PgRoundStore(db),
      scores: new PgScoreStore(db),
      competitions: new PgCompetitionStore(db),
      rescore: new PgRescoreStore(db),
    }),
  }),
)("Rescorer on $name", (engine) => {
  let open: OpenStores<Stores>;
  let s: Stores;
  beforeEach(async () => {
    open = await engine.open();
    s = open.stores;
  });
  afterEach(() => open.close());

  /** A round revealed with these answers, in this order, each a minute apart from 09:05. */
  async function revealed(
    over: Partial<NewRound>,
    answers: [user: string, rightParts: number, totalParts: number][],
  ): Promise<number> {
    const id = await s.rounds.open(newRound(over));
    for (const [i, [user, rightParts, totalParts]] of answers.entries())
      await s.rounds.recordAnswer(
        newAnswer(id, user, {
          rightParts,
          totalParts,
          correct: rightParts === totalParts,
          answeredAt: at(`09:0${5 + i}:00.000`),
        }),
      );
    await s.rounds.close(id, at("10:00:00.000"));
    await s.rounds.markRevealed(id, at("10:00:01.000"));
    return id;
  }

  it("replays a workspace's revealed channel rounds: every period, streak and answer's points", async () => {
    const cup = await s.competitions.create(channel, "Cup", "admin", at("08:00:00.000"), at("23:00:00.000"));
    const first = await revealed({}, [
      ["ann", 1, 1],
      ["bob", 1, 2],
      ["cy", 1, 1],
    ]);
    const second = await revealed({ question: questionOf("q2"), competitionId: cup.id }, [
      ["ann", 1, 1],
      ["bob", 1, 1],
    ]);
    // Left out: a voided round (its answers keep no points), a private quiz, another workspace.
    const voided = await revealed({ question: questionOf("q3") }, [["ann", 1, 1]]);
    await s.rounds.voidRevealed(voided, at("11:00:00.000"), "admin");
    await revealed({ kind: "private", player: "ann", closesAt: null }, [["ann", 1, 1]]);
    await revealed({ channel: { ...channel, workspaceId: "W2" } }, [["ann", 1, 1]]);
    // What a reveal stored before the change, now wrong, and a score for the other workspace, which stays.
    await s.scores.addToPeriod("slack", "W", "all", "ann", "ANN", 999, true);
    await s.scores.addToPeriod("slack", "W", "all", "zed", "ZED", 5, true);
    await s.scores.putStreak("slack", "W", "C1", "zed", { current: 4, best: 4, lastRoundId: first });
    await s.scores.addToPeriod("slack", "W2", "all", "ann", "ANN", 7, true);
    const voidedAnswer = await s.rounds.answerOf(voided, "ann");
    await s.rounds.setPoints(voidedAnswer?.id as number, 10, 0, 3);

    expect(await s.rescore.rescoreWorkspace("slack", "W")).toEqual({ rounds: 2, answers: 5 });

    const rows = (period: string) =>
      s.scores
        .top("slack", "W", period, 10)
        .then((r) => r.map((x) => [x.userId, x.points, x.answered, x.correct]));
    // ann: 10 + speed 3, then 10 + streak 1 + speed 3. bob: half of a split (5), then 10 + speed 2.
    // cy: 10 + speed 2.
    const all = [
      ["ann", 27, 2, 2],
      ["bob", 17, 2, 1],
      ["cy", 12, 1, 1],
    ];
    expect(await rows("all")).toEqual(all);
    expect(await rows("week:2026-W10")).toEqual(all);
    expect(await rows("month:2026-03")).toEqual(all);
    expect(await rows(`competition:${cup.id}`)).toEqual([
      ["ann", 14, 1, 1],
      ["bob", 12, 1, 1],
    ]);
    expect(await s.scores.row("slack", "W2", "all", "ann")).toMatchObject({ points: 7 });

    expect(await s.scores.streak("slack", "W", "C1", "ann")).toEqual({
      current: 2,
      best: 2,
      lastRoundId: second,
    });
    expect(await s.scores.streak("slack", "W", "C1", "bob")).toEqual({
      current: 1,
      best: 1,
      lastRoundId: second,
    });
    // cy did not answer the second round: the streak ended there.
    expect(await s.scores.streak("slack", "W", "C1", "cy")).toEqual({
      current: 0,
      best: 1,
      lastRoundId: first,
    });
    expect(await s.scores.streak("slack", "W", "C1", "zed")).toBeUndefined();

    const points = async (round: number) =>
      (await s.rounds.answers(round)).map((a) => [a.userId, a.basePoints, a.streakBonus, a.speedBonus]);
    expect(await points(first)).toEqual([
      ["ann", 10, 0, 3],
      ["bob", 5, 0, 0],
      ["cy", 10, 0, 2],
    ]);
    expect(await points(second)).toEqual([
      ["ann", 10, 1, 3],
      ["bob", 10, 0, 2],
    ]);
    expect(await points(voided)).toEqual([["ann", 0, 0, 0]]);
  });

  it("streaks run per channel, and a workspace with nothing revealed is left with no scores", async () => {
    const here = await revealed({}, [["ann", 1, 1]]);
    const there = await revealed({ channel: elsewhere, question: questionOf("q2") }, [["ann", 1, 1]]);
    await s.rescore.rescoreWorkspace("slack", "W");
    expect(await s.scores.streak("slack", "W", "C1", "ann")).toEqual({
      current: 1,
      best: 1,
      lastRoundId: here,
    });
    expect(await s.scores.streak("slack", "W", "C2", "ann")).toEqual({
      current: 1,
      best: 1,
      lastRoundId: there,
    });
    await s.scores.addToPeriod("slack", "W9", "all", "ann", "ANN", 5, true);
    expect(await s.rescore.rescoreWorkspace("slack", "W9")).toEqual({ rounds: 0, answers: 0 });
    expect(await s.scores.people("slack", "W9", "all")).toBe(0);
  });
});
