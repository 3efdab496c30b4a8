import type { QuestionBank } from "../bank/question-bank.js";
import { EXAM_IDS, type ExamId } from "../domain/exam.js";
import { cellItem, type ItemRef, itemKey } from "../domain/memory.js";
import type { Question } from "../domain/question.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { questionFor } from "./items.js";

/** The order new cards follow: the default learning order, an exam's, or one service's. */
export type PracticePath =
  | { readonly kind: "default" }
  | { readonly kind: "exam"; readonly exam: ExamId }
  | { readonly kind: "service"; readonly service: string };

/** A stored path ("clf-c02", "rds", or null) as a path. */
export function pathOf(stored: string | null): PracticePath {
  if (stored === null) return { kind: "default" };
  const exam = EXAM_IDS.find((e) => e === stored);
  return exam ? { kind: "exam", exam } : { kind: "service", service: stored };
}

const DIFFICULTY_RANK = { easy: 0, medium: 1, hard: 2 } as const;

/**
 * Every item in the order practice introduces it as a new card. Default: the model's own concepts first
 * (what AWS or the customer owns on every service, then the shared controls on each tier), then the
 * services the scenarios test most (each one's own cells, then its scenarios), then the rest. An exam path
 * takes that exam's scenarios easiest first, each after the cells it tests; a service path takes the
 * service's cells and scenarios. Either path goes on with the default order once it is used up.
 */
export class LearningOrder {
  private readonly cache = new Map<string, readonly ItemRef[]>();

  constructor(
    private readonly matrix: OwnershipMatrix,
    private readonly bank: QuestionBank,
  ) {}

  /** The items of a path, first to learn first. */
  items(path: PracticePath): readonly ItemRef[] {
    const key = path.kind === "default" ? "" : path.kind === "exam" ? path.exam : `s:${path.service}`;
    let items = this.cache.get(key);
    if (!items) {
      items = this.build(path);
      this.cache.set(key, items);
    }
    return items;
  }

  private build(path: PracticePath): ItemRef[] {
    const out = new Ordered(this.bank);
    if (path.kind === "exam") {
      const rank = this.serviceRank();
      const tagged = this.bank.scenarios
        .filter((q) => q.exams?.includes(path.exam))
        .sort(
          (a, b) =>
            DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] ||
            (rank.get(mainService(a)) ?? 0) - (rank.get(mainService(b)) ?? 0),
        );
      for (const q of tagged) {
        for (const c of q.cells) out.add(cellItem(c.service, c.area));
        out.add({ kind: "question", id: q.id });
      }
    }
    if (path.kind === "service") this.addService(out, path.service, true);
    this.addDefault(out);
    return out.items;
  }

  private addDefault(out: Ordered): void {
    const { matrix } = this;
    const tiers = matrix.services.filter((s) => s.kind === "tier");
    const [firstTier] = tiers;
    if (firstTier)
      for (const area of matrix.areas)
        if (area.default && !area.sharedControl) out.add(cellItem(firstTier.id, area.id));
    for (const area of matrix.areas.filter((a) => a.sharedControl))
      for (const tier of tiers) out.add(cellItem(tier.id, area.id));
    for (const q of byDifficulty(
      this.bank.scenarios.filter((q) => tiers.some((t) => t.id === mainService(q))),
    ))
      out.add({ kind: "question", id: q.id });
    const rank = this.serviceRank();
    const services = matrix.services
      .filter((s) => s.kind === "service")
      .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    for (const s of services) this.addService(out, s.id, false);
    for (const tier of tiers) this.addService(out, tier.id, false);
    for (const s of matrix.services) this.addInherited(out, s.id);
  }

  /** A service's own cells in area order, then its scenarios; with `all`, its inherited cells too. */
  private addService(out: Ordered, serviceId: string, all: boolean): void {
    const own = this.matrix.ownCells(serviceId);
    for (const area of this.matrix.areas)
      if (own.get(area.id)?.applies) out.add(cellItem(serviceId, area.id));
    for (const q of byDifficulty(this.bank.scenarios.filter((q) => mainService(q) === serviceId)))
      out.add({ kind: "question", id: q.id });
    if (all) this.addInherited(out, serviceId);
  }

  private addInherited(out: Ordered, serviceId: string): void {
    const service = this.matrix.service(serviceId);
    if (!service) return;
    for (const area of this.matrix.areas)
      if (this.matrix.cell(service, area).cell.applies) out.add(cellItem(serviceId, area.id));
  }

  /** Services by how many scenarios test them, most first (0 is the most tested); ties keep matrix order. */
  private serviceRank(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const q of this.bank.scenarios)
      for (const s of new Set(q.cells.map((c) => c.service))) counts.set(s, (counts.get(s) ?? 0) + 1);
    const order = this.matrix.services
      .map((s, i) => ({ id: s.id, n: counts.get(s.id) ?? 0, i }))
      .sort((a, b) => b.n - a.n || a.i - b.i);
    return new Map(order.map((s, rank) => [s.id, rank]));
  }
}

/** Items in order, each once, and only those the bank can ask. */
class Ordered {
  readonly items: ItemRef[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly bank: QuestionBank) {}

  add(item: ItemRef): void {
    const key = itemKey(item);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (questionFor(this.bank, item)) this.items.push(item);
  }
}

function mainService(q: Question): string {
  return q.cells[0]?.service ?? "";
}

function byDifficulty(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty]);
}
