import { type Stats, statSync } from "node:fs";
import type { Logger, StorageHealth, StorageProblem } from "../ports.js";
import type { Db } from "./database.js";
import { isDamage } from "./database-errors.js";

/**
 * Watches that the path the bot opened still names the file it has open. A database deleted or replaced
 * under a running bot is invisible to SQLite: every write "succeeds" into a file no one will open again,
 * and the next start would find another file (or none). The path's device and inode, taken at open, are
 * compared on every check (a stat: microseconds); once they differ the handle is made read-only for good,
 * so nothing more is confirmed that would be lost, and the reason is logged once.
 */
export class DatabaseFileWatch implements StorageHealth {
  private readonly identity: { dev: number; ino: number } | null;
  private found: StorageProblem | null = null;
  private rescue: Promise<string | null> = Promise.resolve(null);

  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly logger: Logger,
  ) {
    this.identity = path === ":memory:" ? null : identityOf(statSync(path));
  }

  problem(): StorageProblem | null {
    if (this.found || !this.identity) return this.found;
    let now: Stats;
    try {
      now = statSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return this.latch({ kind: "replaced", detail: `${this.path} was removed` });
    }
    const { dev, ino } = identityOf(now);
    if (dev !== this.identity.dev || ino !== this.identity.ino)
      return this.latch({ kind: "replaced", detail: `${this.path} was replaced by another file` });
    return null;
  }

  failed(code: string): void {
    if (isDamage(code) && !this.found)
      this.latch({ kind: "damaged", detail: `${this.path} is damaged (${code})` });
  }

  /** Resolves once the copy saved after a removal is written (to its path), or at once when there is none. */
  settled(): Promise<string | null> {
    return this.rescue;
  }

  private latch(problem: StorageProblem): StorageProblem {
    this.found = problem;
    // Reads of what the handle still holds keep working; every write from now on fails inside SQLite.
    if (this.db.open) this.db.pragma("query_only = ON");
    this.logger.error(
      problem.kind === "replaced"
        ? "THE DATABASE FILE WAS REMOVED OR REPLACED while the bot runs: answers are no longer recorded. Stop the bot, put the database back (srm db restore <file>), then start it again"
        : "THE DATABASE FILE IS DAMAGED: answers are no longer recorded. Stop the bot, restore the last backup (srm db restore <backup>), then start it again",
      { where: "storage", problem: problem.detail },
    );
    if (problem.kind === "replaced" && this.db.open) this.saveCopy();
    return problem;
  }

  /**
   * The open handle still reads everything the removed file held, its WAL included: a copy of it is the
   * most recent backup there can be. (A damaged file is not copied: the copy would carry the damage.)
   */
  private saveCopy(): void {
    const target = `${this.path}.rescued-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    this.rescue = this.db.backup(target).then(
      () => {
        this.logger.error(
          `everything the bot held was copied to ${target}: after stopping the bot, put it back with "srm db restore ${target}"`,
          { where: "storage", copy: target },
        );
        return target;
      },
      (error: unknown) => {
        this.logger.error("the database the bot holds could not be copied", {
          where: "storage",
          copy: target,
          error,
        });
        return null;
      },
    );
  }
}

function identityOf(s: Stats): { dev: number; ino: number } {
  return { dev: s.dev, ino: s.ino };
}
