// How the read side grows: leaderboard, stats and daily-pick queries on a SQLite file holding 10,000 /
// 100,000 / 1,000,000 answers from 200 / 2,000 / 20,000 people (one workspace, one channel: the worst case,
// everyone in every period), each person with a dozen memory cards. p50 / p99 per query, and the growth
// exponent k of cost ∝ size^k from the middle scale to the largest (0 flat, about 0.1 logarithmic, 1 linear).

import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import type { Question } from "../src/domain/question.js";
import { periodsOf } from "../src/domain/scoring.js";
import { loadContent } from "../src/main.js";
import type { Actor, ChannelRef } from "../src/ports.js";
import { MemoryScheduler } from "../src/practice/scheduler.js";
import { TeamMemory } from "../src/practice/team-memory.js";
import { Standings } from "../src/quiz/standings.js";
import { type Db, openDatabase } from "../src/store/database.js";
import { SqliteRoundStore } from "../src/store/round-store.js";
import { sqliteStores } from "../src/store/sqlite-stores.js";
import { diskOf, header } from "./support/machine.js";
import { type Measured, measure, QUERIES, type Query } from "./support/queries.js";
import { count, growthExponent } from "./support/stats.js";

const SCALES = [
  { answers: 10_000, people: 200 },
  { answers: 100_000, people: 2_000 },
  { answers: 1_000_000, people: 20_000 },
];
const PER_ROUND = 1_000;
const CARDS_PER_PERSON = 12;
const NOW = new Date("2026-03-04T12:00:00Z");

const config = loadConfig({});
const { bank } = loadContent(config.contentDir);
const channel: ChannelRef = { platform: "slack", workspaceId: "W", channelId: "C" };
const clock = { now: () => NOW };

let seed = 1;
function rand(n: number): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
}

/** A database of `answers` answers to hourly rounds, the last ending now, from `people` people. */
function fill(db: Db, answers: number, people: number): void {
  const rounds = Math.ceil(answers / Math.min(PER_ROUND, people));
  const perRound = Math.ceil(answers / rounds);
  const questions = bank.scenarios.filter((q) => q.type === "single");
  const cells = [...new Set(bank.drills.map((q) => `${q.cells[0]?.service}/${q.cells[0]?.area}`))];
  const insertRound = db.prepare(
    "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at, revealed_at) VALUES ('slack', 'W', 'C', 'channel', ?, ?, 'revealed', ?, ?)",
  );
  const insertCell = db.prepare("INSERT INTO round_cells (round_id, service_id, area_id) VALUES (?, ?, ?)");
  const insertAnswer = db.prepare(
    "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at, base_points, streak_bonus, speed_bonus) VALUES (?, ?, ?, '[\"A\"]', ?, 1, ?, ?, ?, 0, 0)",
  );
  const insertCard = db.prepare(
    "INSERT OR IGNORE INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review, created_at) " +
      "VALUES ('slack', 'W', ?, 'cell', ?, 2, ?, ?, 5, 3, 7, 0, 3, 0, ?, ?)",
  );
  db.transaction(() => {
    let written = 0;
    for (let r = 0; r < rounds && written < answers; r++) {
      const opened = new Date(NOW.getTime() - (rounds - r) * 3_600_000).toISOString();
      const q = questions[r % questions.length] as Question;
      const id = Number(insertRound.run(q.id, JSON.stringify(q), opened, opened).lastInsertRowid);
      for (const c of q.cells) insertCell.run(id, c.service, c.area);
      const start = rand(people);
      for (let k = 0; k < perRound && written < answers; k++, written++) {
        const who = (start + k) % people;
        const correct = rand(3) === 0 ? 0 : 1;
        insertAnswer.run(id, `u${who}`, `person ${who}`, correct, correct, opened, correct * 10);
      }
    }
    for (let p = 0; p < people; p++) {
      for (let c = 0; c < CARDS_PER_PERSON; c++) {
        const last = new Date(NOW.getTime() - (1 + rand(60)) * 86_400_000);
        const stability = 1 + rand(40);
        const due = new Date(last.getTime() + stability * 86_400_000).toISOString();
        insertCard.run(
          `u${p}`,
          cells[rand(cells.length)],
          due,
          stability,
          last.toISOString(),
          last.toISOString(),
        );
      }
    }
  })();
  // The totals reveals keep, built in one statement per period.
  const { week, month } = periodsOf(NOW);
  for (const [period, since] of [
    ["all", ""],
    [week, "2026-03-02"],
    [month, "2026-03-01"],
  ] as const) {
    db.prepare(
      "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
        "SELECT 'slack', 'W', ?, a.user_id, MAX(a.display_name), SUM(a.base_points), COUNT(*), SUM(a.correct) FROM answers a " +
        "JOIN rounds r ON r.id = a.round_id WHERE r.opened_at >= ? GROUP BY a.user_id",
    ).run(period, since);
  }
  db.pragma("optimize");
}

header("Leaderboard, stats and daily-pick queries as the answers and people grow (SQLite file, WAL)");
const dir = mkdtempSync(join(tmpdir(), "srm-bench-growth-"));
console.log(`  disk: ${diskOf(dir) ?? "unknown"}`);
const results: {
  answers: number;
  people: number;
  fillS: number;
  bytes: number;
  q: Record<Query, Measured>;
}[] = [];
try {
  for (const scale of SCALES) {
    const file = join(dir, `growth-${scale.answers}.db`);
    const { db } = openDatabase(file, config.migrationsDir);
    const t0 = performance.now();
    fill(db, scale.answers, scale.people);
    const fillS = (performance.now() - t0) / 1000;
    const stores = sqliteStores(db, clock);
    const standings = new Standings(stores.scores, stores.competitions, clock);
    const rounds = new SqliteRoundStore(db);
    const team = new TeamMemory({
      store: stores.teamMemory,
      scheduler: new MemoryScheduler(),
      bank,
      clock,
    });
    const actor = (i: number): Actor => {
      const who = (i * 7_919) % scale.people;
      return { ...channel, userId: `u${who}`, displayName: `person ${who}`, platformAdmin: false };
    };
    const filter = { services: null, difficulty: null, types: ["single"] as const };
    const seedOf = `${channel.platform}:${channel.workspaceId}:${channel.channelId}`;
    const { week } = periodsOf(NOW);
    const q = {
      "leaderboard (this week)": await measure((i) => standings.leaderboard(actor(i), [])),
      "leaderboard all": await measure((i) => standings.leaderboard(actor(i), ["all"])),
      "leaderboard accuracy": await measure((i) => standings.leaderboard(actor(i), ["accuracy"])),
      "stats (own)": await measure((i) => standings.stats(actor(i), null)),
      // A reveal changed somebody's points just before: the ranking in memory is read again first.
      "leaderboard after a score changed": await measure(async (i) => {
        const a = actor(i + 1);
        await stores.scores.addToPeriod("slack", "W", week, a.userId, a.displayName, 0, false);
        return standings.leaderboard(actor(i), []);
      }),
      "daily pick: rotation": await measure(() =>
        bank.next(bank.scenarios, filter, rounds.history(channel, "channel", null, 10), seedOf),
      ),
      "daily pick: team memory": await measure(() =>
        team.pick(channel, filter, rounds.history(channel, "channel", null, 10), seedOf),
      ),
      "weekly digest: team forgetting": await measure(() => team.forgetting(channel)),
    } satisfies Record<Query, Measured>;
    db.pragma("wal_checkpoint(TRUNCATE)");
    results.push({ ...scale, fillS, bytes: statSync(file).size, q });
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\n  p50 / p99 ms per query   ${results.map((r) => `${count(r.answers)} answers, ${count(r.people)} people`.padStart(34)).join("")}   growth k`,
);
for (const name of QUERIES) {
  const cells = results.map((r) => `${r.q[name].p50.toFixed(3)} / ${r.q[name].p99.toFixed(3)}`.padStart(34));
  const [, mid, big] = results;
  const k =
    mid && big
      ? growthExponent(
          { size: mid.answers, cost: mid.q[name].p50 },
          { size: big.answers, cost: big.q[name].p50 },
        )
      : Number.NaN;
  console.log(`  ${name.padEnd(35)}${cells.join("")}   ${k.toFixed(2).padStart(6)}`);
}
console.log(
  `  database file: ${results.map((r) => `${(r.bytes / 1_048_576).toFixed(1)} MiB`).join(", ")} (filled in ${results.map((r) => `${r.fillS.toFixed(1)} s`).join(", ")}; ${CARDS_PER_PERSON} memory cards per person)`,
);
console.log(
  "  target: every query flat or logarithmic in answers (k well under 1); leaderboard p99 under 5 ms",
);
