import Database from "better-sqlite3";
import { lockPath } from "../../src/store/run-lock.js";

/**
 * Whether some process still holds the database's run lock: the lock cannot be taken exclusively, as
 * `srm db restore` takes it. A bot that stopped cleanly, or died, holds it no more.
 */
export function runLockHeld(db: string): boolean {
  const lock = new Database(lockPath(db));
  lock.pragma("busy_timeout = 0");
  try {
    lock.exec("BEGIN EXCLUSIVE");
    lock.exec("ROLLBACK");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
    throw error;
  } finally {
    lock.close();
  }
}
