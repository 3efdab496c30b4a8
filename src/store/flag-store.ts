import type { Platform } from "../domain/channel.js";
import {
  type FlagCount,
  type FlagResolution,
  HOLD_OUT_FLAGGERS,
  type NewFlag,
  type OpenFlag,
} from "../domain/flag.js";
import type { FlagStore } from "../ports/flag-store.js";
import type { Db } from "./database.js";
import { flagValues, type RawFlag, toOpenFlag } from "./flag-rows.js";
import type { Sync } from "./sqlite-gate.js";

/** Flags on questions in SQLite. */
export class SqliteFlagStore implements Sync<FlagStore> {
  private readonly q;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insert: p(
        "INSERT INTO question_flags (platform, workspace, user_id, question_id, round_id, reason, comment, flagged_at) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      open: p(
        "SELECT question_id, round_id, user_id, reason, comment, flagged_at FROM question_flags " +
          "WHERE platform = ? AND workspace = ? AND resolved_at IS NULL ORDER BY question_id, id",
      ),
      heldOut: p(
        "SELECT question_id FROM question_flags WHERE platform = ? AND workspace = ? AND resolved_at IS NULL " +
          `GROUP BY question_id HAVING COUNT(DISTINCT user_id) >= ${HOLD_OUT_FLAGGERS}`,
      ).pluck(),
      resolve: p(
        "UPDATE question_flags SET resolved_at = ?, resolution = ?, resolved_by = ? " +
          "WHERE platform = ? AND workspace = ? AND question_id = ? AND resolved_at IS NULL",
      ),
      counts: p(
        "SELECT question_id AS questionId, reason, COUNT(*) AS count FROM question_flags WHERE resolved_at IS NULL " +
          "GROUP BY question_id, reason ORDER BY question_id, count DESC, reason",
      ),
    };
  }

  /** Stores a flag; false when the person flagged that question before. */
  add(f: NewFlag): boolean {
    const info = this.q.insert.run(...flagValues(f));
    return info.changes === 1;
  }

  /** A workspace's open flags, grouped by question. */
  open(platform: Platform, workspace: string): OpenFlag[] {
    const rows = this.q.open.all(platform, workspace) as RawFlag[];
    return rows.map(toOpenFlag);
  }

  /** The questions flagged by HOLD_OUT_FLAGGERS or more people in a workspace, still unresolved. */
  heldOut(platform: Platform, workspace: string): ReadonlySet<string> {
    return new Set(this.q.heldOut.all(platform, workspace) as string[]);
  }

  /** Resolves every open flag on a question in a workspace; returns how many. */
  resolve(
    platform: Platform,
    workspace: string,
    questionId: string,
    how: FlagResolution,
    by: string,
    at: Date,
  ): number {
    return this.q.resolve.run(at.toISOString(), how, by, platform, workspace, questionId).changes;
  }

  /** Open flags per question and reason, over every workspace. */
  counts(): FlagCount[] {
    return this.q.counts.all() as FlagCount[];
  }
}
