import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ChannelRoundOpen } from "../../src/domain/failure.js";
import type { NewRound } from "../../src/domain/round.js";
import { MetricsRegistry } from "../../src/metrics.js";
import { RoundService } from "../../src/quiz/rounds.js";
import { openDatabase } from "../../src/store/database.js";
import { isDamage, isUniqueViolation, sqliteCode, storageFailure } from "../../src/store/database-errors.js";
import { SqliteRoundStore } from "../../src/store/round-store.js";
import { sqliteStores } from "../../src/store/sqlite-stores.js";
import { roundCards } from "../../src/views/round-view.js";
import { RecordingAnnouncer, RecordingLogger } from "../fakes/announcer.js";
import { ManualClock, realContent } from "../support/app.js";
import { channel } from "../support/people.js";

const { migrationsDir } = loadConfig({});
const folder = mkdtempSync(join(tmpdir(), "srm-dberr-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
/** A fresh database file with every migration applied, closed. */
function databaseFile(): string {
  const path = join(folder, `srm-${++files}.db`);
  openDatabase(path, migrationsDir).db.close();
  return path;
}

/** What a synchronous SQLite call threw. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected SQLite to refuse");
}

function roundIn(bank = realContent().bank, openedAt = new Date("2026-03-02T09:00:00Z")): NewRound {
  const question = bank.scenarios[0];
  if (!question) throw new Error("no scenario question");
  return {
    channel: channel(),
    kind: "channel",
    player: null,
    question,
    speedBonus: false,
    competitionId: null,
    openedAt,
    closesAt: null,
    choiceOrder: null,
  };
}

/** A clock that runs a hook (once) the next time it is read: a way into the middle of a use case. */
class HookedClock extends ManualClock {
  private hook: (() => void) | null = null;
  onNextRead(fn: () => void): void {
    this.hook = fn;
  }
  override now(): Date {
    const hook = this.hook;
    this.hook = null;
    hook?.();
    return super.now();
  }
}

describe("SQLite's failures are recognised by their result code, on a real database file", () => {
  it("a second open question in one channel is a unique violation", () => {
    const { db } = openDatabase(databaseFile(), migrationsDir);
    const rounds = new SqliteRoundStore(db);
    rounds.open(roundIn());
    const error = thrown(() => rounds.open(roundIn()));
    expect(error).toBeInstanceOf(ChannelRoundOpen);
    const cause = (error as Error).cause;
    expect(sqliteCode(cause)).toBe("SQLITE_CONSTRAINT_UNIQUE");
    expect(isUniqueViolation(cause)).toBe(true);
    db.close();
  });

  it("an error that only says UNIQUE in its text is not taken for one", () => {
    expect(isUniqueViolation(new Error("UNIQUE constraint failed: rounds.channel"))).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("x"), { code: "SQLITE_CONSTRAINT_NOTNULL" }))).toBe(
      false,
    );
  });

  it("a question another process opened between the check and the insert: the channel is told one is open", async () => {
    const path = databaseFile();
    const { db: other } = openDatabase(path, migrationsDir);
    const { db } = openDatabase(path, migrationsDir);
    const clock = new HookedClock();
    const content = realContent();
    const stores = sqliteStores(db, clock);
    const service = new RoundService({
      rounds: stores.rounds,
      transactions: stores.transactions,
      scores: stores.scores,
      competitions: stores.competitions,
      settings: stores.settings,
      bank: content.bank,
      clock,
      announcer: new RecordingAnnouncer(),
      cards: roundCards,
      logger: new RecordingLogger(),
      metrics: new MetricsRegistry(),
    });
    // The check for an open round has passed when the clock is first read; the other process wins then.
    clock.onNextRead(() => new SqliteRoundStore(other).open(roundIn(content.bank)));
    const outcome = await service.prepareChannelRound(channel(), null);
    expect(outcome).toEqual({ ok: false, failure: { code: "RoundAlreadyOpen" } });
    expect(db.prepare("SELECT COUNT(*) AS n FROM rounds").get()).toEqual({ n: 1 });
    db.close();
    other.close();
  });

  it("a write through a read-only connection is a read-only failure", () => {
    const db = new Database(databaseFile(), { readonly: true });
    const error = thrown(() => db.exec("CREATE TABLE extra (x INTEGER)"));
    expect(sqliteCode(error)).toMatch(/^SQLITE_READONLY/);
    expect(storageFailure(sqliteCode(error))).toBe("read-only");
    db.close();
  });

  it("a write while another connection holds the write lock is a busy failure", () => {
    const path = databaseFile();
    const holder = new Database(path);
    const waiter = new Database(path);
    waiter.pragma("busy_timeout = 0");
    holder.exec("BEGIN IMMEDIATE");
    const error = thrown(() => waiter.exec("BEGIN IMMEDIATE"));
    expect(sqliteCode(error)).toMatch(/^SQLITE_BUSY/);
    expect(storageFailure(sqliteCode(error))).toBe("busy");
    holder.exec("ROLLBACK");
    holder.close();
    waiter.close();
  });

  it("a write past the file's size limit is a full failure", () => {
    const db = new Database(databaseFile());
    db.exec("CREATE TABLE filler (x BLOB)");
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
    const error = thrown(() => db.prepare("INSERT INTO filler (x) VALUES (zeroblob(1000000))").run());
    expect(sqliteCode(error)).toBe("SQLITE_FULL");
    expect(storageFailure(sqliteCode(error))).toBe("full");
    db.close();
  });

  it("a file that is not a database is damage", () => {
    const path = join(folder, "not-a-database.db");
    writeFileSync(path, "this is a text file, not SQLite, and it is long enough to have a header".repeat(20));
    const error = thrown(() => new Database(path).pragma("user_version"));
    expect(isDamage(sqliteCode(error))).toBe(true);
    expect(storageFailure(sqliteCode(error))).toBe("damaged");
  });

  it("a failure that is not about the storage (a broken constraint) is left to the caller", () => {
    const { db } = openDatabase(databaseFile(), migrationsDir);
    const rounds = new SqliteRoundStore(db);
    rounds.open(roundIn());
    expect(storageFailure(sqliteCode((thrown(() => rounds.open(roundIn())) as Error).cause))).toBeNull();
    db.close();
  });
});
