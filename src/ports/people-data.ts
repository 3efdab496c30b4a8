import type { Platform } from "../domain/channel.js";
import type { DeletedRows } from "../domain/people.js";
import type { Person } from "../domain/practice.js";

export type { DeletedRows };

/**
 * What srm-bot stores about people, as one port: a person's request to be forgotten, the forgetting itself,
 * and a whole workspace's purge. Each change is one transaction, so nothing is ever left half-deleted.
 */
export interface PeopleData {
  /** Records that a person asked to be forgotten in their workspace at `at` (a new ask replaces the last). */
  askToForget(who: Person, at: Date): Promise<void>;
  /**
   * Deletes everything stored of the person in their workspace (answers, cards and reviews, practice
   * sessions and settings, exams, flags, streaks, scores, private rounds), takes their id off what they did
   * as an admin, and rescores the workspace so everyone else's scores stay true; all in one transaction,
   * and only when they asked at or after `askedSince` (the ask is used up). Null when there was no such ask.
   */
  forgetPerson(who: Person, askedSince: Date): Promise<DeletedRows | null>;
  /** Deletes every row of one workspace's study data in one transaction; null when it holds none. */
  purgeWorkspace(platform: Platform, workspace: string): Promise<DeletedRows | null>;
}

/** What stands in for a forgotten person's id where a row records who did something for everyone (an admin). */
export const FORGOTTEN = "forgotten";
