import type { ChannelRef } from "../domain/channel.js";
import type { CellMemory } from "../domain/memory.js";

/** The cell cards of a channel's members, stored: what the team's shared memory is computed from. */
export interface TeamMemoryStore {
  /**
   * The memory of every cell card of the people who answered a channel's questions of the day since `since`,
   * person by person (ordered by user id): in one statement, and only what recall depends on.
   */
  activeCellMemories(channel: ChannelRef, since: Date): Promise<CellMemory[]>;
  /**
   * The same for at most `members` people: those who answered the channel's latest questions of the day
   * since `since`, newest question first. Reading stops once that many are found, so the cost does not grow
   * with the channel's size or history. Person by person, ordered by user id.
   */
  recentCellMemories(channel: ChannelRef, since: Date, members: number): Promise<CellMemory[]>;
}
