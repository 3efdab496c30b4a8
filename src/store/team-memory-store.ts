import type { ChannelRef } from "../domain/channel.js";
import { type CellMemory, phaseFromCode } from "../domain/memory.js";
import type { TeamMemoryStore } from "../ports/team-memory-store.js";
import type { Db } from "./database.js";
import { inChannel } from "./keys.js";
import type { Sync } from "./sqlite-gate.js";

/** The rounds of a channel's questions of the day answered since a time, newest round first. */
const CHANNEL_ANSWERERS =
  "SELECT a.user_id FROM rounds r JOIN answers a ON a.round_id = r.id " +
  "WHERE r.platform = ? AND r.workspace = ? AND r.channel = ? AND r.kind = 'channel' AND a.answered_at >= ?";

/**
 * The same, newest round first and each round's answers in order: the indexes give that order, so the rows
 * can be read one by one and the reading stopped early.
 */
export const RECENT_ANSWERERS = `${CHANNEL_ANSWERERS} ORDER BY r.id DESC, a.answered_at, a.id`;

/** The cell cards of a channel's members, in SQLite: what the team's shared memory is computed from. */
export class SqliteTeamMemoryStore implements Sync<TeamMemoryStore> {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      activeCellMemories: db
        .prepare(
          "SELECT c.user_id, c.item_id, c.state, c.stability, c.last_review FROM practice_cards c " +
            `WHERE c.platform = ? AND c.workspace = ? AND c.item_kind = 'cell' AND c.user_id IN (${CHANNEL_ANSWERERS}) ` +
            "ORDER BY c.user_id",
        )
        .raw(),
      recentAnswerers: db.prepare(RECENT_ANSWERERS).pluck(),
      cellMemoriesOf: db
        .prepare(
          "SELECT c.user_id, c.item_id, c.state, c.stability, c.last_review FROM practice_cards c " +
            "WHERE c.platform = ? AND c.workspace = ? AND c.user_id = ? AND c.item_kind = 'cell'",
        )
        .raw(),
    };
  }

  /**
   * The memory of every cell card of the people who answered a channel's questions of the day since `since`,
   * person by person (ordered by user id): in one statement, and only what recall depends on.
   */
  activeCellMemories(channel: ChannelRef, since: Date): CellMemory[] {
    const rows = this.q.activeCellMemories.all(
      channel.platform,
      channel.workspaceId,
      ...inChannel(channel),
      since.toISOString(),
    ) as CellRow[];
    return rows.map(toCellMemory);
  }

  /**
   * The same for at most `members` people: those who answered the channel's latest questions of the day
   * since `since`, newest question first. Reading stops once that many are found, so the cost does not grow
   * with the channel's size or history. Person by person, ordered by user id.
   */
  recentCellMemories(channel: ChannelRef, since: Date, members: number): CellMemory[] {
    const found = new Set<string>();
    const answerers = this.q.recentAnswerers.iterate(
      ...inChannel(channel),
      since.toISOString(),
    ) as IterableIterator<string>;
    for (const userId of answerers) {
      found.add(userId);
      if (found.size >= members) {
        answerers.return?.();
        break;
      }
    }
    return [...found]
      .sort()
      .flatMap((userId) =>
        (this.q.cellMemoriesOf.all(channel.platform, channel.workspaceId, userId) as CellRow[]).map(
          toCellMemory,
        ),
      );
  }
}

type CellRow = [string, string, number, number, string | null];

function toCellMemory([userId, cell, state, stability, lastReview]: CellRow): CellMemory {
  return {
    userId,
    cell,
    phase: phaseFromCode(state),
    stability,
    lastReview: lastReview === null ? null : new Date(lastReview),
  };
}
