/** What a memory card is about: one matrix cell ("service/area") or one scenario question (its id). */
export type ItemKind = "cell" | "question";

/** One thing a person can remember. */
export interface ItemRef {
  readonly kind: ItemKind;
  readonly id: string;
}

/** Where a card is in its life: never reviewed, being learned, in review, or relearned after a lapse. */
export type MemoryPhase = "new" | "learning" | "review" | "relearning";

/** The phases in the order of their stored codes (0 to 3), which are the scheduler's own. */
export const MEMORY_PHASES: readonly MemoryPhase[] = ["new", "learning", "review", "relearning"];

/** The phase of a stored code; throws on a code no release ever wrote. */
export function phaseFromCode(code: number): MemoryPhase {
  const phase = MEMORY_PHASES[code];
  if (!phase) throw new Error(`unknown card state ${code}`);
  return phase;
}

/** How an answer is rated: wrong is again; right but unsure is hard; right and sure is good. */
export type Recall = "again" | "hard" | "good";

/** The stored code of each rating (the scheduler's own: 1 again, 2 hard, 3 good). */
export const RECALL_CODES: Readonly<Record<Recall, number>> = { again: 1, hard: 2, good: 3 };

/** The rating of a stored code; throws on a code no release ever wrote. */
export function recallFromCode(code: number): Recall {
  const found = (Object.keys(RECALL_CODES) as Recall[]).find((r) => RECALL_CODES[r] === code);
  if (!found) throw new Error(`unknown rating ${code}`);
  return found;
}

/** The optional second tap on a private answer: how sure the person was. */
export type Confidence = "guess" | "fairly" | "certain";

/** Every confidence, in the order the buttons show them. */
export const CONFIDENCES: readonly Confidence[] = ["guess", "fairly", "certain"];

/** The honest rating of an answer; with no tap, a right answer counts as sure. */
export function recallOf(correct: boolean, confidence: Confidence | null): Recall {
  if (!correct) return "again";
  return confidence === "guess" ? "hard" : "good";
}

/** A person's memory of one item, as the scheduler tracks it. */
export interface Memory {
  readonly phase: MemoryPhase;
  readonly due: Date;
  /** Days until recall falls to 90%. */
  readonly stability: number;
  /** 1 (easy) to 10 (hard). */
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly lastReview: Date | null;
}

/** The scheduler's log of one review: the memory before it, enough to roll the review back. */
export interface ReviewTrace {
  readonly recall: Recall;
  readonly phase: MemoryPhase;
  readonly due: Date;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly lastElapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reviewedAt: Date;
}

/** What the recall of one cell card depends on. */
export interface CellMemory {
  /** Whose card it is. */
  readonly userId: string;
  /** "service/area" */
  readonly cell: string;
  readonly phase: MemoryPhase;
  readonly stability: number;
  readonly lastReview: Date | null;
}

/** The item of one matrix cell. */
export function cellItem(service: string, area: string): ItemRef {
  return { kind: "cell", id: `${service}/${area}` };
}

/** The service and area of a cell item; null for a question item or a malformed id. */
export function cellOf(item: ItemRef): { service: string; area: string } | null {
  if (item.kind !== "cell") return null;
  const [service = "", area = "", extra] = item.id.split("/");
  return service !== "" && area !== "" && extra === undefined ? { service, area } : null;
}

/** A key that tells items apart in maps and sets. */
export function itemKey(item: ItemRef): string {
  return `${item.kind}:${item.id}`;
}
