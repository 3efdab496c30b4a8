import { contrastDrills, ownershipDrills } from "./bank/drills.js";
import { loadScenarios } from "./bank/load-questions.js";
import { QuestionBank } from "./bank/question-bank.js";
import { ContentReader } from "./knowledge/content-file.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";

/** The content: the matrix and the question bank, validated together. */
export interface Content {
  readonly matrix: OwnershipMatrix;
  readonly bank: QuestionBank;
}

/** Loads and checks all content; throws ContentInvalid listing every problem with file and line. */
export function loadContent(contentDir: string): Content {
  const reader = new ContentReader(contentDir);
  const matrix = loadMatrix(contentDir, reader);
  const scenarios = loadScenarios(contentDir, matrix, reader);
  const bank = new QuestionBank(scenarios, [...ownershipDrills(matrix), ...contrastDrills(matrix)]);
  return { matrix, bank };
}
