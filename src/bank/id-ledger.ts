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

/** The ledger as id -> fingerprint (a missing file is an empty ledger). */
export function readLedger(contentDir: string): Map<string, string> {
  let text = "";
  try {
    text = readFileSync(join(contentDir, LEDGER_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const ledger = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [id, print] = line.trim().split(/\s+/);
    if (id && print && !id.startsWith("#")) ledger.set(id, print);
  }
  return ledger;
}

/** What is wrong between the questions and the ledger: ids missing from it, and ids given to a different question. */
export function ledgerProblems(
  questions: readonly Question[],
  ledger: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
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
export function lockedLedger(questions: readonly Question[], ledger: ReadonlyMap<string, string>): string {
  const next = new Map(ledger);
  for (const q of questions) if (!next.has(q.id)) next.set(q.id, fingerprint(q));
  const lines = [...next.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, p]) => `${id} ${p}`);
  return `# Every scenario question id ever published, and a fingerprint of what it tests. Ids are never reused.\n${lines.join("\n")}\n`;
}
