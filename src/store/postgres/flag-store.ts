import type { Platform } from "../../domain/channel.js";
import {
  type FlagCount,
  type FlagResolution,
  HOLD_OUT_FLAGGERS,
  type NewFlag,
  type OpenFlag,
} from "../../domain/flag.js";
import type { FlagStore } from "../../ports/flag-store.js";
import { flagValues, type RawFlag, toOpenFlag } from "../flag-rows.js";
import type { PgDb } from "./db.js";

// Question ids are ordered in byte order (COLLATE "C"), as SQLite compares text, whatever the database's locale.

/** Flags on questions in PostgreSQL. */
export class PgFlagStore implements FlagStore {
  constructor(private readonly db: PgDb) {}

  /** Stores a flag; false when the person flagged that question before. */
  async add(f: NewFlag): Promise<boolean> {
    // The unique key decides it: of two flags at once from one person, one is stored.
    const n = await this.db.run(
      "INSERT INTO question_flags (platform, workspace, user_id, question_id, round_id, reason, comment, flagged_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
      flagValues(f),
    );
    return n === 1;
  }

  /** A workspace's open flags, grouped by question. */
  async open(platform: Platform, workspace: string): Promise<OpenFlag[]> {
    const rows = await this.db.rows<RawFlag>(
      "SELECT question_id, round_id, user_id, reason, comment, flagged_at FROM question_flags " +
        'WHERE platform = $1 AND workspace = $2 AND resolved_at IS NULL ORDER BY question_id COLLATE "C", id',
      [platform, workspace],
    );
    return rows.map(toOpenFlag);
  }

  /** The questions flagged by HOLD_OUT_FLAGGERS or more people in a workspace, still unresolved. */
  async heldOut(platform: Platform, workspace: string): Promise<ReadonlySet<string>> {
    const rows = await this.db.rows<{ question_id: string }>(
      "SELECT question_id FROM question_flags WHERE platform = $1 AND workspace = $2 AND resolved_at IS NULL " +
        `GROUP BY question_id HAVING COUNT(DISTINCT user_id) >= ${HOLD_OUT_FLAGGERS}`,
      [platform, workspace],
    );
    return new Set(rows.map((r) => r.question_id));
  }

  /** Resolves every open flag on a question in a workspace; returns how many. */
  async resolve(
    platform: Platform,
    workspace: string,
    questionId: string,
    how: FlagResolution,
    by: string,
    at: Date,
  ): Promise<number> {
    return this.db.run(
      "UPDATE question_flags SET resolved_at = $1, resolution = $2, resolved_by = $3 " +
        "WHERE platform = $4 AND workspace = $5 AND question_id = $6 AND resolved_at IS NULL",
      [at.toISOString(), how, by, platform, workspace, questionId],
    );
  }

  /** Open flags per question and reason, over every workspace. */
  async counts(): Promise<FlagCount[]> {
    return this.db.rows<FlagCount>(
      'SELECT question_id AS "questionId", reason, COUNT(*) AS count FROM question_flags WHERE resolved_at IS NULL ' +
        'GROUP BY question_id, reason ORDER BY question_id COLLATE "C", count DESC, reason COLLATE "C"',
    );
  }
}
