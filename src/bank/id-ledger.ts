import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Question } from "../domain/question.js";

/** The file that lists every scenario question id ever published, with what the question tests. */
export const LEDGER_FILE = "question-ids.txt";

/**
 * What a question is about, in 12 hex digits: its type, the cells it tests and its correct answers. Editing
 * wording elsewhere keeps it; giving an old id to a different question changes it.
 */
export function fingerprint(q: Question): string {
  const cells = q.cells.map((c) => `${c.service}/${c.area}`).sort();
  const answers =
    q.type === "split" ? q.duties.map((d) => d.owner) : q.choices.filter((c) => c.correct).map((c) => c.text);
  return createHash("sha256")
    .update(JSON.stringify([q.type, cells, answers]))
    .digest("hex")
    .slice(0, 12);
}

/** The word that marks a published id as retired on purpose: `old-id 1a2b3c4d5e6f retired`. */
const RETIRED = "retired";

/** The ledger as id -> fingerprint (a missing file is an empty ledger). */
export function readLedger(contentDir: string): Map<string, string> {
  return parseLedger(ledgerText(contentDir)).prints;
}

/** The published ids marked retired: no file needs to hold them, and they are never reused. */
export function readRetired(contentDir: string): Set<string> {
  return parseLedger(ledgerText(contentDir)).retired;
}

function parseLedger(text: string): { prints: Map<string, string>; retired: Set<string> } {
  const prints = new Map<string, string>();
  const retired = new Set<string>();
  for (const line of text.split("\n")) {
    const [id, print, mark] = line.trim().split(/\s+/);
    if (!id || !print || id.startsWith("#")) continue;
    prints.set(id, print);
    if (mark === RETIRED) retired.add(id);
  }
  return { prints, retired };
}

function ledgerText(contentDir: string): string {
  let text = "";
  try {
    text = readFileSync(join(contentDir, LEDGER_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return text;
}

/**
 * What is wrong between the questions and the ledger: ids missing from it, ids given to a different
 * question, and published ids that no file holds any more (renamed or deleted) unless marked retired.
 */
export function ledgerProblems(
  questions: readonly Question[],
  ledger: ReadonlyMap<string, string>,
  retired: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const held = new Set(questions.map((q) => q.id));
  const newByPrint = new Map(
    questions.filter((q) => !ledger.has(q.id)).map((q) => [fingerprint(q), q.id] as const),
  );
  for (const [id, print] of ledger) {
    if (held.has(id) || retired.has(id)) continue;
    const renamed = newByPrint.get(print);
    problems.push(
      `${id}: published, but no file under questions/scenarios holds it any more${renamed ? ` (it looks renamed to "${renamed}", which tests the same cells with the same answers)` : " (renamed or deleted?)"}; scores point at this id, so give the question its old id back, or, if it was removed on purpose, mark its line "${id} ${print} ${RETIRED}" in questions/${LEDGER_FILE}`,
    );
  }
  for (const q of questions) {
    const known = ledger.get(q.id);
    const print = fingerprint(q);
    if (known === undefined)
      problems.push(
        `${q.id}: a new question; add "${q.id} ${print}" to questions/${LEDGER_FILE} (srm questions lock does it)`,
      );
    else if (known !== print)
      problems.push(
        `${q.id}: now tests other cells or has other correct answers than when it was published (${known} -> ${print}); scores point at this id, so give a different question a new id, or, if it is the same question corrected, update its line in questions/${LEDGER_FILE}`,
      );
  }
  return problems;
}

/** The ledger with every current question added (existing lines, including retired ids, are kept). */
export function lockedLedger(
  questions: readonly Question[],
  ledger: ReadonlyMap<string, string>,
  retired: ReadonlySet<string> = new Set(),
): string {
  const next = new Map(ledger);
  for (const q of questions) if (!next.has(q.id)) next.set(q.id, fingerprint(q));
  const lines = [...next.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, p]) => (retired.has(id) ? `${id} ${p} ${RETIRED}` : `${id} ${p}`));
  return `# Every scenario question id ever published, and a fingerprint of what it tests. Ids are never reused.\n${lines.join("\n")}\n`;
}
