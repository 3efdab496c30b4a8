import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookupJson } from "../../src/commands/lookup-json.js";
import { realLookup, realMatrix } from "../support/app.js";
import { grade, type Phrasing, readPhrasings, type Verdict } from "./phrasing-suite.js";

const matrix = realMatrix();
const lookup = realLookup();
const suite = readPhrasings(join(import.meta.dirname, "phrasings.txt"));
const graded = suite.map((p) => ({ p, verdict: grade(matrix, lookup, p) }));

function count(filter: (p: Phrasing, v: Verdict) => boolean): number {
  return graded.filter(({ p, verdict }) => filter(p, verdict)).length;
}

function listing(filter: (p: Phrasing, v: Verdict) => boolean): string[] {
  return graded
    .filter(({ p, verdict }) => filter(p, verdict))
    .map(
      ({ p, verdict }) =>
        `line ${p.line} [${verdict}] "${p.question}": ${lookupJson(lookup.lookup(p.question)).text.split("\n")[0]}`,
    );
}

const answerable = (p: Phrasing) => p.expected.kind !== "unknown" && p.expected.kind !== "clarify";
const notAws = (p: Phrasing) => p.expected.kind === "unknown";

describe("the phrasing suite: realistic questions as people type them", () => {
  it("has at least 400 questions", () => {
    expect(suite.length).toBeGreaterThanOrEqual(400);
  });

  it("answers at least nine answerable questions in ten directly and rightly (and prints its figures)", () => {
    const total = count(answerable);
    const right = count((p, v) => answerable(p) && v === "right");
    const figures = {
      questions: suite.length,
      answerable: total,
      "answered directly and rightly": right,
      "share right": `${((100 * right) / total).toFixed(1)}%`,
      "asked back": count((p, v) => answerable(p) && v === "asked-back"),
      "said unknown": count((p, v) => answerable(p) && v === "unknown"),
      "another answer": count((p, v) => answerable(p) && v === "other"),
      "wrong owners": count((_p, v) => v === "wrong-owner"),
      "not-AWS questions called unknown": `${count((p, v) => notAws(p) && v === "right")} of ${count(notAws)}`,
      "clarifications asked where expected": `${count((p, v) => p.expected.kind === "clarify" && v === "right")} of ${count((p) => p.expected.kind === "clarify")}`,
    };
    console.log(`[figures] phrasing suite: ${JSON.stringify(figures)}`);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it("never states a wrong owner", () => {
    expect(listing((_p, v) => v === "wrong-owner")).toEqual([]);
  });

  it("calls every question about something that is not AWS unknown", () => {
    expect(listing((p, v) => notAws(p) && v !== "right")).toEqual([]);
  });
});
