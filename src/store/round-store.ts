import type Database from "better-sqlite3";
import type { ChannelRef, Platform } from "../domain/channel.js";
import { ChannelRoundOpen } from "../domain/failure.js";
import type { Question } from "../domain/question.js";
import { RecentMap } from "../domain/recent-map.js";
import type { AnswerRow, NewAnswer, NewRound, RoundRow } from "../domain/round.js";
import type { RecordedAnswer, RoundStore } from "../ports/round-store.js";
import type { Db } from "./database.js";
import { isUniqueViolation } from "./database-errors.js";
import {
  answerValues,
  type RawAnswer,
  type RawRound,
  type RawRoundHead,
  ROUND_COLUMNS,
  ROUND_HEAD_COLUMNS,
  roundValues,
  storedAnswer,
  toAnswer,
  toRound,
} from "./round-rows.js";
import type { Sync } from "./sqlite-gate.js";

/** How many rounds keep their parsed question: far more than are ever open at once. */
const PARSED_QUESTIONS = 256;

/** Rounds and answers in SQLite. */
export class SqliteRoundStore implements Sync<RoundStore> {
  private readonly q;
  /**
   * Parsed questions by round id, least recently read first. A round's question never changes once stored,
   * and every answer reads its round: reading and parsing the question each time cost more than the rest.
   */
  private readonly questions = new RecentMap<number, Question>(PARSED_QUESTIONS);

  constructor(private readonly db: Db) {
    this.q = {
      insertRound: db.prepare(
        "INSERT INTO rounds (platform, workspace, channel, kind, player, question_id, question_json, choice_order, status, speed_bonus, competition_id, opened_at, closes_at) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
      ),
      insertCell: db.prepare(
        "INSERT OR IGNORE INTO round_cells (round_id, service_id, area_id) VALUES (?, ?, ?)",
      ),
      round: db.prepare(`SELECT ${ROUND_HEAD_COLUMNS} FROM rounds WHERE id = ?`),
      questionJson: db.prepare("SELECT question_json FROM rounds WHERE id = ?").pluck(),
      openChannelRound: db.prepare(
        `SELECT ${ROUND_COLUMNS} FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = 'channel' AND status = 'open'`,
      ),
      openPrivateRound: db.prepare(
        `SELECT ${ROUND_COLUMNS} FROM rounds WHERE platform = ? AND workspace = ? AND player = ? AND kind = 'private' AND status = 'open' ORDER BY id DESC LIMIT 1`,
      ),
      setMessage: db.prepare("UPDATE rounds SET message_ref = ? WHERE id = ?"),
      close: db.prepare(
        "UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ? AND status = 'open'",
      ),
      void: db.prepare(
        "UPDATE rounds SET status = 'closed', closed_at = ?, voided_at = ?, voided_by = ? WHERE id = ? AND status = 'open'",
      ),
      markRevealed: db.prepare(
        "UPDATE rounds SET status = 'revealed', revealed_at = ? WHERE id = ? AND status = 'closed' AND voided_at IS NULL",
      ),
      // The round must still be open, in the same statement as the insert: a reveal by another process between
      // a separate check and the insert would leave a confirmed answer stored after the scoring, unscored.
      insertAnswer: db.prepare(
        "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
          "SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM rounds WHERE id = ? AND status = 'open' AND (closes_at IS NULL OR closes_at > ?)) " +
          "ON CONFLICT (round_id, user_id) DO NOTHING",
      ),
      answer: db.prepare("SELECT * FROM answers WHERE round_id = ? AND user_id = ?"),
      answers: db.prepare("SELECT * FROM answers WHERE round_id = ? ORDER BY answered_at, id"),
      countAnswers: db.prepare("SELECT COUNT(*) AS n FROM answers WHERE round_id = ?"),
      setPoints: db.prepare(
        "UPDATE answers SET base_points = ?, streak_bonus = ?, speed_bonus = ? WHERE id = ?",
      ),
      askedCounts: db.prepare(
        "SELECT question_id AS id, COUNT(*) AS n FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = ? AND (player IS ? OR player = ?) AND voided_at IS NULL GROUP BY question_id",
      ),
      recent: db.prepare(
        "SELECT question_id AS id FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = ? AND (player IS ? OR player = ?) AND voided_at IS NULL ORDER BY rounds.id DESC LIMIT ?",
      ),
      dueToClose: db.prepare(
        `SELECT ${ROUND_COLUMNS} FROM rounds WHERE kind = 'channel' AND status = 'open' AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY id`,
      ),
      closedUnrevealed: db.prepare(
        `SELECT ${ROUND_COLUMNS} FROM rounds WHERE status = 'closed' AND voided_at IS NULL ORDER BY id`,
      ),
      revealedUnannounced: db.prepare(
        `SELECT ${ROUND_COLUMNS} FROM rounds WHERE status = 'revealed' AND kind = 'channel' AND reveal_announced_at IS NULL ORDER BY id`,
      ),
      fixKey: db.prepare(
        "UPDATE rounds SET question_json = ?, key_fixed_at = ? WHERE id = ? AND kind = 'channel' AND status = 'revealed'",
      ),
      regrade: db.prepare("UPDATE answers SET right_parts = ?, total_parts = ?, correct = ? WHERE id = ?"),
      voidRevealed: db.prepare(
        "UPDATE rounds SET status = 'closed', voided_at = ?, voided_by = ? WHERE id = ? AND kind = 'channel' AND status = 'revealed'",
      ),
      markAnnounced: db.prepare("UPDATE rounds SET reveal_announced_at = ? WHERE id = ?"),
      announcedAt: db.prepare("SELECT reveal_announced_at FROM rounds WHERE id = ?").pluck(),
    };
  }

  /** One transaction of this store's own statements (a savepoint inside a running one). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Stores a new open round with its cells; throws on a second open round in one channel. */
  open(r: NewRound): number {
    return this.transaction(() => {
      const info = this.insertRound(r);
      const id = Number(info.lastInsertRowid);
      for (const c of r.question.cells) this.q.insertCell.run(id, c.service, c.area);
      return id;
    });
  }

  /** The round's row; a second open round where one is open is refused by the unique index, by its code. */
  private insertRound(r: NewRound): Database.RunResult {
    try {
      return this.q.insertRound.run(...roundValues(r));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ChannelRoundOpen({ cause: error });
      throw error;
    }
  }

  /** The round with this id. */
  get(id: number): RoundRow | undefined {
    const raw = this.q.round.get(id) as RawRoundHead | undefined;
    return raw ? this.roundOf(raw) : undefined;
  }

  /** A stored round as the engine sees it, its question parsed once per round. */
  private roundOf(raw: RawRoundHead & { question_json?: string }): RoundRow {
    let question = this.questions.get(raw.id);
    if (!question) {
      question = JSON.parse(raw.question_json ?? (this.q.questionJson.get(raw.id) as string)) as Question;
      this.questions.set(raw.id, question);
    }
    return toRound(raw, question);
  }

  /** The channel's open round, if any. */
  openInChannel(channel: ChannelRef): RoundRow | undefined {
    const raw = this.q.openChannelRound.get(channel.platform, channel.workspaceId, channel.channelId) as
      | RawRound
      | undefined;
    return raw ? this.roundOf(raw) : undefined;
  }

  /** A person's open private round, if any. */
  openForPlayer(platform: Platform, workspaceId: string, player: string): RoundRow | undefined {
    const raw = this.q.openPrivateRound.get(platform, workspaceId, player) as RawRound | undefined;
    return raw ? this.roundOf(raw) : undefined;
  }

  /** Remembers the platform's message of a round. */
  setMessageRef(roundId: number, ref: string): void {
    this.q.setMessage.run(ref, roundId);
  }

  /** Closes an open round; false when it was not open. */
  close(roundId: number, at: Date): boolean {
    return this.q.close.run(at.toISOString(), roundId).changes === 1;
  }

  /** Closes an open round as withdrawn (no points, never revealed); false when it was not open. */
  void(roundId: number, at: Date, by: string): boolean {
    const when = at.toISOString();
    return this.q.void.run(when, when, by, roundId).changes === 1;
  }

  /** Replaces a revealed channel round's question with one whose answer key is corrected; false when it is not one. */
  fixKey(roundId: number, question: Question, at: Date): boolean {
    const changed = this.q.fixKey.run(JSON.stringify(question), at.toISOString(), roundId).changes === 1;
    if (changed) this.questions.set(roundId, question);
    return changed;
  }

  /** Stores an answer's grade again after its round's key was corrected. */
  regrade(answerId: number, rightParts: number, totalParts: number, correct: boolean): void {
    this.q.regrade.run(rightParts, totalParts, correct ? 1 : 0, answerId);
  }

  /** Voids a revealed channel round: closed, no points, never revealed again; false when it is not one. */
  voidRevealed(roundId: number, at: Date, by: string): boolean {
    return this.q.voidRevealed.run(at.toISOString(), by, roundId).changes === 1;
  }

  /** Marks a closed round revealed; false when it was not closed. */
  markRevealed(roundId: number, at: Date): boolean {
    return this.q.markRevealed.run(at.toISOString(), roundId).changes === 1;
  }

  /**
   * Records an answer while the round is open and the person has not answered; returns the answer that
   * stands, or null when the round had closed (the check and the insert are one statement).
   */
  recordAnswer(a: NewAnswer): RecordedAnswer {
    const at = a.answeredAt.toISOString();
    const info = this.q.insertAnswer.run(...answerValues(a), a.roundId, at);
    if (info.changes === 1) {
      // The row just written is the one that stands: no need to read it back.
      return { stored: true, answer: storedAnswer(Number(info.lastInsertRowid), a) };
    }
    const raw = this.q.answer.get(a.roundId, a.userId) as RawAnswer | undefined;
    return { stored: false, answer: raw ? toAnswer(raw) : null };
  }

  /** A person's answer to a round, if they gave one. */
  answerOf(roundId: number, userId: string): AnswerRow | undefined {
    const raw = this.q.answer.get(roundId, userId) as RawAnswer | undefined;
    return raw ? toAnswer(raw) : undefined;
  }

  /** Every answer of a round, earliest first. */
  answers(roundId: number): AnswerRow[] {
    return (this.q.answers.all(roundId) as RawAnswer[]).map(toAnswer);
  }

  /** How many people answered a round. */
  answerCount(roundId: number): number {
    return (this.q.countAnswers.get(roundId) as { n: number }).n;
  }

  /** Stores the points an answer earned at the reveal. */
  setPoints(answerId: number, base: number, streak: number, speed: number): void {
    this.q.setPoints.run(base, streak, speed, answerId);
  }

  /** How often each question was asked, and the latest first, in a channel (or to one person privately). */
  history(
    channel: ChannelRef,
    kind: "channel" | "private",
    player: string | null,
    recentLimit: number,
  ): { counts: Map<string, number>; recent: string[] } {
    const args = [channel.platform, channel.workspaceId, channel.channelId, kind, player, player] as const;
    const counts = new Map(
      (this.q.askedCounts.all(...args) as { id: string; n: number }[]).map((r) => [r.id, r.n] as const),
    );
    const recent = (this.q.recent.all(...args, recentLimit) as { id: string }[]).map((r) => r.id);
    return { counts, recent };
  }

  /** Channel rounds revealed in the database whose reveal never reached the channel. */
  revealedUnannounced(): RoundRow[] {
    return (this.q.revealedUnannounced.all() as RawRound[]).map((r) => this.roundOf(r));
  }

  /** Records that a round's reveal reached its channel. */
  markRevealAnnounced(roundId: number, at: Date): void {
    this.q.markAnnounced.run(at.toISOString(), roundId);
  }

  /** When a round's reveal reached its channel, or null. */
  revealAnnouncedAt(roundId: number): Date | null {
    const at = this.q.announcedAt.get(roundId) as string | null | undefined;
    return at ? new Date(at) : null;
  }

  /** Open channel rounds whose closing time has come. */
  dueToClose(now: Date): RoundRow[] {
    return (this.q.dueToClose.all(now.toISOString()) as RawRound[]).map((r) => this.roundOf(r));
  }

  /** Rounds closed but not yet revealed (a reveal interrupted by a crash). */
  closedUnrevealed(): RoundRow[] {
    return (this.q.closedUnrevealed.all() as RawRound[]).map((r) => this.roundOf(r));
  }
}
