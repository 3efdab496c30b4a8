import { readdirSync } from "node:fs";
import { join } from "node:path";
import { namesChoiceByLetter, refersToChoices } from "../domain/choice-order.js";
import type { ExamId } from "../domain/exam.js";
import type { Owner } from "../domain/matrix.js";
import {
  type CellRef,
  CHOICE_KEYS,
  type Difficulty,
  type Question,
  type QuestionType,
} from "../domain/question.js";
import { type ContentFile, ContentInvalid, ContentReader, didYouMean } from "../knowledge/content-file.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";

interface RawQuestion {
  id: string;
  type: QuestionType;
  difficulty: Difficulty;
  exams: ExamId[];
  scenario: string;
  question: string;
  choices?: { text: string; correct: boolean; why: string; fixed?: boolean }[];
  duties?: { text: string; owner: "aws" | "customer"; cell: string; why: string }[];
  explanation: string;
  checks: { cell: string; owner: Owner }[];
  sources: string[];
}

/** Ids of generated questions start with these; scenario ids may not. */
export const GENERATED_PREFIXES = ["drill-", "contrast-"];

/** Reads "service/area#condition". */
export function parseCellRef(ref: string): CellRef {
  const [cell = "", condition] = ref.split("#");
  const [service = "", area = ""] = cell.split("/");
  return condition ? { service, area, condition } : { service, area };
}

/** The owner the matrix gives a cell reference, or what is wrong with the reference. */
export function ownerOfRef(matrix: OwnershipMatrix, ref: CellRef): { owner: Owner } | { problem: string } {
  const service = matrix.service(ref.service);
  if (!service)
    return {
      problem: `unknown service "${ref.service}"${didYouMean(
        ref.service,
        matrix.services.map((x) => x.id),
      )}`,
    };
  const area = matrix.area(ref.area);
  if (!area)
    return {
      problem: `unknown area "${ref.area}"${didYouMean(
        ref.area,
        matrix.areas.map((x) => x.id),
      )}`,
    };
  const { cell } = matrix.cell(service, area);
  if (!cell.applies) return { problem: `the matrix says ${ref.area} does not apply to ${ref.service}` };
  if (!ref.condition) return { owner: cell.owner };
  const condition = cell.conditions.find((c) => c.id === ref.condition);
  if (!condition)
    return {
      problem: `${ref.service}/${ref.area} has no condition "${ref.condition}" (it has: ${cell.conditions.map((c) => c.id).join(", ") || "none"})`,
    };
  return { owner: condition.owner };
}

/** Loads every scenario question under questions/scenarios and checks it against the matrix; throws ContentInvalid. */
export function loadScenarios(
  contentDir: string,
  matrix: OwnershipMatrix,
  reader = new ContentReader(contentDir),
): Question[] {
  const dir = join(contentDir, "scenarios");
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"))
      .sort();
  } catch (error) {
    reader.report(reader.display(dir), 1, `cannot list the question files (${(error as Error).message})`);
  }
  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = reader.read<{ questions: RawQuestion[] }>(join(dir, name), "questions.schema.json");
    if (!file) continue;
    file.data.questions.forEach((raw, i) => {
      const at = (...path: (string | number)[]) => file.lineOf(["questions", i, ...path]);
      const where = seen.get(raw.id);
      if (where) reader.report(file.path, at("id"), `id "${raw.id}" is already used at ${where}`);
      seen.set(raw.id, `${file.path}:${at("id")}`);
      if (GENERATED_PREFIXES.some((p) => raw.id.startsWith(p)))
        reader.report(
          file.path,
          at("id"),
          `ids starting with ${GENERATED_PREFIXES.join(" or ")} are for generated drills`,
        );
      checkQuestion(raw, file, i, matrix, reader);
      questions.push(toQuestion(raw));
    });
  }
  if (reader.found.length > 0) throw new ContentInvalid(reader.found);
  return questions;
}

function checkQuestion(
  raw: RawQuestion,
  file: ContentFile<unknown>,
  i: number,
  matrix: OwnershipMatrix,
  reader: ContentReader,
): void {
  const at = (...path: (string | number)[]) => file.lineOf(["questions", i, ...path]);
  if (raw.choices) {
    const right = raw.choices.filter((c) => c.correct).length;
    if (raw.type === "single" && right !== 1)
      reader.report(
        file.path,
        at("choices"),
        `a single question needs exactly one correct choice, not ${right}`,
      );
    if (raw.type === "multi" && (right < 2 || right === raw.choices.length))
      reader.report(
        file.path,
        at("choices"),
        `a multi question needs two or more correct choices and one wrong, not ${right}`,
      );
    const byLetter = (text: string, ...path: (string | number)[]) => {
      if (namesChoiceByLetter(text))
        reader.report(
          file.path,
          at(...path),
          "names a choice by its letter, but choices are shuffled when asked; name it by its words instead",
        );
    };
    byLetter(raw.explanation, "explanation");
    raw.choices.forEach((c, j) => {
      byLetter(c.why, "choices", j, "why");
      if (c.fixed !== true && refersToChoices(c.text))
        reader.report(
          file.path,
          at("choices", j, "text"),
          `"${c.text}" refers to the other choices, so shuffling would change its meaning; add "fixed: true" to keep it in place`,
        );
    });
  }
  raw.checks.forEach((check, j) => {
    const found = ownerOfRef(matrix, parseCellRef(check.cell));
    if ("problem" in found) reader.report(file.path, at("checks", j, "cell"), found.problem);
    else if (found.owner !== check.owner)
      reader.report(
        file.path,
        at("checks", j, "owner"),
        `says ${check.owner}, but the matrix says ${found.owner} for ${check.cell}`,
      );
  });
  (raw.duties ?? []).forEach((duty, j) => {
    const found = ownerOfRef(matrix, parseCellRef(duty.cell));
    if ("problem" in found) reader.report(file.path, at("duties", j, "cell"), found.problem);
    else if (found.owner !== "shared" && found.owner !== duty.owner)
      reader.report(
        file.path,
        at("duties", j, "owner"),
        `duty "${duty.text}" says ${duty.owner}, but the matrix says ${found.owner} for ${duty.cell}`,
      );
  });
}

function toQuestion(raw: RawQuestion): Question {
  const cells = [
    ...raw.checks.map((c) => parseCellRef(c.cell)),
    ...(raw.duties ?? []).map((d) => parseCellRef(d.cell)),
  ];
  const unique = cells.filter(
    (c, i) => cells.findIndex((x) => x.service === c.service && x.area === c.area) === i,
  );
  return {
    id: raw.id,
    origin: "scenario",
    type: raw.type,
    difficulty: raw.difficulty,
    scenario: raw.scenario,
    prompt: raw.question,
    choices: (raw.choices ?? []).map((c, k) => ({
      key: CHOICE_KEYS[k] as string,
      text: c.text,
      correct: c.correct,
      why: c.why,
      ...(c.fixed === true ? { fixed: true } : {}),
    })),
    duties: (raw.duties ?? []).map((d) => ({
      text: d.text,
      owner: d.owner,
      why: d.why,
      cell: parseCellRef(d.cell),
    })),
    explanation: raw.explanation,
    sources: raw.sources,
    exams: raw.exams,
    cells: unique,
  };
}
