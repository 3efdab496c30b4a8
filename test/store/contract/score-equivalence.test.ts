import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScoreStore } from "../../../src/ports/score-store.js";
import { PgScoreStore } from "../../../src/store/postgres/score-store.js";
import { SqliteScoreStore } from "../../../src/store/score-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

type Stores = { scores: ScoreStore };

// Ids and names that sort and fold differently under a locale than byte by byte: upper and lower case,
// digits, punctuation, a letter outside ASCII.
const USERS = ["ann", "Ann", "bob", "U1", "u1", "_z", "Éva", "éva"] as const;
const PERIODS = ["all", "week:2026-W10"] as const;

const op = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    user: fc.constantFrom(...USERS),
    period: fc.constantFrom(...PERIODS),
    points: fc.integer({ min: 0, max: 13 }),
    correct: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("read" as const),
    period: fc.constantFrom(...PERIODS),
    points: fc.integer({ min: -1, max: 40 }),
    limit: fc.integer({ min: 1, max: 9 }),
    minAnswers: fc.integer({ min: 1, max: 3 }),
    name: fc.constantFrom(...USERS, "ANN", "ÉVA", "nobody"),
  }),
);

describe("scores on SQLite and PostgreSQL", () => {
  const engines = storeEngines<Stores>({
    sqlite: (db) => ({ scores: new SqliteScoreStore(db) }),
    postgres: (db) => ({ scores: new PgScoreStore(db) }),
  });
  let open: OpenStores<Stores>[] = [];
  beforeAll(async () => {
    open = await Promise.all(engines.map((e) => e.open()));
  });
  afterAll(() => Promise.all(open.map((o) => o.close())));

  /** Every read of a period, on both engines: the same answers. */
  async function readBoth(
    workspace: string,
    o: { period: string; points: number; limit: number; minAnswers: number; name: string },
  ): Promise<void> {
    const read = async ({ scores }: Stores) => ({
      top: await scores.top("slack", workspace, o.period, o.limit),
      rank: await scores.rankOf("slack", workspace, o.period, o.points),
      people: await scores.people("slack", workspace, o.period),
      accuracy: await scores.topByAccuracy("slack", workspace, o.period, o.minAnswers, o.limit),
      found: await scores.findPerson("slack", workspace, `${o.name} name`),
      byId: await scores.findPerson("slack", workspace, o.name),
    });
    const [sqlite, postgres] = await Promise.all(open.map((e) => read(e.stores)));
    expect(postgres).toEqual(sqlite);
  }

  it("answer every read the same after any mix of scores, ties, cases and names", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        // Each run in a workspace of its own: no run sees another's scores.
        const workspace = `W${run++}`;
        for (const o of ops) {
          if (o.kind === "add") {
            for (const { stores } of open)
              await stores.scores.addToPeriod(
                "slack",
                workspace,
                o.period,
                o.user,
                `${o.user} Name`,
                o.points,
                o.correct,
              );
            continue;
          }
          await readBoth(workspace, o);
        }
        // And the whole of each period at the end, ties included.
        for (const period of PERIODS)
          for (const minAnswers of [1, 2])
            await readBoth(workspace, { period, points: 0, limit: USERS.length, minAnswers, name: "ann" });
      }),
      { seed: 20261207, numRuns: 80 },
    );
  });
});
