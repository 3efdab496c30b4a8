import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { QuestionBank } from "./question-bank.js";

/**
 * Where content authors fix a question: "questions/scenarios/<file>:<line>" of a scenario's id, or for a
 * generated drill the line of its cell in "questions/matrix/cells/<service>.yaml" (the areas file when the
 * service keeps the area's default). Found by reading the files, so the line is the one an editor shows.
 */
export function questionLocations(contentDir: string, bank: QuestionBank): (questionId: string) => string {
  const scenarios = new Map<string, string>();
  const dir = join(contentDir, "scenarios");
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    readFileSync(join(dir, name), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const m = /^\s*-\s+id:\s*([a-z0-9-]+)\s*$/.exec(line);
        if (m) scenarios.set(m[1] as string, `questions/scenarios/${name}:${i + 1}`);
      });
  }
  const lineOf = (file: string, pattern: RegExp): number | null => {
    if (!existsSync(file)) return null;
    const at = readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => pattern.test(l));
    return at < 0 ? null : at + 1;
  };
  return (questionId) => {
    const found = scenarios.get(questionId);
    if (found) return found;
    const cell = bank.get(questionId)?.cells[0];
    if (!cell) return `questions (no file holds "${questionId}" any more)`;
    const cellsFile = join(contentDir, "matrix", "cells", `${cell.service}.yaml`);
    const own = lineOf(cellsFile, new RegExp(`^\\s{2}${cell.area}:\\s*$`));
    if (own !== null) return `questions/matrix/cells/${cell.service}.yaml:${own}`;
    const area = lineOf(
      join(contentDir, "matrix", "areas.yaml"),
      new RegExp(`^\\s*-\\s+id:\\s*${cell.area}\\s*$`),
    );
    return `questions/matrix/areas.yaml:${area ?? 1}`;
  };
}
