import { type ExamMiss, type ExamReport, type ExamRow, PASS_MARK, scaledScore } from "../domain/exam.js";
import { type ItemRef, itemKey } from "../domain/memory.js";
import type { Question } from "../domain/question.js";

/** The report of a finished exam; `dueOf` gives the cards a missed answer touched and their due dates. */
export function reportOf(
  exam: ExamRow,
  dueOf: (question: Question, response: readonly string[]) => { item: ItemRef; due: Date }[],
  filedAs: ReadonlyMap<number, number> = new Map(),
): ExamReport {
  const services = new Map<string, { right: number; total: number }>();
  const areas = new Map<string, { right: number; total: number }>();
  const count = (m: Map<string, { right: number; total: number }>, id: string, correct: boolean) => {
    const t = m.get(id) ?? { right: 0, total: 0 };
    m.set(id, { right: t.right + (correct ? 1 : 0), total: t.total + 1 });
  };
  const misses: ExamMiss[] = [];
  const cardsDue = new Map<string, { item: ItemRef; due: Date }>();
  for (const [position, asked] of exam.questions.entries()) {
    const answer = exam.answers.find((a) => a.position === position);
    const correct = answer?.correct ?? false;
    const q = asked.question;
    for (const s of new Set(q.cells.map((c) => c.service))) count(services, s, correct);
    for (const a of new Set(q.cells.map((c) => c.area))) count(areas, a, correct);
    if (correct) continue;
    const response = answer?.response ?? [];
    misses.push({ position, roundId: filedAs.get(position) ?? null, question: q, response });
    for (const card of dueOf(q, response)) cardsDue.set(itemKey(card.item), card);
  }
  const right = exam.answers.filter((a) => a.correct).length;
  const scaled = scaledScore(right, exam.questions.length);
  const tallies = (m: Map<string, { right: number; total: number }>) =>
    [...m.entries()]
      .map(([id, t]) => ({ id, ...t }))
      .sort((a, b) => a.right / a.total - b.right / b.total || b.total - a.total || a.id.localeCompare(b.id));
  return {
    exam: exam.exam,
    total: exam.questions.length,
    right,
    scaled,
    passMark: PASS_MARK[exam.exam],
    passed: scaled >= PASS_MARK[exam.exam],
    byService: tallies(services),
    byArea: tallies(areas),
    misses,
    cardsDue: [...cardsDue.values()].sort((a, b) => +a.due - +b.due),
  };
}
