// Answer recording beside SQLite's own ceiling, on the disk that holds the bot's database. srm-bot records an
// answer as one transaction of its own (engine.press: find the round, refuse a second answer, grade, insert);
// the ceilings are SQLite alone with the same settings (WAL, synchronous=NORMAL): one-row transactions into a
// bare two-column table, and into the answers table itself (its unique key and two indexes). Alternating legs,
// medians. A last line shows the disk itself: one-row transactions with synchronous=FULL (an fsync each).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { loadConfig } from "../src/config.js";
import { buildApp } from "../src/main.js";
import type { Actor, Announcer, ChannelRef } from "../src/ports.js";
import { cpuMicros } from "./support/child.js";
import { diskOf, header } from "./support/machine.js";
import { count, median } from "./support/stats.js";

const LEG = 2_000;
const PAIRS = 7;
const FSYNC_COMMITS = 300;

/** A platform whose message edits take 20 ms, so that answer-count updates coalesce as they do in service. */
const slowPlatform: Announcer = {
  post: async () => ({ ref: "message" }),
  update: () => new Promise((resolve) => setTimeout(resolve, 20)),
};
const quiet = { info() {}, warn() {}, error() {} };

interface Leg {
  readonly perSecond: number;
  readonly cpu: number;
}

/** Runs `op` `n` times; the rate and the CPU µs per operation. */
async function leg(n: number, op: (i: number) => unknown): Promise<Leg> {
  const c0 = cpuMicros();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await op(i);
  return { perSecond: n / ((performance.now() - t0) / 1000), cpu: (cpuMicros() - c0) / n };
}

/**
 * The folder for the benchmark's databases: on the disk of the bot's own database (SRM_DB, ./data/srm.db
 * unless set), in the nearest folder of its path that exists; the temp folder for an in-memory database.
 */
function workFolder(): string {
  const configured = loadConfig(process.env).dbPath;
  let base = configured === ":memory:" ? tmpdir() : dirname(configured);
  while (!existsSync(base)) base = dirname(base);
  return mkdtempSync(join(base, ".srm-bench-recording-"));
}

header("Answer recording beside SQLite's ceiling for one-row transactions (WAL, synchronous=NORMAL)");
const dir = workFolder();
console.log(`  disk: ${diskOf(dir) ?? "unknown"} (${dir})`);
const app = buildApp(loadConfig({ SRM_DB: join(dir, "srm.db") }), { announcer: slowPlatform, logger: quiet });
const ceiling = new Database(join(dir, "ceiling.db"));
try {
  for (const p of ["journal_mode = WAL", "synchronous = NORMAL"]) ceiling.pragma(p);
  ceiling.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  const bare = ceiling.prepare("INSERT INTO t (v) VALUES (?)");
  const channel = (id: string): ChannelRef => ({ platform: "slack", workspaceId: "W", channelId: id });
  const admin: Actor = { ...channel("C"), userId: "UADMIN", displayName: "admin", platformAdmin: true };
  const open = async (id: string) => {
    await app.engine.handle({ text: "daily now", actor: admin, channel: channel(id) });
    return (
      app.db.prepare("SELECT id FROM rounds WHERE channel = ? AND status = 'open'").get(id) as { id: number }
    ).id;
  };
  const srmRound = await open("CSRM");
  const rowRound = await open("CROW");
  const answersRow = app.db.prepare(
    "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
      "VALUES (?, ?, ?, '[\"A\"]', 1, 1, 1, ?) ON CONFLICT (round_id, user_id) DO NOTHING",
  );
  let person = 0;
  const measure = {
    srm: () =>
      leg(LEG, () => {
        const who = `U${person++}`;
        return app.engine.press(`answer:${srmRound}:A`, {
          ...admin,
          userId: who,
          displayName: who,
          platformAdmin: false,
        });
      }),
    row: () => leg(LEG, () => answersRow.run(rowRound, `U${person++}`, "person", new Date().toISOString())),
    bare: () => leg(LEG, (i) => bare.run(`value ${i}`)),
  };
  for (const m of Object.values(measure)) await m();
  const legs = { srm: [] as Leg[], row: [] as Leg[], bare: [] as Leg[] };
  for (let p = 0; p < PAIRS; p++) {
    // Each round starts with a different one, so that a drift in the machine's load falls on all alike.
    const order = (["srm", "row", "bare"] as const).map(
      (_, k, all) => all[(p + k) % all.length] as keyof typeof legs,
    );
    for (const k of order) legs[k].push(await measure[k]());
  }
  await app.engine.idle();
  ceiling.pragma("synchronous = FULL");
  const durable = await leg(FSYNC_COMMITS, (i) => bare.run(`durable ${i}`));
  const line = (name: string, l: Leg[]) =>
    console.log(
      `  ${name.padEnd(52)} ${count(median(l.map((x) => x.perSecond))).padStart(8)}/s ${median(
        l.map((x) => x.cpu),
      )
        .toFixed(0)
        .padStart(6)} µs CPU`,
    );
  console.log(`\n  one-row transactions, ${PAIRS} rotating rounds of ${count(LEG)} each (medians)`);
  line("srm-bot: an answer recorded (engine.press)", legs.srm);
  line("SQLite: one answers row (unique key, two indexes)", legs.row);
  line("SQLite: one row of a bare two-column table", legs.bare);
  line("SQLite, synchronous=FULL (an fsync per commit)", [durable]);
  const share = (k: "row" | "bare") =>
    median(legs.srm.map((s, i) => s.perSecond / (legs[k][i] as Leg).perSecond)).toFixed(2);
  console.log(
    `  srm-bot as a share of SQLite's ceiling: ${share("bare")} (of the answers row alone: ${share("row")})`,
  );
} finally {
  await app.close();
  ceiling.close();
  rmSync(dir, { recursive: true, force: true });
}
