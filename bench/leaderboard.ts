// Leaderboard, rank and stats queries on a database of 10k / 100k / 1M answers from 200 / 2,000 / 20,000 people.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { periodsOf } from "../src/domain/scoring.js";
import type { Actor } from "../src/ports.js";
import { Standings } from "../src/quiz/standings.js";
import { CompetitionStore } from "../src/store/competition-store.js";
import { openDatabase } from "../src/store/database.js";
import { ScoreStore } from "../src/store/score-store.js";

const SCALES = [
  { answers: 10_000, people: 200 },
  { answers: 100_000, people: 2_000 },
  { answers: 1_000_000, people: 20_000 },
];
const PER_ROUND = 1_000;
const NOW = new Date("2026-03-04T12:00:00Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

function fill(dbPath: string, answers: number, people: number) {
  const { db } = openDatabase(dbPath, loadConfig({}).migrationsDir);
  const rounds = Math.ceil(answers / Math.min(PER_ROUND, people));
  const perRound = Math.ceil(answers / rounds);
  const insertRound = db.prepare(
    "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at, revealed_at) VALUES ('slack', 'W', 'C', 'channel', ?, '{}', 'revealed', ?, ?)",
  );
  const insertCell = db.prepare("INSERT INTO round_cells (round_id, service_id, area_id) VALUES (?, ?, ?)");
  const insertAnswer = db.prepare(
    "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at, base_points, streak_bonus, speed_bonus) VALUES (?, ?, ?, '[\"A\"]', ?, 1, ?, ?, ?, 0, 0)",
  );
  const services = ["ec2", "rds", "s3", "lambda", "dynamodb", "vpc"];
  const areas = ["guest-os-patching", "encryption-at-rest", "public-access", "access-management"];
  let seed = 1;
  const rand = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  db.transaction(() => {
    let written = 0;
    for (let r = 0; r < rounds && written < answers; r++) {
      const opened = new Date(NOW.getTime() - (rounds - r) * 3_600_000).toISOString();
      const id = Number(insertRound.run(`q${r}`, opened, opened).lastInsertRowid);
      insertCell.run(id, services[r % services.length], areas[r % areas.length]);
      const start = rand(people);
      for (let k = 0; k < perRound && written < answers; k++, written++) {
        const correct = rand(3) === 0 ? 0 : 1;
        insertAnswer.run(
          id,
          `u${(start + k) % people}`,
          `person ${(start + k) % people}`,
          correct,
          correct,
          opened,
          correct * 10,
        );
      }
    }
  })();
  // The totals a reveal keeps, built in one statement per period for speed.
  const week = periodsOf(NOW).week;
  const month = periodsOf(NOW).month;
  for (const period of ["all", week, month]) {
    db.prepare(
      "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
        "SELECT 'slack', 'W', ?, a.user_id, MAX(a.display_name), SUM(a.base_points), COUNT(*), SUM(a.correct) FROM answers a " +
        "JOIN rounds r ON r.id = a.round_id WHERE ? = 'all' OR (r.opened_at >= ? ) GROUP BY a.user_id",
    ).run(period, period, period === week ? "2026-03-02" : "2026-03-01");
  }
  db.pragma("optimize");
  return db;
}

console.log("leaderboard and stats queries (p50 / p99 over 2,000 calls each, asker drawn at random)");
console.log("  answers     people   leaderboard(all)    leaderboard(week)   stats(person)");
for (const scale of SCALES) {
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-"));
  const db = fill(join(dir, "bench.db"), scale.answers, scale.people);
  const scores = new ScoreStore(db);
  const standings = new Standings(scores, new CompetitionStore(db), { now: () => NOW });
  const actor = (i: number): Actor => ({
    platform: "slack",
    workspaceId: "W",
    userId: `u${i}`,
    displayName: `u${i}`,
    platformAdmin: false,
  });
  const measure = (run: (i: number) => unknown) => {
    for (let i = 0; i < 200; i++) run(i % scale.people);
    const t: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const who = (i * 7919) % scale.people;
      const t0 = process.hrtime.bigint();
      run(who);
      t.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    t.sort((a, b) => a - b);
    return `${percentile(t, 0.5).toFixed(3)} / ${percentile(t, 0.99).toFixed(3)} ms`;
  };
  const all = measure((i) => standings.leaderboard(actor(i), ["all"]));
  const week = measure((i) => standings.leaderboard(actor(i), ["week"]));
  const stats = measure((i) => standings.stats(actor(i), null));
  console.log(
    `  ${scale.answers.toLocaleString("en").padStart(9)}  ${scale.people.toLocaleString("en").padStart(7)}   ${all.padEnd(18)}  ${week.padEnd(18)}  ${stats}`,
  );
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log("  target: leaderboard p99 under 5 ms at 1,000,000 answers from 20,000 people");
