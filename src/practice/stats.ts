import type { QuestionBank } from "../bank/question-bank.js";
import { cellOf } from "../domain/memory.js";
import type { MemoryStats, Person } from "../domain/practice.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Clock } from "../ports.js";
import type { MemoryScheduler } from "./scheduler.js";

/** How far back measured retention looks. */
export const RETENTION_DAYS = 30;

/** What memory stats read. */
export interface PracticeStatsDeps {
  readonly store: PracticeStore;
  readonly scheduler: MemoryScheduler;
  readonly bank: QuestionBank;
  readonly clock: Clock;
}

/** Cards due, measured retention and recall per service. */
export class PracticeStats {
  constructor(private readonly d: PracticeStatsDeps) {}

  /** One person's memory stats now. */
  async of(who: Person): Promise<MemoryStats> {
    const now = this.d.clock.now();
    const cards = await this.d.store.cards(who);
    const byService = new Map<string, { cards: number; recall: number }>();
    for (const card of cards) {
      // A scenario question counts towards the service of its main cell.
      const service = cellOf(card.item)?.service ?? this.d.bank.get(card.item.id)?.cells[0]?.service ?? null;
      if (service === null) continue;
      const sum = byService.get(service) ?? { cards: 0, recall: 0 };
      byService.set(service, {
        cards: sum.cards + 1,
        recall: sum.recall + this.d.scheduler.recall(card.memory, now),
      });
    }
    return {
      cards: cards.length,
      due: await this.d.store.dueCount(who, now),
      retention: await this.d.store.retention(who, new Date(now.getTime() - RETENTION_DAYS * 86_400_000)),
      services: [...byService.entries()]
        .map(([service, s]) => ({ service, cards: s.cards, recall: s.recall / s.cards }))
        .sort((a, b) => a.recall - b.recall || a.service.localeCompare(b.service)),
    };
  }
}
