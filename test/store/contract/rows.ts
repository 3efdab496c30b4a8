import type { ChannelRef } from "../../../src/domain/channel.js";
import type { PracticeStore } from "../../../src/ports/practice-store.js";
import type { SettingsStore } from "../../../src/ports/settings-store.js";
import type { Db } from "../../../src/store/database.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { PgPracticeStore } from "../../../src/store/postgres/practice-store.js";
import { PgSettingsStore } from "../../../src/store/postgres/settings-store.js";
import { SqlitePracticeStore } from "../../../src/store/practice-store.js";
import { SqliteSettingsStore } from "../../../src/store/settings-store.js";
import { type SqliteGate, served } from "../../../src/store/sqlite-gate.js";

/**
 * Rows a store's contract needs from tables other ports own (a round to link to, an answer, a channel's
 * settings), written straight into the engine's database so that a test of one port does not depend on another
 * engine's store being finished.
 */
export interface Rows {
  /** A round in a channel (private rounds belong to `player`); its id. */
  round(channel: ChannelRef, kind?: "channel" | "private", player?: string): Promise<number>;
  /** An answer by `userId` to a round at `at`. */
  answer(roundId: number, userId: string, at: Date): Promise<void>;
  /** The round an exam's answer was filed as, read from its row (no port reads it back). */
  filedRound(examId: number, position: number): Promise<number | null | undefined>;
  /** The channel settings store of the same database. */
  readonly settings: SettingsStore;
  /** The practice store of the same database. */
  readonly practice: PracticeStore;
}

const ROUND_COLUMNS =
  "platform, workspace, channel, kind, player, question_id, question_json, status, opened_at";
const ANSWER_COLUMNS =
  "round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at";

function roundValues(c: ChannelRef, kind: "channel" | "private", player?: string) {
  const who = kind === "private" ? (player ?? "someone") : null;
  return [
    c.platform,
    c.workspaceId,
    c.channelId,
    kind,
    who,
    "q1",
    "{}",
    "revealed",
    "2026-03-02T09:00:00.000Z",
  ];
}

function answerValues(roundId: number, userId: string, at: Date) {
  return [roundId, userId, userId, '["A"]', 1, 1, 1, at.toISOString()];
}

function sqliteRows(db: Db, gate: SqliteGate): Rows {
  // Through the gate, as the stores are: a write waits while a test holds a transaction open.
  const insertRound = db.prepare(`INSERT INTO rounds (${ROUND_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertAnswer = db.prepare(`INSERT INTO answers (${ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const filed = db.prepare("SELECT round_id AS id FROM exam_answers WHERE exam_id = ? AND position = ?");
  return {
    round: (c, kind = "channel", player) =>
      gate.call(() => Number(insertRound.run(...roundValues(c, kind, player)).lastInsertRowid)),
    answer: (roundId, userId, at) =>
      gate.call(() => {
        insertAnswer.run(...answerValues(roundId, userId, at));
      }),
    filedRound: (examId, position) =>
      gate.call(() => (filed.get(examId, position) as { id: number | null } | undefined)?.id),
    settings: served<SettingsStore>(new SqliteSettingsStore(db), gate),
    practice: served<PracticeStore>(new SqlitePracticeStore(db), gate),
  };
}

function pgRows(db: PgDb): Rows {
  return {
    round: async (c, kind = "channel", player) => {
      const row = await db.one<{ id: number }>(
        `INSERT INTO rounds (${ROUND_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        roundValues(c, kind, player),
      );
      return Number(row?.id);
    },
    answer: async (roundId, userId, at) => {
      await db.run(
        `INSERT INTO answers (${ANSWER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        answerValues(roundId, userId, at),
      );
    },
    filedRound: async (examId, position) =>
      (
        await db.one<{ id: number | null }>(
          "SELECT round_id AS id FROM exam_answers WHERE exam_id = $1 AND position = $2",
          [examId, position],
        )
      )?.id,
    settings: new PgSettingsStore(db),
    practice: new PgPracticeStore(db),
  };
}

/**
 * Captures the database each engine opens, for `take()` after `open()`: the stores' factories pass their
 * database and stores through `sqlite` or `postgres` (tests in a file open one engine at a time).
 */
export function rowsOf() {
  let last: Rows | undefined;
  return {
    /** The stores made on a SQLite database, noting the database. */
    sqlite<S>(db: Db, gate: SqliteGate, stores: S): S {
      last = sqliteRows(db, gate);
      return stores;
    },
    /** The stores made on a PostgreSQL database, noting the database. */
    postgres<S>(db: PgDb, stores: S): S {
      last = pgRows(db);
      return stores;
    },
    take(): Rows {
      if (!last) throw new Error("no engine was opened");
      const rows = last;
      last = undefined;
      return rows;
    },
  };
}
