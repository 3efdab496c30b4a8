import type { AskHistory, QuestionBank, QuestionFilter } from "../bank/question-bank.js";
import { type CellMemory, cellItem } from "../domain/memory.js";
import type { CellForgetting } from "../domain/practice.js";
import type { Question } from "../domain/question.js";
import type { TeamMemoryStore } from "../ports/team-memory-store.js";
import type { ChannelRef, Clock } from "../ports.js";
import type { MemoryScheduler } from "./scheduler.js";

/** How long after their last answer in a channel a person still counts as one of its active members. */
export const ACTIVE_DAYS = 30;

/**
 * How many members the daily pick reads the memory of: those who answered the latest questions. Enough to
 * say which cells a team has forgotten, and the pick costs the same in a channel of 500 or 50,000.
 */
export const PICK_MEMBERS = 500;

/** Recent questions of the day the team pick never repeats. */
const RECENT_QUESTIONS = 10;

/** Recent questions of the day whose cells the team pick leaves alone, so a cell is not asked twice running. */
const RECENT_CELLS = 3;

/** What the team memory reads. */
export interface TeamMemoryDeps {
  readonly store: TeamMemoryStore;
  readonly scheduler: MemoryScheduler;
  readonly bank: QuestionBank;
  readonly clock: Clock;
}

/** A channel's shared memory: which cells its active members are most likely to have forgotten. */
export class TeamMemory {
  constructor(private readonly d: TeamMemoryDeps) {}

  /** Every cell some active member has met, most forgotten first. */
  async forgetting(channel: ChannelRef): Promise<CellForgetting[]> {
    const now = this.d.clock.now();
    return this.sum(await this.d.store.activeCellMemories(channel, activeSince(now)), now);
  }

  /** The same over the PICK_MEMBERS members who answered the channel's latest questions of the day. */
  async recentForgetting(channel: ChannelRef): Promise<CellForgetting[]> {
    const now = this.d.clock.now();
    return this.sum(await this.d.store.recentCellMemories(channel, activeSince(now), PICK_MEMBERS), now);
  }

  /** Each cell's forgetting over cards given member by member (so every sum is the same to the last bit). */
  private sum(cards: readonly CellMemory[], now: Date): CellForgetting[] {
    const byCell = new Map<string, { forgotten: number; members: number; recall: number }>();
    for (const card of cards) {
      const recall = this.d.scheduler.recallAt(card.phase, card.stability, card.lastReview, now);
      const sum = byCell.get(card.cell) ?? { forgotten: 0, members: 0, recall: 0 };
      byCell.set(card.cell, {
        forgotten: sum.forgotten + (1 - recall),
        members: sum.members + 1,
        recall: sum.recall + recall,
      });
    }
    return [...byCell.entries()]
      .map(([cell, s]) => ({
        cell,
        forgotten: s.forgotten,
        members: s.members,
        recall: s.recall / s.members,
      }))
      .sort((a, b) => b.forgotten - a.forgotten || a.cell.localeCompare(b.cell));
  }

  /**
   * The question of the day by team memory: among the questions a channel may be asked, not recent and
   * not on a recent question's cells, the one whose cells the active members have forgotten most (the
   * mean over its cells, so a question testing four cells is not favoured for its size), judged by the
   * PICK_MEMBERS members who answered most recently. Null when none of them has met any of those cells: the
   * channel then falls back to rotation.
   */
  async pick(
    channel: ChannelRef,
    filter: QuestionFilter,
    history: AskHistory,
    seed: string,
  ): Promise<Question | null> {
    const forgotten = new Map((await this.recentForgetting(channel)).map((f) => [f.cell, f.forgotten]));
    if (forgotten.size === 0) return null;
    const recentIds = new Set(history.recent.slice(0, RECENT_QUESTIONS));
    const recentCells = new Set(
      history.recent
        .slice(0, RECENT_CELLS)
        .flatMap((id) => this.d.bank.get(id)?.cells.map((c) => cellItem(c.service, c.area).id) ?? []),
    );
    let best: Question[] = [];
    let bestScore = 0;
    for (const q of [...this.d.bank.scenarios, ...this.d.bank.drills]) {
      if (!allowed(q, filter) || recentIds.has(q.id)) continue;
      const cells = q.cells.map((c) => cellItem(c.service, c.area).id);
      if (cells.length === 0 || cells.some((c) => recentCells.has(c))) continue;
      const score = cells.reduce((sum, c) => sum + (forgotten.get(c) ?? 0), 0) / cells.length;
      // Scores are sums of floating-point recalls: equal within rounding counts as a tie.
      if (score > bestScore + 1e-9) {
        best = [q];
        bestScore = score;
      } else if (score > 0 && Math.abs(score - bestScore) <= 1e-9) best.push(q);
    }
    // Among equals, the bank's own rotation decides, so ties vary the way rotation does.
    return best.length === 0 ? null : this.d.bank.next(best, filter, history, seed);
  }
}

/** The start of the window in which a person who answered counts as an active member. */
function activeSince(now: Date): Date {
  return new Date(now.getTime() - ACTIVE_DAYS * 86_400_000);
}

/** The bank's own filter: type, difficulty, and the service of the main cell. */
function allowed(q: Question, filter: QuestionFilter): boolean {
  return (
    filter.types.includes(q.type) &&
    (filter.difficulty === null || q.difficulty === filter.difficulty) &&
    (filter.services === null || filter.services.includes(q.cells[0]?.service ?? ""))
  );
}
