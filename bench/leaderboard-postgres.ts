// The read side on PostgreSQL at 100,000 and 1,000,000 answers from 2,000 and 20,000 people (one workspace, one
// channel: everyone in every period; hourly rounds, a dozen memory cards per person), the same queries as
// bench/leaderboard.ts through the PostgreSQL stores. The database is filled by INSERT … SELECT over
// generate_series (the fill time is printed), then VACUUM ANALYZE, as autovacuum would soon after. p50 / p99 in
// ms per query and the growth exponent k of cost ∝ size^k (0 flat, about 0.1 logarithmic, 1 linear).
import pg from "pg";
import { loadConfig } from "../src/config.js";
import { periodsOf } from "../src/domain/scoring.js";
import { loadContent } from "../src/main.js";
import type { Actor, ChannelRef } from "../src/ports.js";
import { MemoryScheduler } from "../src/practice/scheduler.js";
import { TeamMemory } from "../src/practice/team-memory.js";
import { Standings } from "../src/quiz/standings.js";
import { openPostgres } from "../src/store/postgres/migrate.js";
import { postgresStores } from "../src/store/postgres/stores.js";
import { header } from "./support/machine.js";
import { startBenchPostgres } from "./support/postgres.js";
import { type Measured, measure, QUERIES, type Query } from "./support/queries.js";
import { count, growthExponent } from "./support/stats.js";

/** SRM_BENCH_PG_ANSWERS=10000 measures other sizes (a quick look); people are one in fifty answers. */
/** SRM_BENCH_PG_EXPLAIN_MS=5 prints the plan of each statement slower than 5 ms at the largest size. */
const EXPLAIN_MS = process.env.SRM_BENCH_PG_EXPLAIN_MS;
const SIZES = (process.env.SRM_BENCH_PG_ANSWERS ?? "100000,1000000").split(",").map(Number);
const PER_ROUND = 1_000;
const CARDS_PER_PERSON = 12;
const NOW = new Date("2026-03-04T12:00:00Z");

const config = loadConfig({});
const { bank } = loadContent(config.contentDir);
const channel: ChannelRef = { platform: "slack", workspaceId: "W", channelId: "C" };
const clock = { now: () => NOW };
const iso = (ms: string) =>
  `to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** `answers` answers to hourly rounds, the last ending now, from `people` people, in a few statements. */
async function fill(c: pg.Client, answers: number, people: number): Promise<void> {
  const rounds = Math.ceil(answers / Math.min(PER_ROUND, people));
  const perRound = Math.ceil(answers / rounds);
  const questions = bank.scenarios.filter((q) => q.type === "single");
  const cells = [...new Set(bank.drills.map((q) => `${q.cells[0]?.service}/${q.cells[0]?.area}`))];
  await c.query("CREATE TEMP TABLE q (k INT PRIMARY KEY, id TEXT, json TEXT)");
  await c.query("CREATE TEMP TABLE qc (k INT, service TEXT, area TEXT)");
  await c.query("CREATE TEMP TABLE cells (k INT PRIMARY KEY, id TEXT)");
  for (const [k, q] of questions.entries()) {
    await c.query("INSERT INTO q VALUES ($1, $2, $3)", [k, q.id, JSON.stringify(q)]);
    for (const cell of q.cells)
      await c.query("INSERT INTO qc VALUES ($1, $2, $3)", [k, cell.service, cell.area]);
  }
  for (const [k, id] of cells.entries()) await c.query("INSERT INTO cells VALUES ($1, $2)", [k, id]);
  const now = NOW.getTime();
  const opened = `${iso(`${now}::bigint - (${rounds} - r)::bigint * 3600000`)}`;
  await c.query(
    `INSERT INTO rounds (id, platform, workspace, channel, kind, question_id, question_json, status, opened_at, revealed_at)
     SELECT r + 1, 'slack', 'W', 'C', 'channel', q.id, q.json, 'revealed', ${opened}, ${opened}
     FROM generate_series(0, ${rounds - 1}) AS r JOIN q ON q.k = r % ${questions.length}`,
  );
  await c.query(`SELECT setval(pg_get_serial_sequence('rounds', 'id'), ${rounds})`);
  await c.query(
    `INSERT INTO round_cells SELECT r + 1, qc.service, qc.area FROM generate_series(0, ${rounds - 1}) AS r
     JOIN qc ON qc.k = r % ${questions.length} ON CONFLICT DO NOTHING`,
  );
  // Each round's people start at a different place; one answer in three is wrong.
  await c.query(
    `INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at,
       base_points, streak_bonus, speed_bonus)
     SELECT r + 1, 'u' || who, 'person ' || who, '["A"]', ok, 1, ok, ${opened}, ok * 10, 0, 0
     FROM (SELECT r, (r * 7919 + k) % ${people} AS who, CASE WHEN (r * 31 + k * 17) % 3 = 0 THEN 0 ELSE 1 END AS ok
           FROM generate_series(0, ${rounds - 1}) AS r CROSS JOIN generate_series(0, ${perRound - 1}) AS k
           WHERE r * ${perRound} + k < ${answers}) AS x`,
  );
  await c.query(
    `INSERT INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty,
       elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review, created_at)
     SELECT 'slack', 'W', 'u' || p, 'cell', cells.id, 2, ${iso(`last + stab * 86400000`)}, stab, 5, 3, 7, 0, 3, 0,
       ${iso("last")}, ${iso("last")}
     FROM (SELECT p, n, ${now}::bigint - (1 + (p * 13 + n * 7) % 60)::bigint * 86400000 AS last,
             (1 + (p + n * 11) % 40)::bigint AS stab
           FROM generate_series(0, ${people - 1}) AS p CROSS JOIN generate_series(0, ${CARDS_PER_PERSON - 1}) AS n) AS x
     JOIN cells ON cells.k = (p * 7 + n * 5) % ${cells.length}
     ON CONFLICT DO NOTHING`,
  );
  const { week, month } = periodsOf(NOW);
  for (const [period, since] of [
    ["all", ""],
    [week, "2026-03-02"],
    [month, "2026-03-01"],
  ] as const)
    await c.query(
      "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
        "SELECT 'slack', 'W', $1, a.user_id, MAX(a.display_name), SUM(a.base_points), COUNT(*), SUM(a.correct) FROM answers a " +
        "JOIN rounds r ON r.id = a.round_id WHERE r.opened_at >= $2 GROUP BY a.user_id",
      [period, since],
    );
  await c.query("VACUUM ANALYZE");
}

header("Leaderboard, stats and daily-pick queries as the answers and people grow (PostgreSQL)");
const server = await startBenchPostgres();
console.log(`  server: ${server.settings}`);
const results: {
  answers: number;
  people: number;
  fillS: number;
  bytes: number;
  q: Record<Query, Measured>;
}[] = [];
try {
  for (const answers of SIZES) {
    const people = answers / 50;
    const name = `growth_${answers}`;
    const url = await server.database(name);
    const { db } = await openPostgres(url, config.postgresMigrationsDir);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const t0 = performance.now();
      await fill(c, answers, people);
      const fillS = (performance.now() - t0) / 1000;
      console.log(
        `  ${count(answers)} answers from ${count(people)} people written in ${fillS.toFixed(1)} s`,
      );
      // The store's pool connects lazily: its sessions start after this, with their slow plans logged.
      if (EXPLAIN_MS && answers === SIZES.at(-1)) await server.explainSlowerThan(name, Number(EXPLAIN_MS));
      const stores = postgresStores(db, clock);
      const standings = new Standings(stores.scores, stores.competitions, clock);
      const team = new TeamMemory({
        store: stores.teamMemory,
        scheduler: new MemoryScheduler(),
        bank,
        clock,
      });
      const actor = (i: number): Actor => {
        const who = (i * 7_919) % people;
        return { ...channel, userId: `u${who}`, displayName: `person ${who}`, platformAdmin: false };
      };
      const filter = { services: null, difficulty: null, types: ["single"] as const };
      const seedOf = `${channel.platform}:${channel.workspaceId}:${channel.channelId}`;
      const { week } = periodsOf(NOW);
      const history = () => stores.rounds.history(channel, "channel", null, 10);
      const q: Record<Query, Measured> = {
        "leaderboard (this week)": await measure((i) => standings.leaderboard(actor(i), [])),
        "leaderboard all": await measure((i) => standings.leaderboard(actor(i), ["all"])),
        "leaderboard accuracy": await measure((i) => standings.leaderboard(actor(i), ["accuracy"])),
        "stats (own)": await measure((i) => standings.stats(actor(i), null)),
        "leaderboard after a score changed": await measure(async (i) => {
          const a = actor(i + 1);
          await stores.scores.addToPeriod("slack", "W", week, a.userId, a.displayName, 0, false);
          return standings.leaderboard(actor(i), []);
        }),
        "daily pick: rotation": await measure(async () =>
          bank.next(bank.scenarios, filter, await history(), seedOf),
        ),
        "daily pick: team memory": await measure(async () =>
          team.pick(channel, filter, await history(), seedOf),
        ),
        "weekly digest: team forgetting": await measure(() => team.forgetting(channel)),
      };
      const bytes = Number(
        (await c.query<{ b: string }>("SELECT pg_database_size(current_database()) AS b")).rows[0]?.b,
      );
      await stores.close();
      results.push({ answers, people, fillS, bytes, q });
    } finally {
      await db.close();
      await c.end();
      await server.drop(name);
    }
  }
  if (EXPLAIN_MS)
    for (const plan of server.slowPlans(6)) console.log(`\n  slow statement (auto_explain):\n${plan}`);
} finally {
  await server.stop();
}

console.log(
  `\n  p50 / p99 ms per query   ${results.map((r) => `${count(r.answers)} answers, ${count(r.people)} people`.padStart(34)).join("")}   growth k`,
);
for (const name of QUERIES) {
  const cells = results.map((r) => `${r.q[name].p50.toFixed(3)} / ${r.q[name].p99.toFixed(3)}`.padStart(34));
  const [mid, big] = results.slice(-2);
  const k =
    mid && big && mid !== big
      ? growthExponent(
          { size: mid.answers, cost: mid.q[name].p50 },
          { size: big.answers, cost: big.q[name].p50 },
        )
      : Number.NaN;
  console.log(`  ${name.padEnd(35)}${cells.join("")}   ${k.toFixed(2).padStart(6)}`);
}
console.log(
  `  database: ${results.map((r) => `${(r.bytes / 1_048_576).toFixed(1)} MiB`).join(", ")} (filled in ${results.map((r) => `${r.fillS.toFixed(1)} s`).join(", ")}, VACUUM ANALYZE included; ${CARDS_PER_PERSON} memory cards per person)`,
);
console.log(
  "  target: every query flat or logarithmic in answers (k well under 1); leaderboard p99 under 5 ms",
);
