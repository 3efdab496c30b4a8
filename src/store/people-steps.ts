import { createHash } from "node:crypto";
import type { Platform } from "../domain/channel.js";
import { isOwnWorkspace } from "../domain/people.js";
import type { Person } from "../domain/practice.js";
import { FORGOTTEN } from "../ports/people-data.js";

/**
 * The statements that forget a person or purge a workspace, written once for both engines (`?` placeholders;
 * PostgreSQL numbers them). Each step names what it counts: a table for deleted rows, `table.column` for rows
 * whose admin id was replaced. Children go before their parents, so foreign keys hold at every step.
 */
export interface Step {
  readonly counts: string;
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A step list's SQL with PostgreSQL's numbered placeholders. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * The key a person's ask to be forgotten is kept under, in delivery_keys (kept ten minutes, then purged with the
 * other keys): a digest, so that table never holds a person's id.
 */
export function forgetAskKey(who: Person): string {
  const digest = createHash("sha256").update(`${who.platform}\0${who.workspaceId}\0${who.userId}`);
  return `forget:${digest.digest("hex")}`;
}

const PRIVATE_ROUNDS =
  "SELECT id FROM rounds WHERE platform = ? AND workspace = ? AND kind = 'private' AND player = ?";
const OWN = "platform = ? AND workspace = ? AND user_id = ?";

/** Everything of one person in one workspace, then their id off what they did for everyone. */
export function forgetSteps(who: Person): Step[] {
  if (isOwnWorkspace(who)) return purgeSteps(who.platform, who.workspaceId);
  const me = [who.platform, who.workspaceId, who.userId];
  const ws = [who.platform, who.workspaceId];
  const own = (table: string): Step => ({
    counts: table,
    sql: `DELETE FROM ${table} WHERE ${OWN}`,
    params: me,
  });
  const anonymise = (table: string, column: string): Step => ({
    counts: `${table}.${column}`,
    sql: `UPDATE ${table} SET ${column} = ? WHERE platform = ? AND workspace = ? AND ${column} = ?`,
    params: [FORGOTTEN, ...me],
  });
  return [
    {
      counts: "practice_reviews",
      sql: `DELETE FROM practice_reviews WHERE card_id IN (SELECT id FROM practice_cards WHERE ${OWN}) OR round_id IN (${PRIVATE_ROUNDS})`,
      params: [...me, ...me],
    },
    own("practice_sessions"),
    own("practice_prefs"),
    own("practice_cards"),
    {
      counts: "exam_answers",
      sql: `DELETE FROM exam_answers WHERE exam_id IN (SELECT id FROM exams WHERE ${OWN}) OR round_id IN (${PRIVATE_ROUNDS})`,
      params: [...me, ...me],
    },
    own("exams"),
    {
      counts: "question_flags",
      sql: `DELETE FROM question_flags WHERE (${OWN}) OR round_id IN (${PRIVATE_ROUNDS})`,
      params: [...me, ...me],
    },
    {
      counts: "answers",
      sql: "DELETE FROM answers WHERE user_id = ? AND round_id IN (SELECT id FROM rounds WHERE platform = ? AND workspace = ?)",
      params: [who.userId, ...ws],
    },
    {
      counts: "round_cells",
      sql: `DELETE FROM round_cells WHERE round_id IN (${PRIVATE_ROUNDS})`,
      params: me,
    },
    {
      counts: "daily_runs.round_id",
      sql: `UPDATE daily_runs SET round_id = NULL WHERE round_id IN (${PRIVATE_ROUNDS})`,
      params: me,
    },
    {
      counts: "rounds",
      sql: "DELETE FROM rounds WHERE platform = ? AND workspace = ? AND kind = 'private' AND player = ?",
      params: me,
    },
    own("scores"),
    own("streaks"),
    anonymise("rounds", "voided_by"),
    anonymise("competitions", "started_by"),
    anonymise("daily_schedules", "updated_by"),
    anonymise("question_flags", "resolved_by"),
    ...slackInstaller(who.platform, who.workspaceId, who.userId),
  ];
}

/**
 * A Slack installation keeps who installed it; forgetting that person (or purging the workspace) takes the id off
 * the workspace's own installation and its org's. The installation itself stays: it is the workspace's, not theirs.
 */
function slackInstaller(platform: Platform, workspace: string, userId: string | null): Step[] {
  if (platform !== "slack") return [];
  const org = "SELECT enterprise_id FROM slack_org_workspaces WHERE team_id = ?";
  return [
    {
      counts: "slack_installations.installer_user_id",
      sql:
        "UPDATE slack_installations SET installer_user_id = NULL WHERE (team_id = ? OR (team_id = '' AND enterprise_id IN " +
        `(${org}))) AND ${userId === null ? "installer_user_id IS NOT NULL" : "installer_user_id = ?"}`,
      params: userId === null ? [workspace, workspace] : [workspace, workspace, userId],
    },
  ];
}

const WS = "platform = ? AND workspace = ?";
const WS_ROUNDS = `SELECT id FROM rounds WHERE ${WS}`;

/** Every row of one workspace's study data. */
export function purgeSteps(platform: Platform, workspace: string): Step[] {
  const ws = [platform, workspace];
  const all = (table: string): Step => ({
    counts: table,
    sql: `DELETE FROM ${table} WHERE ${WS}`,
    params: ws,
  });
  return [
    {
      counts: "practice_reviews",
      sql: `DELETE FROM practice_reviews WHERE card_id IN (SELECT id FROM practice_cards WHERE ${WS}) OR round_id IN (${WS_ROUNDS})`,
      params: [...ws, ...ws],
    },
    all("practice_sessions"),
    all("practice_prefs"),
    all("practice_cards"),
    all("practice_digests"),
    {
      counts: "exam_answers",
      sql: `DELETE FROM exam_answers WHERE exam_id IN (SELECT id FROM exams WHERE ${WS}) OR round_id IN (${WS_ROUNDS})`,
      params: [...ws, ...ws],
    },
    all("exams"),
    {
      counts: "question_flags",
      sql: `DELETE FROM question_flags WHERE (${WS}) OR round_id IN (${WS_ROUNDS})`,
      params: [...ws, ...ws],
    },
    { counts: "answers", sql: `DELETE FROM answers WHERE round_id IN (${WS_ROUNDS})`, params: ws },
    { counts: "round_cells", sql: `DELETE FROM round_cells WHERE round_id IN (${WS_ROUNDS})`, params: ws },
    {
      counts: "daily_runs",
      sql: `DELETE FROM daily_runs WHERE (${WS}) OR round_id IN (${WS_ROUNDS})`,
      params: [...ws, ...ws],
    },
    all("daily_skips"),
    all("daily_schedules"),
    all("rounds"),
    all("competitions"),
    all("scores"),
    all("streaks"),
    all("channel_settings"),
    all("channel_pauses"),
    all("lookups"),
    ...slackInstaller(platform, workspace, null),
  ];
}

/** The counts worth telling: tables where something changed. */
export function changed(counts: Iterable<[string, number]>): Record<string, number> {
  return Object.fromEntries([...counts].filter(([, n]) => n > 0));
}
