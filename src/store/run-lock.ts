import { readFileSync, rmSync, writeFileSync } from "node:fs";

/** The file that says a bot is running on a database: `<database>.pid`. */
export function lockPath(dbPath: string): string {
  return `${dbPath}.pid`;
}

/** The pid of a live bot running on this database, or null. A stale file from a crash does not count. */
export function runningBot(dbPath: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath(dbPath), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/** Marks the database as used by this process until `release`. */
export function holdRunLock(dbPath: string): { release(): void } {
  if (dbPath === ":memory:") return { release() {} };
  writeFileSync(lockPath(dbPath), `${process.pid}\n`);
  return {
    release() {
      rmSync(lockPath(dbPath), { force: true });
    },
  };
}
