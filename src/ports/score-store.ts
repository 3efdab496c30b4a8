import type { Platform } from "../domain/channel.js";
import type { CellAccuracy, PersonTotals, ScoreRow, StreakRow } from "../domain/score.js";

/** Leaderboard periods, streaks and personal stats, stored. */
export interface ScoreStore {
  /** Adds one revealed answer's points to a period. */
  addToPeriod(
    platform: Platform,
    workspace: string,
    period: string,
    userId: string,
    displayName: string,
    points: number,
    correct: boolean,
  ): Promise<void>;
  /** The top rows of a period, most points first. */
  top(platform: Platform, workspace: string, period: string, limit: number): Promise<ScoreRow[]>;
  /** One person's row in a period. */
  row(platform: Platform, workspace: string, period: string, userId: string): Promise<ScoreRow | undefined>;
  /** A person's rank by points: one more than the number with more points (ties share a rank). */
  rankOf(platform: Platform, workspace: string, period: string, points: number): Promise<number>;
  /** How many people have points in a period. */
  people(platform: Platform, workspace: string, period: string): Promise<number>;
  /** The top rows of a period by accuracy, among those with at least `minAnswers`. */
  topByAccuracy(
    platform: Platform,
    workspace: string,
    period: string,
    minAnswers: number,
    limit: number,
  ): Promise<ScoreRow[]>;
  /** A person's streak in a channel. */
  streak(
    platform: Platform,
    workspace: string,
    channel: string,
    userId: string,
  ): Promise<StreakRow | undefined>;
  /** Stores a person's streak in a channel. */
  putStreak(
    platform: Platform,
    workspace: string,
    channel: string,
    userId: string,
    s: StreakRow,
  ): Promise<void>;
  /** Ends the streak of everyone in the channel who did not answer round `roundId` correctly. */
  breakStreaksBefore(platform: Platform, workspace: string, channel: string, roundId: number): Promise<void>;
  /** A person's current and best streak over the workspace's channels. */
  streaksOf(
    platform: Platform,
    workspace: string,
    userId: string,
  ): Promise<{
    current: number;
    best: number;
  }>;
  /** A person's answered and correct counts over revealed rounds. */
  totals(platform: Platform, workspace: string, userId: string): Promise<PersonTotals>;
  /** A person's accuracy per service and per area. */
  accuracy(
    platform: Platform,
    workspace: string,
    userId: string,
  ): Promise<{
    services: CellAccuracy[];
    areas: CellAccuracy[];
  }>;
  /** A person by id or display name among those who have scored in the workspace. */
  findPerson(
    platform: Platform,
    workspace: string,
    nameOrId: string,
  ): Promise<
    | {
        userId: string;
        displayName: string;
      }
    | undefined
  >;
}
