// The scheduler's tick as history grows: a SQLite file holding 10,000 / 50,000 / 200,000 / 1,000,000 rounds
// of closed history (channel questions of the day with their answers, private quizzes, a few withdrawn rounds)
// plus what is live now: one open question in each of eight channels on two platforms, a few open private
// quizzes, a running competition, the daily schedules and a weekly digest. The tick runs through the real
// engine (the same call the bot's 20-second timer makes) with nothing due, which is what nearly every tick
// is. p50 / p99 per size, the median CPU time per tick (which a busy machine moves least), and the growth exponent k of cost ∝ size^k (0 flat, 1 linear).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import type { Question } from "../src/domain/question.js";
import { buildApp, loadContent } from "../src/main.js";
import type { Announcer, ChannelRef, Logger } from "../src/ports.js";
import { type Db, openDatabase } from "../src/store/database.js";
import { diskOf, header } from "./support/machine.js";
import { ascending, count, growthExponent, percentile } from "./support/stats.js";

/** SRM_BENCH_TICK_SIZES=10000,50000 measures other sizes (a quick look). */
const SIZES = (process.env.SRM_BENCH_TICK_SIZES ?? "10000,50000,200000,1000000").split(",").map(Number);
/** A Wednesday noon: after this week's digest time, between the day's post and its reveal. */
const NOW = new Date("2026-03-04T12:00:00Z");
const CHANNELS: readonly ChannelRef[] = [
  ...["C1", "C2", "C3", "C4"].map((c) => ({ platform: "slack", workspaceId: "W1", channelId: c }) as const),
  ...["D1", "D2", "D3", "D4"].map((c) => ({ platform: "discord", workspaceId: "G1", channelId: c }) as const),
];
/** One round in this many is a private quiz; one channel round in WITHDRAWN was withdrawn (closed for good). */
const PRIVATE_EVERY = 5;
const WITHDRAWN = 500;
const ANSWERS_PER_CHANNEL_ROUND = 3;
const PLAYERS = 50;
const OPEN_PRIVATE = 5;
/** Ticks per size, or for this long if they are slow, after a few warm-up ticks. */
const TICKS = 300;
const BUDGET_MS = 4_000;

const config = loadConfig({});
const content = loadContent(config.contentDir);
const questions = content.bank.scenarios.filter((q) => q.type === "single");

/** How many answers each size's file holds. */
const answersOf = new Map<number, number>();

/** `size` rounds, the last CHANNELS.length + OPEN_PRIVATE of them open, the rest closed and revealed. */
function fill(db: Db, size: number): void {
  const round = db.prepare(
    "INSERT INTO rounds (platform, workspace, channel, kind, player, question_id, question_json, status, opened_at, closes_at, closed_at, revealed_at, reveal_announced_at, voided_at, voided_by, message_ref) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const cell = db.prepare(
    "INSERT OR IGNORE INTO round_cells (round_id, service_id, area_id) VALUES (?, ?, ?)",
  );
  const answer = db.prepare(
    "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at, base_points, streak_bonus, speed_bonus) " +
      "VALUES (?, ?, ?, '[\"B\"]', ?, 1, ?, ?, ?, 0, 0)",
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  const open = CHANNELS.length + OPEN_PRIVATE;
  const closed = size - open;
  // History spreads back from yesterday, the oldest first: ids grow with time as they do in use.
  const step = Math.max(60_000, Math.floor((3 * 365 * 86_400_000) / closed));
  const start = NOW.getTime() - 86_400_000 - closed * step;
  let answers = 0;
  db.transaction(() => {
    for (let i = 0; i < size; i++) {
      const q = questions[i % questions.length] as Question;
      const json = JSON.stringify(q);
      const live = i >= closed;
      const at = live ? NOW.getTime() - 3 * 3_600_000 : start + i * step;
      const isPrivate = live ? i - closed >= CHANNELS.length : i % PRIVATE_EVERY === 0;
      const channel = CHANNELS[i % CHANNELS.length] as ChannelRef;
      const player = isPrivate ? `p${i % PLAYERS}` : null;
      const withdrawn = !live && !isPrivate && i % WITHDRAWN === 1;
      const status = live ? "open" : withdrawn ? "closed" : "revealed";
      const closesAt = live && !isPrivate ? iso(NOW.getTime() + 6 * 3_600_000) : null;
      const ended = live ? null : iso(at + (isPrivate ? 30_000 : 8 * 3_600_000));
      const id = Number(
        round.run(
          channel.platform,
          channel.workspaceId,
          channel.channelId,
          isPrivate ? "private" : "channel",
          player,
          q.id,
          json,
          status,
          iso(at),
          closesAt,
          ended,
          withdrawn ? null : ended,
          withdrawn || isPrivate ? null : ended,
          withdrawn ? ended : null,
          withdrawn ? "admin" : null,
          isPrivate ? null : `m${i}`,
        ).lastInsertRowid,
      );
      for (const c of q.cells) cell.run(id, c.service, c.area);
      const people = isPrivate ? [player as string] : [0, 1, 2].map((k) => `u${(i + k * 17) % 400}`);
      for (const [k, who] of people.slice(0, isPrivate ? 1 : ANSWERS_PER_CHANNEL_ROUND).entries()) {
        const correct = (i + k) % 3 === 0 ? 0 : 1;
        const points = live ? null : correct * 10;
        answer.run(id, who, who, correct, correct, iso(at + 60_000 * (k + 1)), points);
        answers++;
      }
    }
    // The schedules: posted at 09:00 and revealed at 18:00 UTC every day, each day's run done; the weekly
    // leaderboard on Mondays. A digest channel whose digest for this week went out on Monday.
    const schedule = db.prepare(
      "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_time, leaderboard_day, leaderboard_time, active_from, updated_by) " +
        "VALUES (?, ?, ?, '09:00', 'UTC', 'mon,tue,wed,thu,fri,sat,sun', '18:00', 'mon', '09:30', '2023-01-01T00:00:00.000Z', 'admin')",
    );
    const run = db.prepare(
      "INSERT INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at, done_at) VALUES (?, ?, ?, ?, ?, 'done', ?, ?)",
    );
    for (const c of CHANNELS) {
      schedule.run(c.platform, c.workspaceId, c.channelId);
      for (let d = 0; d < 60; d++) {
        const day = new Date(NOW.getTime() - d * 86_400_000);
        const date = day.toISOString().slice(0, 10);
        const at = `${date}T09:00:00.000Z`;
        run.run(c.platform, c.workspaceId, c.channelId, date, "post", at, at);
        if (day.getUTCDay() === 1)
          run.run(c.platform, c.workspaceId, c.channelId, date, "leaderboard", at, at);
      }
    }
    db.prepare(
      "UPDATE daily_runs SET round_id = (SELECT MAX(id) FROM rounds r WHERE r.platform = daily_runs.platform AND r.workspace = daily_runs.workspace AND r.channel = daily_runs.channel AND r.kind = 'channel' AND r.status = 'open') WHERE local_date = ?",
    ).run(NOW.toISOString().slice(0, 10));
    db.prepare(
      "INSERT INTO channel_settings (platform, workspace, channel, weekly_digest, digest_since) VALUES ('slack', 'W1', 'C1', 1, '2023-01-01T00:00:00.000Z')",
    ).run();
    db.prepare(
      "INSERT INTO practice_digests (platform, workspace, channel, week, sent_at) VALUES ('slack', 'W1', 'C1', '2026-W10', '2026-03-02T09:00:00.000Z')",
    ).run();
    const competition = db.prepare(
      "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at, ended_at) VALUES (?, ?, ?, ?, 'admin', ?, ?, ?)",
    );
    competition.run(
      "slack",
      "W1",
      "Autumn",
      "C1",
      "2025-09-01T00:00:00.000Z",
      "2025-10-01T00:00:00.000Z",
      "2025-10-01T00:00:10.000Z",
    );
    competition.run(
      "slack",
      "W1",
      "Spring",
      "C1",
      "2026-03-01T00:00:00.000Z",
      "2026-04-01T00:00:00.000Z",
      null,
    );
    competition.run(
      "discord",
      "G1",
      "Winter",
      "D1",
      "2026-01-01T00:00:00.000Z",
      "2026-02-01T00:00:00.000Z",
      "2026-02-01T00:00:10.000Z",
    );
  })();
  // No ANALYZE: the bot never runs it, so the planner works without statistics here as it does in use.
  answersOf.set(size, answers);
}

interface Measured {
  readonly p50: number;
  readonly p99: number;
  /** The CPU time (user and system) of this process per tick, p50 and p99: what a busy machine moves least. */
  readonly cpu50: number;
  readonly cpu99: number;
  readonly calls: number;
}

/** p50 and p99 of `run`, in ms, over TICKS calls or BUDGET_MS, whichever ends first (at least 5 calls). */
async function measure(run: () => Promise<unknown>): Promise<Measured> {
  for (let i = 0; i < 3; i++) await run();
  const t: number[] = [];
  const cpu: number[] = [];
  const started = performance.now();
  for (let i = 0; i < TICKS && (i < 5 || performance.now() - started < BUDGET_MS); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    t.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const sorted = ascending(t);
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    cpu50: percentile(ascending(cpu), 0.5),
    cpu99: percentile(ascending(cpu), 0.99),
    calls: t.length,
  };
}

/** Counts what the tick sends: with nothing due, it must send nothing, or the figure measures the wrong thing. */
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

header("The scheduler's tick as the rounds grow (SQLite file, WAL; nothing due, as at nearly every tick)");
const dir = mkdtempSync(join(tmpdir(), "srm-bench-tick-"));
console.log(`  disk: ${diskOf(dir) ?? "unknown"}`);
const results: (Measured & { size: number; fillS: number; bytes: number })[] = [];
try {
  for (const size of SIZES) {
    const file = join(dir, `tick-${size}.db`);
    const { db } = openDatabase(file, config.migrationsDir);
    const t0 = performance.now();
    fill(db, size);
    const fillS = (performance.now() - t0) / 1000;
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    const app = buildApp(
      { ...config, dbPath: file },
      { announcer, logger: quiet, content, clock: { now: () => NOW } },
    );
    const m = await measure(() => app.engine.tick());
    if (calls > 0) throw new Error(`the tick sent ${calls} messages: something was due, the figure is wrong`);
    await app.close();
    results.push({ size, fillS, bytes: statSync(file).size, ...m });
    console.log(
      `  ${count(size).padStart(9)} rounds: p50 ${m.p50.toFixed(3)} ms, p99 ${m.p99.toFixed(3)} ms, CPU p50 ${m.cpu50.toFixed(3)} ms, p99 ${m.cpu99.toFixed(3)} ms over ${m.calls} ticks`,
    );
    rmSync(file, { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\n  ${"rounds".padStart(9)} ${"answers".padStart(10)}  ${"tick p50 / p99 ms".padStart(20)}  ${"CPU p50 / p99 ms".padStart(18)}   file`,
);
for (const r of results)
  console.log(
    `  ${count(r.size).padStart(9)} ${count(answersOf.get(r.size) ?? 0).padStart(10)}  ${`${r.p50.toFixed(3)} / ${r.p99.toFixed(3)}`.padStart(20)}  ${`${r.cpu50.toFixed(3)} / ${r.cpu99.toFixed(3)}`.padStart(18)}   ${(r.bytes / 1_048_576).toFixed(0)} MiB, filled in ${r.fillS.toFixed(1)} s`,
  );
const [, , mid, big] = results;
if (mid && big)
  console.log(
    `  growth k from ${count(mid.size)} to ${count(big.size)} rounds: ${growthExponent({ size: mid.size, cost: mid.p50 }, { size: big.size, cost: big.p50 }).toFixed(2)} (0 flat, 1 linear)`,
  );
console.log("  target: flat (k near 0); a tick reads only open and due rows");
