import { existsSync } from "node:fs";
import { join } from "node:path";
import { contrastDrills, ownershipDrills } from "./bank/drills.js";
import { loadScenarios } from "./bank/load-questions.js";
import { QuestionBank } from "./bank/question-bank.js";
import { ContentReader } from "./knowledge/content-file.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { packageRoot } from "./paths.js";

/** The content: the matrix and the question bank, validated together. */
export interface Content {
  readonly matrix: OwnershipMatrix;
  readonly bank: QuestionBank;
}

/**
 * The folder whose matrix/ (or schema/) a content folder uses: its own, or the shipped questions/ when it
 * has none, so a custom content folder may hold only scenarios and reuse the shipped matrix.
 */
export function contentHome(contentDir: string, part: "matrix" | "schema"): string {
  return existsSync(join(contentDir, part)) ? contentDir : join(packageRoot(), "questions");
}

/** Loads and checks all content; throws ContentInvalid listing every problem with file and line. */
export function loadContent(contentDir: string): Content {
  const reader = new ContentReader(contentDir, [], contentHome(contentDir, "schema"));
  const matrix = loadMatrix(contentHome(contentDir, "matrix"), reader);
  const scenarios = loadScenarios(contentDir, matrix, reader);
  const bank = new QuestionBank(scenarios, [...ownershipDrills(matrix), ...contrastDrills(matrix)]);
  return { matrix, bank };
}
