import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import {
  DatabaseInUse,
  DatabaseReadOnly,
  DatabaseUnusable,
  isBusy,
  isDamage,
  isUnwritable,
  sqliteCode,
} from "./database-errors.js";

/**
 * The lock file beside a database: `<database>.lock`, a tiny SQLite file. Every process that runs on the
 * database holds a read transaction on it (SQLite's shared lock, a POSIX record lock the kernel drops when
 * the process dies, even by kill -9); a restore takes it exclusively, which SQLite refuses while anyone
 * holds it. The file itself stays: deleting a lock file others hold would give the next comer a new one.
 */
export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** A held lock on a database; `release` lets it go (process exit does too). */
export interface RunLock {
  release(): void;
}

function openLock(dbPath: string): Database.Database {
  mkdirSync(dirname(dbPath), { recursive: true });
  let lock: Database.Database;
  try {
    lock = new Database(lockPath(dbPath));
  } catch (error) {
    // The lock file is made beside the database: a folder the bot cannot write fails here first.
    const code = sqliteCode(error);
    if (isUnwritable(code)) throw new DatabaseReadOnly(dbPath, `${code} on ${lockPath(dbPath)}`);
    throw error;
  }
  // Waiting would only delay the answer: the other side holds the lock for as long as it runs.
  lock.pragma("busy_timeout = 0");
  return lock;
}

/** The lock's own failures: busy is the other side's hold; a file that is not SQLite's is named plainly. */
function lockFailure(dbPath: string, error: unknown, busy: string): unknown {
  const code = sqliteCode(error);
  if (isBusy(code)) return new DatabaseInUse(busy);
  if (isDamage(code))
    return new DatabaseUnusable(
      `${lockPath(dbPath)} is not srm-bot's lock file (it holds something else). Make sure no bot runs on ` +
        `${dbPath}, delete ${lockPath(dbPath)}, and try again.`,
    );
  return error;
}

function held(lock: Database.Database): RunLock {
  return {
    release() {
      if (!lock.open) return;
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}

/** Marks the database as used by this process until `release`; any number of processes may share it. */
export function holdRunLock(dbPath: string): RunLock {
  if (dbPath === ":memory:") return { release() {} };
  return takeLock(
    dbPath,
    (lock) => {
      lock.exec("BEGIN");
      // The read is what takes SQLite's shared lock; it is held until the transaction ends.
      lock.prepare("SELECT COUNT(*) FROM sqlite_master").get();
    },
    `A restore of ${dbPath} is running (it holds ${lockPath(dbPath)}). Start the bot again once it has finished.`,
  );
}

/** Takes the database for this process alone (a restore); refused while any bot or other process runs on it. */
export function holdExclusiveLock(dbPath: string): RunLock {
  return takeLock(
    dbPath,
    (lock) => lock.exec("BEGIN EXCLUSIVE"),
    `A bot (or another srm process) is running on ${dbPath}: it holds ${lockPath(dbPath)}. ` +
      "Stop every bot on this database first, then restore.",
  );
}

/** Opens the lock file and takes the lock `begin` asks for; `busy` is what a refusal says. */
function takeLock(dbPath: string, begin: (lock: Database.Database) => void, busy: string): RunLock {
  const lock = openLock(dbPath);
  try {
    begin(lock);
    return held(lock);
  } catch (error) {
    lock.close();
    throw lockFailure(dbPath, error, busy);
  }
}

/** Whether some process holds the database now (a bot, a terminal, a restore). */
export function databaseInUse(dbPath: string): boolean {
  try {
    holdExclusiveLock(dbPath).release();
    return false;
  } catch (error) {
    if (error instanceof DatabaseInUse) return true;
    throw error;
  }
}
