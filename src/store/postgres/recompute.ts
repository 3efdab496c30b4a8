import {
  type AnswerRec,
  differingKeys,
  type RoundRec,
  replayScores,
  type ScoreCell,
  type StoredScore,
  storedCells,
} from "../recompute.js";
import type { PgDb } from "./db.js";

/**
 * Replays every revealed channel round from the answers table with the scoring rules, independently of the
 * stored totals: the same cells, keyed "platform|workspace|period|user", as SQLite's `recomputeScores`.
 */
export async function recomputePgScores(db: PgDb): Promise<Map<string, ScoreCell>> {
  const rounds = await db.rows<RoundRec>(
    "SELECT id, platform, workspace, channel, speed_bonus, competition_id, opened_at FROM rounds " +
      "WHERE kind = 'channel' AND status = 'revealed' ORDER BY id",
  );
  // One read for every answer instead of one per round; "C" orders the ISO times byte by byte, as SQLite does.
  const answers = await db.rows<AnswerRec>(
    "SELECT a.round_id, a.user_id, a.display_name, a.right_parts, a.total_parts, a.correct FROM answers a " +
      "JOIN rounds r ON r.id = a.round_id WHERE r.kind = 'channel' AND r.status = 'revealed' " +
      'ORDER BY a.round_id, a.answered_at COLLATE "C", a.id',
  );
  const byRound = new Map<number, AnswerRec[]>();
  for (const a of answers) {
    const list = byRound.get(a.round_id);
    if (list) list.push(a);
    else byRound.set(a.round_id, [a]);
  }
  return replayScores(rounds, (id) => byRound.get(id) ?? []);
}

/** The stored scores in the same shape, for comparing with a recomputation. */
export async function storedPgScores(db: PgDb): Promise<Map<string, ScoreCell>> {
  const rows = await db.rows<StoredScore>(
    "SELECT platform, workspace, period, user_id, points, answered, correct FROM scores",
  );
  return storedCells(rows);
}

/** The keys whose stored score differs from the recomputation (empty when they agree). */
export async function pgScoreDifferences(db: PgDb): Promise<string[]> {
  return differingKeys(await recomputePgScores(db), await storedPgScores(db));
}
