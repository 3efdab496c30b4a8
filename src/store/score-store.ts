import type { Platform } from "../domain/channel.js";
import { RecentMap } from "../domain/recent-map.js";
import type { CellAccuracy, PersonTotals, ScoreRow, StreakRow } from "../domain/score.js";
import type { ScoreStore } from "../ports/score-store.js";
import type { Db } from "./database.js";
import { PeriodRanking } from "./period-ranking.js";
import type { Sync } from "./sqlite-gate.js";

/** A period's ranking as last read, and which state of the database it reflects. */
interface KnownRanking {
  readonly ranking: PeriodRanking;
  /** SQLite's data_version when read: it moves when another connection commits. */
  readonly dataVersion: number;
  /** The last of this connection's own score changes it includes. */
  changeId: number;
}

/** This connection's own score changes kept for applying to rankings, newest last: older ones are dropped. */
const CHANGES_KEPT = 10_000;

/** How many periods keep their ranking in memory; a workspace reads a few at a time (week, month, all). */
const RANKINGS = 64;

/** Leaderboard periods, streaks and personal stats in SQLite. */
export class SqliteScoreStore implements Sync<ScoreStore> {
  private readonly q;
  /** The rankings of the periods read most recently. */
  private readonly rankings = new RecentMap<string, KnownRanking>(RANKINGS);

  constructor(private readonly db: Db) {
    // Every write to scores on this connection is recorded in a temporary table (this connection's alone,
    // not part of the database file, and rolled back with the transaction that wrote it), and SQLite's
    // data_version moves when another connection commits: together they say how a ranking read earlier
    // differs from the truth.
    db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS srm_score_changes (id INTEGER PRIMARY KEY, platform TEXT NOT NULL, " +
        "workspace TEXT NOT NULL, period TEXT NOT NULL, before INTEGER, after INTEGER);" +
        "CREATE TEMP TRIGGER IF NOT EXISTS srm_scores_inserted AFTER INSERT ON main.scores BEGIN " +
        "INSERT INTO srm_score_changes (platform, workspace, period, before, after) VALUES (NEW.platform, NEW.workspace, NEW.period, NULL, NEW.points); " +
        `DELETE FROM srm_score_changes WHERE id <= last_insert_rowid() - ${CHANGES_KEPT}; END;` +
        "CREATE TEMP TRIGGER IF NOT EXISTS srm_scores_updated AFTER UPDATE ON main.scores BEGIN " +
        "INSERT INTO srm_score_changes (platform, workspace, period, before, after) VALUES (OLD.platform, OLD.workspace, OLD.period, OLD.points, NULL); " +
        "INSERT INTO srm_score_changes (platform, workspace, period, before, after) VALUES (NEW.platform, NEW.workspace, NEW.period, NULL, NEW.points); " +
        `DELETE FROM srm_score_changes WHERE id <= last_insert_rowid() - ${CHANGES_KEPT}; END;` +
        "CREATE TEMP TRIGGER IF NOT EXISTS srm_scores_deleted AFTER DELETE ON main.scores BEGIN " +
        "INSERT INTO srm_score_changes (platform, workspace, period, before, after) VALUES (OLD.platform, OLD.workspace, OLD.period, OLD.points, NULL); " +
        `DELETE FROM srm_score_changes WHERE id <= last_insert_rowid() - ${CHANGES_KEPT}; END;`,
    );
    this.q = {
      state: db
        .prepare(
          "SELECT (SELECT data_version FROM pragma_data_version), " +
            "COALESCE((SELECT MIN(id) FROM temp.srm_score_changes), 0), " +
            "COALESCE((SELECT MAX(id) FROM temp.srm_score_changes), 0)",
        )
        .raw(),
      changes: db
        .prepare(
          "SELECT before, after FROM temp.srm_score_changes WHERE id > ? AND platform = ? AND workspace = ? AND period = ? ORDER BY id",
        )
        .raw(),
      pointCounts: db
        .prepare(
          "SELECT points, COUNT(*) AS n FROM scores WHERE platform = ? AND workspace = ? AND period = ? " +
            "GROUP BY points ORDER BY points DESC",
        )
        .raw(),
      addScore: db.prepare(
        "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) VALUES (?, ?, ?, ?, ?, ?, 1, ?) " +
          "ON CONFLICT (platform, workspace, period, user_id) DO UPDATE SET points = points + excluded.points, " +
          "answered = answered + 1, correct = correct + excluded.correct, display_name = excluded.display_name",
      ),
      top: db.prepare(
        "SELECT user_id AS userId, display_name AS displayName, points, answered, correct FROM scores " +
          "WHERE platform = ? AND workspace = ? AND period = ? ORDER BY points DESC, user_id LIMIT ?",
      ),
      one: db.prepare(
        "SELECT user_id AS userId, display_name AS displayName, points, answered, correct FROM scores " +
          "WHERE platform = ? AND workspace = ? AND period = ? AND user_id = ?",
      ),
      rankAbove: db.prepare(
        "SELECT COUNT(*) AS n FROM scores WHERE platform = ? AND workspace = ? AND period = ? AND points > ?",
      ),
      people: db.prepare(
        "SELECT COUNT(*) AS n FROM scores WHERE platform = ? AND workspace = ? AND period = ?",
      ),
      byAccuracy: db.prepare(
        "SELECT user_id AS userId, display_name AS displayName, points, answered, correct FROM scores " +
          "WHERE platform = ? AND workspace = ? AND period = ? AND answered >= ? " +
          "ORDER BY CAST(correct AS REAL) / answered DESC, answered DESC, user_id LIMIT ?",
      ),
      streak: db.prepare(
        "SELECT current, best, last_round_id AS lastRoundId FROM streaks WHERE platform = ? AND workspace = ? AND channel = ? AND user_id = ?",
      ),
      putStreak: db.prepare(
        "INSERT INTO streaks (platform, workspace, channel, user_id, current, best, last_round_id) VALUES (?, ?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (platform, workspace, channel, user_id) DO UPDATE SET current = excluded.current, best = excluded.best, last_round_id = excluded.last_round_id",
      ),
      breakStreaks: db.prepare(
        "UPDATE streaks SET current = 0 WHERE platform = ? AND workspace = ? AND channel = ? AND current > 0 AND last_round_id < ?",
      ),
      bestStreaks: db.prepare(
        "SELECT COALESCE(MAX(current), 0) AS current, COALESCE(MAX(best), 0) AS best FROM streaks WHERE platform = ? AND workspace = ? AND user_id = ?",
      ),
      totals: db.prepare(
        "SELECT COUNT(*) AS answered, COALESCE(SUM(a.correct), 0) AS correct FROM answers a JOIN rounds r ON r.id = a.round_id " +
          "WHERE a.user_id = ? AND r.platform = ? AND r.workspace = ? AND r.status = 'revealed'",
      ),
      byService: db.prepare(
        "SELECT c.service_id AS id, COUNT(*) AS answered, SUM(a.correct) AS correct FROM answers a " +
          "JOIN rounds r ON r.id = a.round_id JOIN round_cells c ON c.round_id = r.id " +
          "WHERE a.user_id = ? AND r.platform = ? AND r.workspace = ? AND r.status = 'revealed' GROUP BY c.service_id",
      ),
      byArea: db.prepare(
        "SELECT c.area_id AS id, COUNT(*) AS answered, SUM(a.correct) AS correct FROM answers a " +
          "JOIN rounds r ON r.id = a.round_id JOIN round_cells c ON c.round_id = r.id " +
          "WHERE a.user_id = ? AND r.platform = ? AND r.workspace = ? AND r.status = 'revealed' GROUP BY c.area_id",
      ),
      findUser: db.prepare(
        "SELECT user_id AS userId, display_name AS displayName FROM scores WHERE platform = ? AND workspace = ? AND period = 'all' " +
          "AND (user_id = ? OR display_name = ? COLLATE NOCASE) LIMIT 1",
      ),
    };
  }

  /** Adds one revealed answer's points to a period. */
  addToPeriod(
    platform: Platform,
    workspace: string,
    period: string,
    userId: string,
    displayName: string,
    points: number,
    correct: boolean,
  ): void {
    this.q.addScore.run(platform, workspace, period, userId, displayName, points, correct ? 1 : 0);
  }

  /** The top rows of a period, most points first. */
  top(platform: Platform, workspace: string, period: string, limit: number): ScoreRow[] {
    return this.q.top.all(platform, workspace, period, limit) as ScoreRow[];
  }

  /** One person's row in a period. */
  row(platform: Platform, workspace: string, period: string, userId: string): ScoreRow | undefined {
    return this.q.one.get(platform, workspace, period, userId) as ScoreRow | undefined;
  }

  /** A person's rank by points: one more than the number with more points (ties share a rank). */
  rankOf(platform: Platform, workspace: string, period: string, points: number): number {
    const r = this.ranking(platform, workspace, period);
    return r
      ? r.rankOf(points)
      : (this.q.rankAbove.get(platform, workspace, period, points) as { n: number }).n + 1;
  }

  /** How many people have points in a period. */
  people(platform: Platform, workspace: string, period: string): number {
    const r = this.ranking(platform, workspace, period);
    return r ? r.people : (this.q.people.get(platform, workspace, period) as { n: number }).n;
  }

  /**
   * The period's ranking: counting the people above someone takes SQLite a walk over all of them, a ranking
   * in memory a binary search. It is brought up to date with this connection's own changes since it was
   * read, and read again whole when another connection committed or its changes are no longer all kept.
   * Null inside a transaction, whose writes may yet be rolled back: the caller asks SQLite then.
   */
  private ranking(platform: Platform, workspace: string, period: string): PeriodRanking | null {
    if (this.db.inTransaction) return null;
    const [dataVersion, oldest, newest] = this.q.state.get() as [number, number, number];
    const key = `${platform}\n${workspace}\n${period}`;
    const known = this.rankings.get(key);
    if (known && known.dataVersion === dataVersion && known.changeId >= oldest - 1) {
      if (known.changeId < newest) {
        const rows = this.q.changes.all(known.changeId, platform, workspace, period) as [
          number | null,
          number | null,
        ][];
        known.ranking.apply(rows.map(([before, after]) => ({ before, after })));
        known.changeId = newest;
      }
      return known.ranking;
    }
    const ranking = PeriodRanking.of(
      this.q.pointCounts.all(platform, workspace, period) as [number, number][],
    );
    this.rankings.set(key, { ranking, dataVersion, changeId: newest });
    return ranking;
  }

  /** The top rows of a period by accuracy, among those with at least `minAnswers`. */
  topByAccuracy(
    platform: Platform,
    workspace: string,
    period: string,
    minAnswers: number,
    limit: number,
  ): ScoreRow[] {
    const r = this.ranking(platform, workspace, period);
    const key = `${minAnswers}:${limit}`;
    const known = r?.byAccuracy.get(key);
    if (known) return [...known];
    // Sorting a period by accuracy reads all of it: kept beside the ranking until the scores change.
    const rows = this.q.byAccuracy.all(platform, workspace, period, minAnswers, limit) as ScoreRow[];
    r?.byAccuracy.set(key, rows);
    return [...rows];
  }

  /** A person's streak in a channel. */
  streak(platform: Platform, workspace: string, channel: string, userId: string): StreakRow | undefined {
    return this.q.streak.get(platform, workspace, channel, userId) as StreakRow | undefined;
  }

  /** Stores a person's streak in a channel. */
  putStreak(platform: Platform, workspace: string, channel: string, userId: string, s: StreakRow): void {
    this.q.putStreak.run(platform, workspace, channel, userId, s.current, s.best, s.lastRoundId);
  }

  /** Ends the streak of everyone in the channel who did not answer round `roundId` correctly. */
  breakStreaksBefore(platform: Platform, workspace: string, channel: string, roundId: number): void {
    this.q.breakStreaks.run(platform, workspace, channel, roundId);
  }

  /** A person's current and best streak over the workspace's channels. */
  streaksOf(platform: Platform, workspace: string, userId: string): { current: number; best: number } {
    return this.q.bestStreaks.get(platform, workspace, userId) as { current: number; best: number };
  }

  /** A person's answered and correct counts over revealed rounds. */
  totals(platform: Platform, workspace: string, userId: string): PersonTotals {
    return this.q.totals.get(userId, platform, workspace) as PersonTotals;
  }

  /** A person's accuracy per service and per area. */
  accuracy(
    platform: Platform,
    workspace: string,
    userId: string,
  ): { services: CellAccuracy[]; areas: CellAccuracy[] } {
    return {
      services: this.q.byService.all(userId, platform, workspace) as CellAccuracy[],
      areas: this.q.byArea.all(userId, platform, workspace) as CellAccuracy[],
    };
  }

  /** A person by id or display name among those who have scored in the workspace. */
  findPerson(
    platform: Platform,
    workspace: string,
    nameOrId: string,
  ): { userId: string; displayName: string } | undefined {
    return this.q.findUser.get(platform, workspace, nameOrId, nameOrId) as
      | { userId: string; displayName: string }
      | undefined;
  }
}
