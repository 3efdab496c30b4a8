import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { ChannelRef } from "../../src/ports.js";
import { SqliteChannelPauseStore as ChannelPauseStore } from "../../src/store/channel-pause-store.js";
import { SqliteCompetitionStore as CompetitionStore } from "../../src/store/competition-store.js";
import { SqliteDailyStore as DailyStore } from "../../src/store/daily-store.js";
import { openDatabase } from "../../src/store/database.js";
import { SqlitePracticeStore as PracticeStore } from "../../src/store/practice-store.js";
import { SqliteRoundStore as RoundStore } from "../../src/store/round-store.js";

const dir = mkdtempSync(join(tmpdir(), "srm-tick-plans-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every statement the stores run on a migrated file, with its values, as SQLite saw it. */
function tracedFile(): { db: Database.Database; ran: string[] } {
  const file = join(dir, "srm.db");
  openDatabase(file, loadConfig({}).migrationsDir).db.close();
  const ran: string[] = [];
  const db = new Database(file, { verbose: (sql) => ran.push(String(sql)) });
  return { db, ran };
}

describe("the scheduler's tick", () => {
  // A tick runs every 20 seconds for the life of the bot; a look for due work that reads a whole table grows
  // with the history (rounds, competitions, the daily ledger) until the tick takes longer than its interval.
  it("finds due reveals, competition ends, interrupted posts and digests without reading a whole table", () => {
    const { db, ran } = tracedFile();
    const rounds = new RoundStore(db);
    const competitions = new CompetitionStore(db);
    const daily = new DailyStore(db);
    const practice = new PracticeStore(db);
    const pauses = new ChannelPauseStore(db);
    const channel: ChannelRef = { platform: "slack", workspaceId: "W", channelId: "C" };
    const now = new Date("2026-03-04T12:00:00Z");
    ran.length = 0;

    // What ScheduledWork.runDue reads for every tick, whether or not anything is due.
    rounds.revealedUnannounced();
    rounds.closedUnrevealed();
    rounds.dueToClose(now);
    competitions.due(now);
    daily.unfinished(now);
    daily.run(channel, "2026-03-04", "post");
    daily.isSkipped(channel, "2026-03-04");
    practice.digestChannels();
    pauses.get(channel);
    const statements = [...ran];

    const partial = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").all() as {
          name: string;
        }[]
      ).map((r) => r.name),
    );
    // A plan may search an index or key, or read a partial index (which holds only the rows looked for), and
    // sort what it found; reading a table or a whole index is what grows with history.
    const wholeReads = statements.flatMap((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .filter((step) => {
          if (step.startsWith("SEARCH ") || step === "USE TEMP B-TREE FOR ORDER BY") return false;
          const index = /^SCAN \w+ USING (?:COVERING )?INDEX (\w+)$/.exec(step)?.[1];
          return !(index && partial.has(index));
        })
        .map((step) => `${step}  <-  ${sql}`),
    );
    expect(statements).toHaveLength(9);
    expect(wholeReads).toEqual([]);
    db.close();
  });
});
