import type { QuestionBank } from "../bank/question-bank.js";
import { cellItem, cellOf, type ItemRef, itemKey } from "../domain/memory.js";
import type { Question } from "../domain/question.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";

/** An item an answer says something about, and whether the person recalled it. */
export interface ItemOutcome {
  readonly item: ItemRef;
  readonly correct: boolean;
}

/**
 * The items an answer tests: a scenario question is an item of its own, and so is every cell a question
 * tests. A split question grades each duty, so a duty's cell is judged by its duties alone; any other
 * answer does not say which cell misled, so every cell of a missed question counts as missed.
 */
export function itemsOfAnswer(
  question: Question,
  response: readonly string[],
  correct: boolean,
): ItemOutcome[] {
  const outcomes = new Map<string, ItemOutcome>();
  const judge = (item: ItemRef, recalled: boolean) => {
    const before = outcomes.get(itemKey(item));
    outcomes.set(itemKey(item), { item, correct: (before?.correct ?? true) && recalled });
  };
  if (question.origin === "scenario") judge({ kind: "question", id: question.id }, correct);
  if (question.type === "split")
    question.duties.forEach((d, i) => {
      judge(cellItem(d.cell.service, d.cell.area), response[i] === d.owner);
    });
  for (const c of question.cells) {
    const judgedByDuties =
      question.type === "split" &&
      question.duties.some((d) => d.cell.service === c.service && d.cell.area === c.area);
    if (!judgedByDuties) judge(cellItem(c.service, c.area), correct);
  }
  return [...outcomes.values()];
}

/** The question that asks an item: a cell's ownership drill, or the scenario question itself. */
export function questionFor(bank: QuestionBank, item: ItemRef): Question | undefined {
  if (item.kind === "question") return bank.get(item.id);
  const cell = cellOf(item);
  if (!cell) return undefined;
  const drill = bank.get(`drill-${cell.service}-${cell.area}`);
  // Ids joined with "-" could be split elsewhere ("ecs" + "ec2-..."): the drill must test exactly this cell.
  const main = drill?.cells[0];
  return main?.service === cell.service && main.area === cell.area ? drill : undefined;
}

/** Everything about some services: each cell that applies, and each scenario question testing one. */
export function itemsOfServices(
  matrix: OwnershipMatrix,
  bank: QuestionBank,
  services: readonly string[],
): ItemRef[] {
  const items: ItemRef[] = [];
  for (const id of services) {
    const service = matrix.service(id);
    if (!service) continue;
    for (const area of matrix.areas)
      if (matrix.cell(service, area).cell.applies) items.push(cellItem(service.id, area.id));
  }
  const wanted = new Set(services);
  for (const q of bank.scenarios)
    if (q.cells.some((c) => wanted.has(c.service))) items.push({ kind: "question", id: q.id });
  return items;
}
