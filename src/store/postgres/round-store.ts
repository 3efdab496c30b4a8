import type { ChannelRef, Platform } from "../../domain/channel.js";
import { ChannelRoundOpen } from "../../domain/failure.js";
import type { Question } from "../../domain/question.js";
import type { AnswerRow, NewAnswer, NewRound, RoundRow } from "../../domain/round.js";
import type { RecordedAnswer, RoundStore } from "../../ports/round-store.js";
import {
  answerValues,
  type RawAnswer,
  type RawRound,
  ROUND_COLUMNS,
  roundValues,
  storedAnswer,
  toAnswer,
  toRound,
} from "../round-rows.js";
import type { PgDb } from "./db.js";
import { pgCode } from "./errors.js";

const SELECT_ROUND = `SELECT ${ROUND_COLUMNS} FROM rounds`;

/** SQLSTATE unique_violation: a second open round in the channel, refused by its unique index. */
const UNIQUE_VIOLATION = "23505";

/**
 * Rounds and answers in PostgreSQL. Every read parses the stored question again: another replica may have
 * corrected a round's key, so a question kept in this process could be stale.
 */
export class PgRoundStore implements RoundStore {
  constructor(private readonly db: PgDb) {}

  /** Stores a new open round with its cells; throws on a second open round in one channel. */
  async open(r: NewRound): Promise<number> {
    // A savepoint when called inside a transaction: the refused insert rolls back alone, as on SQLite.
    return this.db.transaction(async () => {
      const id = await this.insertRound(r);
      const cells = r.question.cells;
      if (cells.length > 0)
        await this.db.run(
          "INSERT INTO round_cells (round_id, service_id, area_id) " +
            "SELECT $1::bigint, s, a FROM unnest($2::text[], $3::text[]) AS c (s, a) ON CONFLICT DO NOTHING",
          [id, cells.map((c) => c.service), cells.map((c) => c.area)],
        );
      return id;
    });
  }

  /** The round's row; a second open round where one is open is refused by the unique index, by its code. */
  private async insertRound(r: NewRound): Promise<number> {
    try {
      const row = await this.db.one<{ id: number }>(
        "INSERT INTO rounds (platform, workspace, channel, kind, player, question_id, question_json, choice_order, status, speed_bonus, competition_id, opened_at, closes_at) " +
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12) RETURNING id",
        roundValues(r),
      );
      return (row as { id: number }).id;
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw new ChannelRoundOpen({ cause: error });
      throw error;
    }
  }

  /** The round with this id. */
  async get(id: number): Promise<RoundRow | undefined> {
    return roundOf(await this.db.one<RawRound>(`${SELECT_ROUND} WHERE id = $1`, [id]));
  }

  /** The channel's open round, if any. */
  async openInChannel(channel: ChannelRef): Promise<RoundRow | undefined> {
    const raw = await this.db.one<RawRound>(
      `${SELECT_ROUND} WHERE platform = $1 AND workspace = $2 AND channel = $3 AND kind = 'channel' AND status = 'open'`,
      [channel.platform, channel.workspaceId, channel.channelId],
    );
    return roundOf(raw);
  }

  /** A person's open private round, if any. */
  async openForPlayer(
    platform: Platform,
    workspaceId: string,
    player: string,
  ): Promise<RoundRow | undefined> {
    const raw = await this.db.one<RawRound>(
      `${SELECT_ROUND} WHERE platform = $1 AND workspace = $2 AND player = $3 AND kind = 'private' AND status = 'open' ORDER BY id DESC LIMIT 1`,
      [platform, workspaceId, player],
    );
    return roundOf(raw);
  }

  /** Remembers the platform's message of a round. */
  async setMessageRef(roundId: number, ref: string): Promise<void> {
    await this.db.run("UPDATE rounds SET message_ref = $1 WHERE id = $2", [ref, roundId]);
  }

  // The conditional UPDATEs below decide races between replicas: PostgreSQL re-checks the WHERE on the row
  // another transaction just changed, so of two closes (or reveals) at once exactly one changes a row.

  /** Closes an open round; false when it was not open. */
  async close(roundId: number, at: Date): Promise<boolean> {
    const n = await this.db.run(
      "UPDATE rounds SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'",
      [at.toISOString(), roundId],
    );
    return n === 1;
  }

  /** Closes an open round as withdrawn (no points, never revealed); false when it was not open. */
  async void(roundId: number, at: Date, by: string): Promise<boolean> {
    const n = await this.db.run(
      "UPDATE rounds SET status = 'closed', closed_at = $1, voided_at = $1, voided_by = $2 WHERE id = $3 AND status = 'open'",
      [at.toISOString(), by, roundId],
    );
    return n === 1;
  }

  /** Replaces a revealed channel round's question with one whose answer key is corrected; false when it is not one. */
  async fixKey(roundId: number, question: Question, at: Date): Promise<boolean> {
    const n = await this.db.run(
      "UPDATE rounds SET question_json = $1, key_fixed_at = $2 WHERE id = $3 AND kind = 'channel' AND status = 'revealed'",
      [JSON.stringify(question), at.toISOString(), roundId],
    );
    return n === 1;
  }

  /** Stores an answer's grade again after its round's key was corrected. */
  async regrade(answerId: number, rightParts: number, totalParts: number, correct: boolean): Promise<void> {
    await this.db.run("UPDATE answers SET right_parts = $1, total_parts = $2, correct = $3 WHERE id = $4", [
      rightParts,
      totalParts,
      correct ? 1 : 0,
      answerId,
    ]);
  }

  /** Voids a revealed channel round: closed, no points, never revealed again; false when it is not one. */
  async voidRevealed(roundId: number, at: Date, by: string): Promise<boolean> {
    const n = await this.db.run(
      "UPDATE rounds SET status = 'closed', voided_at = $1, voided_by = $2 WHERE id = $3 AND kind = 'channel' AND status = 'revealed'",
      [at.toISOString(), by, roundId],
    );
    return n === 1;
  }

  /** Marks a closed round revealed; false when it was not closed. */
  async markRevealed(roundId: number, at: Date): Promise<boolean> {
    const n = await this.db.run(
      "UPDATE rounds SET status = 'revealed', revealed_at = $1 WHERE id = $2 AND status = 'closed' AND voided_at IS NULL",
      [at.toISOString(), roundId],
    );
    return n === 1;
  }

  /**
   * Records an answer while the round is open and the person has not answered; returns the answer that
   * stands, or null when the round had closed (the check and the insert are one statement).
   */
  async recordAnswer(a: NewAnswer): Promise<RecordedAnswer> {
    // FOR SHARE holds the round's row until the answer commits: a close from another replica waits for it,
    // and an answer that meets a close under way waits and sees the round closed. Without it an answer could
    // commit after the reveal read the answers, stored but never scored.
    const row = await this.db.one<{ id: number }>(
      "WITH open_round AS (SELECT id FROM rounds WHERE id = $1 AND status = 'open' AND (closes_at IS NULL OR closes_at > $8) FOR SHARE) " +
        "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
        "SELECT id, $2, $3, $4, $5::integer, $6::integer, $7::integer, $8 FROM open_round ON CONFLICT (round_id, user_id) DO NOTHING RETURNING id",
      answerValues(a),
    );
    if (row) {
      // The row just written is the one that stands: no need to read it back.
      return { stored: true, answer: storedAnswer(row.id, a) };
    }
    return { stored: false, answer: (await this.answerOf(a.roundId, a.userId)) ?? null };
  }

  /** A person's answer to a round, if they gave one. */
  async answerOf(roundId: number, userId: string): Promise<AnswerRow | undefined> {
    const raw = await this.db.one<RawAnswer>("SELECT * FROM answers WHERE round_id = $1 AND user_id = $2", [
      roundId,
      userId,
    ]);
    return raw ? toAnswer(raw) : undefined;
  }

  /** Every answer of a round, earliest first. */
  async answers(roundId: number): Promise<AnswerRow[]> {
    const rows = await this.db.rows<RawAnswer>(
      "SELECT * FROM answers WHERE round_id = $1 ORDER BY answered_at, id",
      [roundId],
    );
    return rows.map(toAnswer);
  }

  /** How many people answered a round. */
  async answerCount(roundId: number): Promise<number> {
    const row = await this.db.one<{ n: number }>("SELECT COUNT(*) AS n FROM answers WHERE round_id = $1", [
      roundId,
    ]);
    return row?.n ?? 0;
  }

  /** Stores the points an answer earned at the reveal. */
  async setPoints(answerId: number, base: number, streak: number, speed: number): Promise<void> {
    await this.db.run(
      "UPDATE answers SET base_points = $1, streak_bonus = $2, speed_bonus = $3 WHERE id = $4",
      [base, streak, speed, answerId],
    );
  }

  /** How often each question was asked, and the latest first, in a channel (or to one person privately). */
  async history(
    channel: ChannelRef,
    kind: "channel" | "private",
    player: string | null,
    recentLimit: number,
  ): Promise<{ counts: Map<string, number>; recent: string[] }> {
    const where =
      "WHERE platform = $1 AND workspace = $2 AND channel = $3 AND kind = $4 AND player IS NOT DISTINCT FROM $5 AND voided_at IS NULL";
    const args = [channel.platform, channel.workspaceId, channel.channelId, kind, player];
    const counted = await this.db.rows<{ id: string; n: number }>(
      `SELECT question_id AS id, COUNT(*) AS n FROM rounds ${where} GROUP BY question_id`,
      args,
    );
    const recent = await this.db.rows<{ id: string }>(
      `SELECT question_id AS id FROM rounds ${where} ORDER BY rounds.id DESC LIMIT $6`,
      [...args, recentLimit],
    );
    return { counts: new Map(counted.map((r) => [r.id, r.n] as const)), recent: recent.map((r) => r.id) };
  }

  /** Channel rounds revealed in the database whose reveal never reached the channel. */
  async revealedUnannounced(): Promise<RoundRow[]> {
    const rows = await this.db.rows<RawRound>(
      `${SELECT_ROUND} WHERE status = 'revealed' AND kind = 'channel' AND reveal_announced_at IS NULL ORDER BY id`,
    );
    return rows.map(parsed);
  }

  /** Records that a round's reveal reached its channel. */
  async markRevealAnnounced(roundId: number, at: Date): Promise<void> {
    await this.db.run("UPDATE rounds SET reveal_announced_at = $1 WHERE id = $2", [
      at.toISOString(),
      roundId,
    ]);
  }

  /** When a round's reveal reached its channel, or null. */
  async revealAnnouncedAt(roundId: number): Promise<Date | null> {
    const row = await this.db.one<{ at: string | null }>(
      "SELECT reveal_announced_at AS at FROM rounds WHERE id = $1",
      [roundId],
    );
    return row?.at ? new Date(row.at) : null;
  }

  /** Open channel rounds whose closing time has come. */
  async dueToClose(now: Date): Promise<RoundRow[]> {
    const rows = await this.db.rows<RawRound>(
      `${SELECT_ROUND} WHERE kind = 'channel' AND status = 'open' AND closes_at IS NOT NULL AND closes_at <= $1 ORDER BY id`,
      [now.toISOString()],
    );
    return rows.map(parsed);
  }

  /** Rounds closed but not yet revealed (a reveal interrupted by a crash). */
  async closedUnrevealed(): Promise<RoundRow[]> {
    const rows = await this.db.rows<RawRound>(
      `${SELECT_ROUND} WHERE status = 'closed' AND voided_at IS NULL ORDER BY id`,
    );
    return rows.map(parsed);
  }
}

/** A stored round with its question parsed. */
function parsed(raw: RawRound): RoundRow {
  return toRound(raw, JSON.parse(raw.question_json) as Question);
}

function roundOf(raw: RawRound | undefined): RoundRow | undefined {
  return raw ? parsed(raw) : undefined;
}
