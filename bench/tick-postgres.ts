// The scheduler's tick as history grows, on PostgreSQL: the same history as bench/tick.ts (closed channel
// questions of the day with three answers each, one round in five a private quiz, one channel round in 500
// withdrawn; eight open channel questions, five open private quizzes, daily schedules, a running competition,
// a weekly digest already sent), written by INSERT … SELECT over generate_series, then VACUUM ANALYZE (what
// autovacuum does soon after a load). The tick runs through the real engine with nothing due. p50 / p99 and the
// bot's and the server's CPU per tick, and the growth exponent k of cost ∝ size^k (0 flat, 1 linear).
import pg from "pg";
import { loadConfig } from "../src/config.js";
import { loadContent, openApp } from "../src/main.js";
import type { Announcer, Logger } from "../src/ports.js";
import { applyPgMigrations } from "../src/store/postgres/migrate.js";
import { header } from "./support/machine.js";
import { startBenchPostgres } from "./support/postgres.js";
import { ascending, count, growthExponent, percentile } from "./support/stats.js";

/** SRM_BENCH_TICK_SIZES=10000,50000 measures other sizes (a quick look). */
const SIZES = (process.env.SRM_BENCH_TICK_SIZES ?? "10000,50000,200000,1000000").split(",").map(Number);
/** A Wednesday noon: after this week's digest time, between the day's post and its reveal. */
const NOW = new Date("2026-03-04T12:00:00Z");
const CHANNELS = ["C1", "C2", "C3", "C4", "D1", "D2", "D3", "D4"];
const OPEN_PRIVATE = 5;
const TICKS = 300;
const BUDGET_MS = 4_000;

const config = loadConfig({});
const content = loadContent(config.contentDir);
const questions = content.bank.scenarios.filter((q) => q.type === "single");

/** `size` rounds as bench/tick.ts writes them, in a handful of statements. */
async function fill(c: pg.Client, size: number): Promise<number> {
  const open = CHANNELS.length + OPEN_PRIVATE;
  const closed = size - open;
  const step = Math.max(60_000, Math.floor((3 * 365 * 86_400_000) / closed));
  const start = NOW.getTime() - 86_400_000 - closed * step;
  const now = NOW.getTime();
  await c.query("CREATE TEMP TABLE q (k INT PRIMARY KEY, id TEXT, json TEXT)");
  await c.query("CREATE TEMP TABLE qc (k INT, service TEXT, area TEXT)");
  for (const [k, q] of questions.entries()) {
    await c.query("INSERT INTO q VALUES ($1, $2, $3)", [k, q.id, JSON.stringify(q)]);
    for (const cell of q.cells)
      await c.query("INSERT INTO qc VALUES ($1, $2, $3)", [k, cell.service, cell.area]);
  }
  // One row per round: its index i, when it opened (ms), whether private, live or withdrawn, its channel.
  const base = `WITH b AS (
      SELECT i, i >= ${closed} AS live,
        CASE WHEN i >= ${closed} THEN ${now - 3 * 3_600_000}::bigint ELSE ${start}::bigint + i::bigint * ${step} END AS at,
        CASE WHEN i >= ${closed} THEN i - ${closed} >= ${CHANNELS.length} ELSE i % 5 = 0 END AS private,
        i % ${CHANNELS.length} AS ch
      FROM generate_series(0, ${size - 1}) AS i),
    r AS (SELECT *, NOT live AND NOT private AND i % 500 = 1 AS withdrawn,
        CASE WHEN live THEN NULL ELSE at + CASE WHEN private THEN 30000 ELSE 28800000 END END AS ended FROM b)`;
  const iso = (ms: string) =>
    `CASE WHEN ${ms} IS NULL THEN NULL ELSE to_char(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`;
  const channels = `(ARRAY[${CHANNELS.map((x) => `'${x}'`).join(",")}])[ch + 1]`;
  await c.query(`${base}
    INSERT INTO rounds (id, platform, workspace, channel, kind, player, question_id, question_json, status, opened_at,
      closes_at, closed_at, revealed_at, reveal_announced_at, voided_at, voided_by, message_ref)
    SELECT i + 1, CASE WHEN ch < 4 THEN 'slack' ELSE 'discord' END, CASE WHEN ch < 4 THEN 'W1' ELSE 'G1' END,
      ${channels}, CASE WHEN private THEN 'private' ELSE 'channel' END,
      CASE WHEN private THEN 'p' || (i % 50) END, q.id, q.json,
      CASE WHEN live THEN 'open' WHEN withdrawn THEN 'closed' ELSE 'revealed' END, ${iso("at")},
      CASE WHEN live AND NOT private THEN ${iso(String(now + 6 * 3_600_000))} END, ${iso("ended")},
      CASE WHEN withdrawn THEN NULL ELSE ${iso("ended")} END,
      CASE WHEN withdrawn OR private THEN NULL ELSE ${iso("ended")} END,
      CASE WHEN withdrawn THEN ${iso("ended")} END, CASE WHEN withdrawn THEN 'admin' END,
      CASE WHEN private THEN NULL ELSE 'm' || i END
    FROM r JOIN q ON q.k = r.i % ${questions.length}`);
  await c.query(`SELECT setval(pg_get_serial_sequence('rounds', 'id'), ${size})`);
  await c.query(
    `INSERT INTO round_cells SELECT i + 1, qc.service, qc.area FROM generate_series(0, ${size - 1}) AS i
     JOIN qc ON qc.k = i % ${questions.length} ON CONFLICT DO NOTHING`,
  );
  const answers = await c.query(`${base}
    INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at,
      base_points, streak_bonus, speed_bonus)
    SELECT i + 1, who, who, '["B"]', correct, 1, correct, ${iso("at + 60000 * (k + 1)")},
      CASE WHEN live THEN NULL ELSE correct * 10 END, 0, 0
    FROM (SELECT r.*, k, CASE WHEN private THEN 'p' || (i % 50) ELSE 'u' || ((i + k * 17) % 400) END AS who,
            CASE WHEN (i + k) % 3 = 0 THEN 0 ELSE 1 END AS correct
          FROM r CROSS JOIN generate_series(0, 2) AS k WHERE k = 0 OR NOT private) AS x`);
  for (const [n, ch] of CHANNELS.entries()) {
    const [platform, workspace] = n < 4 ? ["slack", "W1"] : ["discord", "G1"];
    await c.query(
      "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_time, leaderboard_day, leaderboard_time, active_from, updated_by) " +
        "VALUES ($1, $2, $3, '09:00', 'UTC', 'mon,tue,wed,thu,fri,sat,sun', '18:00', 'mon', '09:30', '2023-01-01T00:00:00.000Z', 'admin')",
      [platform, workspace, ch],
    );
    for (let d = 0; d < 60; d++) {
      const day = new Date(NOW.getTime() - d * 86_400_000);
      const date = day.toISOString().slice(0, 10);
      const at = `${date}T09:00:00.000Z`;
      const kinds = day.getUTCDay() === 1 ? ["post", "leaderboard"] : ["post"];
      for (const kind of kinds)
        await c.query(
          "INSERT INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at, done_at) VALUES ($1, $2, $3, $4, $5, 'done', $6, $6)",
          [platform, workspace, ch, date, kind, at],
        );
    }
  }
  await c.query(
    "UPDATE daily_runs SET round_id = (SELECT MAX(id) FROM rounds r WHERE r.platform = daily_runs.platform AND r.workspace = daily_runs.workspace AND r.channel = daily_runs.channel AND r.kind = 'channel' AND r.status = 'open') WHERE local_date = $1",
    [NOW.toISOString().slice(0, 10)],
  );
  await c.query(
    "INSERT INTO channel_settings (platform, workspace, channel, weekly_digest, digest_since) VALUES ('slack', 'W1', 'C1', 1, '2023-01-01T00:00:00.000Z')",
  );
  await c.query(
    "INSERT INTO practice_digests (platform, workspace, channel, week, sent_at) VALUES ('slack', 'W1', 'C1', '2026-W10', '2026-03-02T09:00:00.000Z')",
  );
  for (const row of [
    [
      "slack",
      "W1",
      "Autumn",
      "C1",
      "2025-09-01T00:00:00.000Z",
      "2025-10-01T00:00:00.000Z",
      "2025-10-01T00:00:10.000Z",
    ],
    ["slack", "W1", "Spring", "C1", "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z", null],
    [
      "discord",
      "G1",
      "Winter",
      "D1",
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-02-01T00:00:10.000Z",
    ],
  ])
    await c.query(
      "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at, ended_at) VALUES ($1, $2, $3, $4, 'admin', $5, $6, $7)",
      row,
    );
  await c.query("VACUUM ANALYZE");
  return answers.rowCount ?? 0;
}

/** Rows read by sequential scans so far, per table (the server's statistics). */
async function seqScans(c: pg.Client): Promise<Map<string, number>> {
  const r = await c.query<{ relname: string; n: string }>(
    "SELECT relname, seq_tup_read AS n FROM pg_stat_user_tables",
  );
  return new Map(r.rows.map((x) => [x.relname, Number(x.n)]));
}

/** The tables read by sequential scans since `before`, rows per tick; a flat tick reads none of the big ones. */
async function scannedSince(c: pg.Client, before: Map<string, number>, ticks: number): Promise<string> {
  // A backend's statistics reach the server when it ends; the app's pool has just closed.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const after = await seqScans(c);
  return [...after]
    .map(([table, n]) => [table, (n - (before.get(table) ?? 0)) / ticks] as const)
    .filter(([, n]) => n >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([table, n]) => `${table} ${count(n)}`)
    .join(", ");
}

/** Transactions the server has counted in this database so far (committed and rolled back). */
async function transactions(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: string }>(
    "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(r.rows[0]?.n);
}

interface Measured {
  readonly p50: number;
  readonly p99: number;
  readonly cpu50: number;
  readonly server: number;
  readonly calls: number;
}

let calls = 0;
const announcer: Announcer = {
  post: async () => {
    calls++;
    return { ref: `x${calls}` };
  },
  update: async () => {
    calls++;
  },
};
const quiet: Logger = { info: () => {}, warn: () => {}, error: (m, f) => console.error(m, f) };

header("The scheduler's tick as the rounds grow (PostgreSQL; nothing due, as at nearly every tick)");
const server = await startBenchPostgres();
console.log(`  server: ${server.settings}`);
const results: (Measured & { size: number; answers: number; fillS: number; bytes: number })[] = [];
try {
  for (const size of SIZES) {
    const name = `tick_${size}`;
    const url = await server.database(name);
    await applyPgMigrations(url, config.postgresMigrationsDir);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const t0 = performance.now();
    const answers = await fill(c, size);
    const fillS = (performance.now() - t0) / 1000;
    const scansBefore = await seqScans(c);
    const xactsBefore = await transactions(c);
    const app = await openApp(
      { ...config, postgres: { url, connectRetryMs: 0 } },
      { announcer, logger: quiet, content, clock: { now: () => NOW } },
    );
    for (let i = 0; i < 3; i++) await app.engine.tick();
    const t: number[] = [];
    const cpu: number[] = [];
    const s0 = server.cpuMicros();
    const started = performance.now();
    for (let i = 0; i < TICKS && (i < 5 || performance.now() - started < BUDGET_MS); i++) {
      const c0 = process.cpuUsage();
      const t1 = performance.now();
      await app.engine.tick();
      t.push(performance.now() - t1);
      const u = process.cpuUsage(c0);
      cpu.push((u.user + u.system) / 1000);
    }
    const serverMs = (server.cpuMicros() - s0) / 1000 / t.length;
    if (calls > 0) throw new Error(`the tick sent ${calls} messages: something was due, the figure is wrong`);
    await app.close();
    const scanned = await scannedSince(c, scansBefore, t.length + 3);
    const perTick = ((await transactions(c)) - xactsBefore - 1) / (t.length + 3);
    const bytes = Number(
      (await c.query<{ b: string }>("SELECT pg_database_size(current_database()) AS b")).rows[0]?.b,
    );
    await c.end();
    await server.drop(name);
    const sorted = ascending(t);
    const m = {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      cpu50: percentile(ascending(cpu), 0.5),
      server: serverMs,
      calls: t.length,
    };
    results.push({ size, answers, fillS, bytes, ...m });
    console.log(
      `  ${count(size).padStart(9)} rounds: p50 ${m.p50.toFixed(3)} ms, p99 ${m.p99.toFixed(3)} ms, bot CPU p50 ${m.cpu50.toFixed(3)} ms, server CPU ${m.server.toFixed(3)} ms per tick over ${m.calls} ticks`,
    );
    console.log(
      `    per tick: ${perTick.toFixed(1)} server transactions (each statement outside a transaction is one); rows read by sequential scans: ${scanned || "none"}`,
    );
  }
} finally {
  await server.stop();
}

console.log(
  `\n  ${"rounds".padStart(9)} ${"answers".padStart(10)}  ${"tick p50 / p99 ms".padStart(20)}  ${"bot / server CPU ms".padStart(20)}   database`,
);
for (const r of results)
  console.log(
    `  ${count(r.size).padStart(9)} ${count(r.answers).padStart(10)}  ${`${r.p50.toFixed(3)} / ${r.p99.toFixed(3)}`.padStart(20)}  ${`${r.cpu50.toFixed(3)} / ${r.server.toFixed(3)}`.padStart(20)}   ${(r.bytes / 1_048_576).toFixed(0)} MiB, filled in ${r.fillS.toFixed(1)} s`,
  );
const [, , mid, big] = results;
if (mid && big)
  console.log(
    `  growth k from ${count(mid.size)} to ${count(big.size)} rounds: ${growthExponent({ size: mid.size, cost: mid.p50 }, { size: big.size, cost: big.p50 }).toFixed(2)} (0 flat, 1 linear)`,
  );
console.log("  target: flat (k near 0); a tick reads only open and due rows");
