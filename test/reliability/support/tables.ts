import { expect } from "vitest";
import type { Db } from "../../../src/store/database.js";
import { scoreDifferences } from "../../../src/store/recompute.js";

/**
 * Every row of every table, each table's rows sorted: equal dumps mean the data was left exactly as it was.
 * The delivery keys are left out: every request Slack delivers is recorded there, refused or not.
 */
export function dumpTables(db: Db): Record<string, string[]> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'delivery_keys' ORDER BY name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort(),
    ]),
  );
}

/** Who may own an answer to a round: true when `userId` acted from that platform and workspace. */
export type Membership = (platform: string, workspace: string, userId: string) => boolean;

/** What is wrong with the scores and answers, as readable lines; empty when everything is sound. */
export function unsoundness(db: Db, member: Membership): string[] {
  const rows = db
    .prepare(
      "SELECT a.id, a.user_id, r.id AS round, r.platform, r.workspace FROM answers a JOIN rounds r ON r.id = a.round_id",
    )
    .all() as { id: number; user_id: string; round: number; platform: string; workspace: string }[];
  const foreign = rows
    .filter((a) => !member(a.platform, a.workspace, a.user_id))
    .map((a) => `answer ${a.id}: ${a.user_id} answered round ${a.round} of ${a.platform}/${a.workspace}`);
  return [...scoreDifferences(db).map((k) => `score differs from the answers: ${k}`), ...foreign];
}

/** The admin set-up a refusal test starts from is really there: a schedule, a competition, settings, a round. */
export function expectSetUp(dump: Record<string, string[]>): void {
  expect(dump.daily_schedules).toHaveLength(1);
  expect(dump.competitions).toHaveLength(1);
  expect(dump.channel_settings).toHaveLength(1);
  expect(dump.rounds?.some((r) => r.includes('"status":"open"'))).toBe(true);
}
