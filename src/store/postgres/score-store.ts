import type { Platform } from "../../domain/channel.js";
import type { CellAccuracy, PersonTotals, ScoreRow, StreakRow } from "../../domain/score.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { PgDb } from "./db.js";

const SCORE_COLUMNS =
  'user_id AS "userId", display_name AS "displayName", points, answered, correct FROM scores';

// Ties are broken by user id in byte order (COLLATE "C"), as SQLite compares text, whatever the database's
// locale. Nothing is cached here: another replica's answer changes the ranking at any moment.

/** Leaderboard periods, streaks and personal stats in PostgreSQL. */
export class PgScoreStore implements ScoreStore {
  constructor(private readonly db: PgDb) {}

  /** Adds one revealed answer's points to a period. */
  async addToPeriod(
    platform: Platform,
    workspace: string,
    period: string,
    userId: string,
    displayName: string,
    points: number,
    correct: boolean,
  ): Promise<void> {
    await this.db.run(
      "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) VALUES ($1, $2, $3, $4, $5, $6, 1, $7) " +
        "ON CONFLICT (platform, workspace, period, user_id) DO UPDATE SET points = scores.points + excluded.points, " +
        "answered = scores.answered + 1, correct = scores.correct + excluded.correct, display_name = excluded.display_name",
      [platform, workspace, period, userId, displayName, points, correct ? 1 : 0],
    );
  }

  /** The top rows of a period, most points first. */
  async top(platform: Platform, workspace: string, period: string, limit: number): Promise<ScoreRow[]> {
    return this.db.rows<ScoreRow>(
      `SELECT ${SCORE_COLUMNS} WHERE platform = $1 AND workspace = $2 AND period = $3 ORDER BY points DESC, user_id COLLATE "C" LIMIT $4`,
      [platform, workspace, period, limit],
    );
  }

  /** One person's row in a period. */
  async row(
    platform: Platform,
    workspace: string,
    period: string,
    userId: string,
  ): Promise<ScoreRow | undefined> {
    return this.db.one<ScoreRow>(
      `SELECT ${SCORE_COLUMNS} WHERE platform = $1 AND workspace = $2 AND period = $3 AND user_id = $4`,
      [platform, workspace, period, userId],
    );
  }

  /** A person's rank by points: one more than the number with more points (ties share a rank). */
  async rankOf(platform: Platform, workspace: string, period: string, points: number): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      "SELECT COUNT(*) AS n FROM scores WHERE platform = $1 AND workspace = $2 AND period = $3 AND points > $4",
      [platform, workspace, period, points],
    );
    return (row?.n ?? 0) + 1;
  }

  /** How many people have points in a period. */
  async people(platform: Platform, workspace: string, period: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      "SELECT COUNT(*) AS n FROM scores WHERE platform = $1 AND workspace = $2 AND period = $3",
      [platform, workspace, period],
    );
    return row?.n ?? 0;
  }

  /** The top rows of a period by accuracy, among those with at least `minAnswers`. */
  async topByAccuracy(
    platform: Platform,
    workspace: string,
    period: string,
    minAnswers: number,
    limit: number,
  ): Promise<ScoreRow[]> {
    // SQLite divides by zero to NULL and sorts NULL last when descending; PostgreSQL would fail and sort it first.
    return this.db.rows<ScoreRow>(
      `SELECT ${SCORE_COLUMNS} WHERE platform = $1 AND workspace = $2 AND period = $3 AND answered >= $4 ` +
        'ORDER BY correct::float8 / NULLIF(answered, 0) DESC NULLS LAST, answered DESC, user_id COLLATE "C" LIMIT $5',
      [platform, workspace, period, minAnswers, limit],
    );
  }

  /** A person's streak in a channel. */
  async streak(
    platform: Platform,
    workspace: string,
    channel: string,
    userId: string,
  ): Promise<StreakRow | undefined> {
    return this.db.one<StreakRow>(
      'SELECT current, best, last_round_id AS "lastRoundId" FROM streaks WHERE platform = $1 AND workspace = $2 AND channel = $3 AND user_id = $4',
      [platform, workspace, channel, userId],
    );
  }

  /** Stores a person's streak in a channel. */
  async putStreak(
    platform: Platform,
    workspace: string,
    channel: string,
    userId: string,
    s: StreakRow,
  ): Promise<void> {
    await this.db.run(
      "INSERT INTO streaks (platform, workspace, channel, user_id, current, best, last_round_id) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
        "ON CONFLICT (platform, workspace, channel, user_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_round_id = excluded.last_round_id",
      [platform, workspace, channel, userId, s.current, s.best, s.lastRoundId],
    );
  }

  /** Ends the streak of everyone in the channel who did not answer round `roundId` correctly. */
  async breakStreaksBefore(
    platform: Platform,
    workspace: string,
    channel: string,
    roundId: number,
  ): Promise<void> {
    await this.db.run(
      "UPDATE streaks SET current = 0 WHERE platform = $1 AND workspace = $2 AND channel = $3 AND current > 0 AND last_round_id < $4",
      [platform, workspace, channel, roundId],
    );
  }

  /** A person's current and best streak over the workspace's channels. */
  async streaksOf(
    platform: Platform,
    workspace: string,
    userId: string,
  ): Promise<{ current: number; best: number }> {
    const row = await this.db.one<{ current: number; best: number }>(
      "SELECT COALESCE(MAX(current), 0) AS current, COALESCE(MAX(best), 0) AS best FROM streaks WHERE platform = $1 AND workspace = $2 AND user_id = $3",
      [platform, workspace, userId],
    );
    return row ?? { current: 0, best: 0 };
  }

  /** A person's answered and correct counts over revealed rounds. */
  async totals(platform: Platform, workspace: string, userId: string): Promise<PersonTotals> {
    const row = await this.db.one<PersonTotals>(
      "SELECT COUNT(*) AS answered, COALESCE(SUM(a.correct), 0) AS correct FROM answers a JOIN rounds r ON r.id = a.round_id " +
        "WHERE a.user_id = $1 AND r.platform = $2 AND r.workspace = $3 AND r.status = 'revealed'",
      [userId, platform, workspace],
    );
    return row ?? { answered: 0, correct: 0 };
  }

  /** A person's accuracy per service and per area. */
  async accuracy(
    platform: Platform,
    workspace: string,
    userId: string,
  ): Promise<{ services: CellAccuracy[]; areas: CellAccuracy[] }> {
    const args = [userId, platform, workspace];
    return {
      services: await this.db.rows<CellAccuracy>(byCell("service_id"), args),
      areas: await this.db.rows<CellAccuracy>(byCell("area_id"), args),
    };
  }

  /** A person by id or display name among those who have scored in the workspace. */
  async findPerson(
    platform: Platform,
    workspace: string,
    nameOrId: string,
  ): Promise<{ userId: string; displayName: string } | undefined> {
    // lower() under the "C" collation folds ASCII letters only: SQLite's NOCASE exactly.
    return this.db.one<{ userId: string; displayName: string }>(
      'SELECT user_id AS "userId", display_name AS "displayName" FROM scores WHERE platform = $1 AND workspace = $2 AND period = \'all\' ' +
        'AND (user_id = $3 OR lower(display_name COLLATE "C") = lower($3 COLLATE "C")) ORDER BY user_id COLLATE "C" LIMIT 1',
      [platform, workspace, nameOrId],
    );
  }
}

/** A person's answered and correct counts on revealed rounds, per service or per area, in id order. */
function byCell(column: "service_id" | "area_id"): string {
  return (
    `SELECT c.${column} AS id, COUNT(*) AS answered, SUM(a.correct) AS correct FROM answers a ` +
    "JOIN rounds r ON r.id = a.round_id JOIN round_cells c ON c.round_id = r.id " +
    `WHERE a.user_id = $1 AND r.platform = $2 AND r.workspace = $3 AND r.status = 'revealed' GROUP BY c.${column} ORDER BY c.${column} COLLATE "C"`
  );
}
