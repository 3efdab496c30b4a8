import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodsOf } from "../../../src/domain/scoring.js";
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
import { newAnswer, newRound, questionOf } from "./round-fixtures.js";

type Stores = {
  rounds: RoundStore;
  scores: ScoreStore;
  competitions: CompetitionStore;
  rescore: Rescorer;
};

const USERS = ["ann", "Bob", "cy", "dee"] as const;
const CHANNELS = ["C1", "C2"] as const;

/** One round of a random history: where, when, with which answers, and how it ended. */
const roundSpec = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  day: fc.integer({ min: 0, max: 40 }),
  speedBonus: fc.boolean(),
  inCompetition: fc.boolean(),
  end: fc.constantFrom("revealed", "revealed", "revealed", "voided", "open", "private"),
  answers: fc.uniqueArray(
    fc.record({
      user: fc.constantFrom(...USERS),
      totalParts: fc.integer({ min: 1, max: 3 }),
      rightParts: fc.integer({ min: 0, max: 3 }),
      second: fc.integer({ min: 0, max: 3 }),
    }),
    { selector: (a) => a.user, maxLength: USERS.length },
  ),
});

type RoundSpec = typeof roundSpec extends fc.Arbitrary<infer T> ? T : never;

describe("rescoring on SQLite and PostgreSQL", () => {
  const engines = storeEngines<Stores>({
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
  });
  let open: OpenStores<Stores>[] = [];
  beforeAll(async () => {
    open = await Promise.all(engines.map((e) => e.open()));
  });
  afterAll(() => Promise.all(open.map((o) => o.close())));

  /** Plays a history into one engine's stores, rescores the workspace, and reads back everything it wrote. */
  async function replayed(s: Stores, workspace: string, rounds: RoundSpec[]) {
    const start = new Date("2026-03-02T09:00:00.000Z");
    const cup = await s.competitions.create(
      { platform: "slack", workspaceId: workspace, channelId: "C1" },
      "Cup",
      "admin",
      start,
      new Date("2026-05-01T00:00:00.000Z"),
    );
    const ids: number[] = [];
    for (const [i, r] of rounds.entries()) {
      const openedAt = new Date(start.getTime() + r.day * 86_400_000 + i * 60_000);
      const id = await s.rounds.open(
        newRound({
          // A round left open has a channel of its own: one open round per channel.
          channel: {
            platform: "slack",
            workspaceId: workspace,
            channelId: r.end === "open" ? `O${i}` : r.channel,
          },
          question: questionOf(`q${i}`),
          speedBonus: r.speedBonus,
          competitionId: r.inCompetition ? cup.id : null,
          openedAt,
          closesAt: null,
          ...(r.end === "private" ? { kind: "private" as const, player: "ann" } : {}),
        }),
      );
      ids.push(id);
      for (const a of r.answers) {
        const rightParts = Math.min(a.rightParts, a.totalParts);
        await s.rounds.recordAnswer(
          newAnswer(id, a.user, {
            rightParts,
            totalParts: a.totalParts,
            correct: rightParts === a.totalParts,
            // Seconds apart or at the same second: ties are broken by the order of arrival.
            answeredAt: new Date(openedAt.getTime() + a.second * 1000),
          }),
        );
      }
      if (r.end === "open") continue;
      await s.rounds.close(id, openedAt);
      await s.rounds.markRevealed(id, openedAt);
      if (r.end === "voided") await s.rounds.voidRevealed(id, openedAt, "admin");
    }
    const replay = await s.rescore.rescoreWorkspace("slack", workspace);
    // Ids are each engine's own (a sequence on PostgreSQL): rounds are named by their place in the history.
    const periods = new Set(["all", `competition:${cup.id}`]);
    for (const r of rounds) {
      const p = periodsOf(new Date(start.getTime() + r.day * 86_400_000));
      periods.add(p.week).add(p.month);
    }
    const boards: Record<string, unknown> = {};
    for (const period of periods)
      boards[period.replace(/^competition:.*/, "competition")] = await s.scores.top(
        "slack",
        workspace,
        period,
        10,
      );
    const streaks: unknown[] = [];
    for (const channel of CHANNELS)
      for (const user of USERS) {
        const streak = await s.scores.streak("slack", workspace, channel, user);
        streaks.push(streak && { ...streak, lastRoundId: ids.indexOf(streak.lastRoundId) });
      }
    const points: unknown[] = [];
    for (const id of ids)
      points.push(
        (await s.rounds.answers(id)).map((a) => [a.userId, a.basePoints, a.streakBonus, a.speedBonus]),
      );
    return { replay, boards, streaks, points };
  }

  it("give every period, streak and answer the same points from any history of rounds", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(roundSpec, { minLength: 1, maxLength: 8 }), async (rounds) => {
        const workspace = `W${run++}`;
        const [sqlite, postgres] = [
          await replayed((open[0] as OpenStores<Stores>).stores, workspace, rounds),
          await replayed((open[1] as OpenStores<Stores>).stores, workspace, rounds),
        ];
        expect(postgres).toEqual(sqlite);
      }),
      { seed: 20261207, numRuns: 40 },
    );
  });
});
