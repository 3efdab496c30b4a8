import type { ChannelRef } from "../../domain/channel.js";
import { type CellMemory, phaseFromCode } from "../../domain/memory.js";
import type { TeamMemoryStore } from "../../ports/team-memory-store.js";
import type { PgDb } from "./db.js";

/** The people who answered a channel's questions of the day since a time ($1 to $4). */
const CHANNEL_ANSWERERS =
  "SELECT a.user_id FROM rounds r JOIN answers a ON a.round_id = r.id " +
  "WHERE r.platform = $1 AND r.workspace = $2 AND r.channel = $3 AND r.kind = 'channel' AND a.answered_at >= $4";

/** The same, newest round first and each round's answers in order, one page at a time. */
const RECENT_ANSWERERS = `${CHANNEL_ANSWERERS} ORDER BY r.id DESC, a.answered_at, a.id LIMIT $5 OFFSET $6`;

/** How many answers are read at a time while looking for the latest answerers. */
const PAGE = 500;

const CELL_COLUMNS = "c.user_id, c.item_id, c.state, c.stability, c.last_review";
/** Person by person in byte order (as SQLite sorts), each person's cells in order. */
const BY_PERSON = 'ORDER BY c.user_id COLLATE "C", c.item_id COLLATE "C"';

interface CellRow {
  user_id: string;
  item_id: string;
  state: number;
  stability: number;
  last_review: string | null;
}

/** The cell cards of a channel's members, in PostgreSQL: what the team's shared memory is computed from. */
export class PgTeamMemoryStore implements TeamMemoryStore {
  constructor(private readonly db: PgDb) {}

  /**
   * The memory of every cell card of the people who answered a channel's questions of the day since `since`,
   * person by person (ordered by user id): in one statement, and only what recall depends on.
   */
  async activeCellMemories(channel: ChannelRef, since: Date): Promise<CellMemory[]> {
    const rows = await this.db.rows<CellRow>(
      `SELECT ${CELL_COLUMNS} FROM practice_cards c WHERE c.platform = $1 AND c.workspace = $2 ` +
        `AND c.item_kind = 'cell' AND c.user_id IN (${CHANNEL_ANSWERERS}) ${BY_PERSON}`,
      [channel.platform, channel.workspaceId, channel.channelId, since.toISOString()],
    );
    return rows.map(toCellMemory);
  }

  /**
   * The same for at most `members` people: those who answered the channel's latest questions of the day
   * since `since`, newest question first. Reading stops once that many are found, so the cost does not grow
   * with the channel's size or history. Person by person, ordered by user id.
   */
  async recentCellMemories(channel: ChannelRef, since: Date, members: number): Promise<CellMemory[]> {
    const found = new Set<string>();
    const where = [channel.platform, channel.workspaceId, channel.channelId, since.toISOString()];
    reading: for (let offset = 0; ; offset += PAGE) {
      const page = await this.db.rows<{ user_id: string }>(RECENT_ANSWERERS, [...where, PAGE, offset]);
      for (const { user_id } of page) {
        found.add(user_id);
        if (found.size >= members) break reading;
      }
      if (page.length < PAGE) break;
    }
    if (found.size === 0) return [];
    const rows = await this.db.rows<CellRow>(
      `SELECT ${CELL_COLUMNS} FROM practice_cards c WHERE c.platform = $1 AND c.workspace = $2 ` +
        `AND c.user_id = ANY($3::text[]) AND c.item_kind = 'cell' ${BY_PERSON}`,
      [channel.platform, channel.workspaceId, [...found]],
    );
    return rows.map(toCellMemory);
  }
}

function toCellMemory(r: CellRow): CellMemory {
  return {
    userId: r.user_id,
    cell: r.item_id,
    phase: phaseFromCode(r.state),
    stability: r.stability,
    lastReview: r.last_review === null ? null : new Date(r.last_review),
  };
}
