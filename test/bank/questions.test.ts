import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint, ledgerProblems, readLedger } from "../../src/bank/id-ledger.js";
import { ownerOfRef } from "../../src/bank/load-questions.js";
import { loadConfig } from "../../src/config.js";
import { correctResponse, type Question } from "../../src/domain/question.js";
import { ContentInvalid } from "../../src/knowledge/content-file.js";
import { loadContent } from "../../src/main.js";
import { realContent } from "../support/app.js";

const { matrix, bank } = realContent();

function contentCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "srm-content-")), "questions");
  cpSync(loadConfig({}).contentDir, dir, { recursive: true });
  return dir;
}

describe("the scenario questions", () => {
  it("number at least 150, with select-all and split-the-duties items among them", () => {
    expect(bank.scenarios.length).toBeGreaterThanOrEqual(150);
    expect(bank.scenarios.filter((q) => q.type === "multi").length).toBeGreaterThanOrEqual(6);
    expect(bank.scenarios.filter((q) => q.type === "split").length).toBeGreaterThanOrEqual(6);
  });

  it("have unique ids, never shared with a generated drill", () => {
    const ids = [...bank.scenarios, ...bank.drills].map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("cover every service and variant of the matrix", () => {
    const tested = new Set(bank.scenarios.flatMap((q) => q.cells.map((c) => c.service)));
    expect(matrix.services.map((s) => s.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it("explain every choice, and have the right number of correct choices", () => {
    for (const q of bank.scenarios) {
      for (const c of q.choices) expect(c.why.length, q.id).toBeGreaterThan(10);
      const right = q.choices.filter((c) => c.correct).length;
      if (q.type === "single") expect(right, q.id).toBe(1);
      if (q.type === "multi") expect(right, q.id).toBeGreaterThanOrEqual(2);
      if (q.type === "split") expect(q.duties.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.sources.length, q.id).toBeGreaterThan(0);
    }
  });

  it("agree with the matrix: every split duty's owner matches its cell unless the cell is shared", () => {
    for (const q of bank.scenarios) {
      for (const d of q.duties) {
        const found = ownerOfRef(matrix, d.cell);
        expect("owner" in found, `${q.id}: ${JSON.stringify(found)}`).toBe(true);
        if ("owner" in found && found.owner !== "shared")
          expect(d.owner, `${q.id}: ${d.text}`).toBe(found.owner);
      }
    }
  });

  it("a question whose check disagrees with the matrix stops loading with file, line and both owners", () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex(
      (l) => /^\s+owner: customer\s*$/.test(l) && /cell: /.test(lines[lines.indexOf(l) - 1] ?? ""),
    );
    expect(at).toBeGreaterThan(0);
    lines[at] = (lines[at] as string).replace("customer", "aws");
    writeFileSync(file, lines.join("\n"));
    try {
      loadContent(dir);
      expect.unreachable("the tampered question loaded");
    } catch (error) {
      expect(error).toBeInstanceOf(ContentInvalid);
      expect((error as ContentInvalid).message).toContain(
        `scenarios/compute-storage.yaml:${at + 1}: says aws, but the matrix says customer`,
      );
    }
  });

  it("a repeated id and a single question with two correct choices are reported", () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "data-serverless.yaml");
    const text = readFileSync(file, "utf8");
    const firstId = /\n {2}- id: ([\w-]+)/.exec(text)?.[1] as string;
    const secondId = [...text.matchAll(/\n {2}- id: ([\w-]+)/g)][1]?.[1] as string;
    writeFileSync(
      file,
      text.replace(`- id: ${secondId}`, `- id: ${firstId}`).replace(/correct: false/, "correct: true"),
    );
    expect(() => loadContent(dir)).toThrow(
      new RegExp(`id "${firstId}" is already used at questions/scenarios/data-serverless.yaml:\\d+`),
    );
  });
});

describe("the answer key of the scenario questions", () => {
  it("is spread over the letters: no letter is right in more than 35% of single-choice questions", () => {
    const singles = bank.scenarios.filter((q) => q.type === "single");
    expect(singles.length).toBeGreaterThan(100);
    for (const letter of ["A", "B", "C", "D"]) {
      const right = singles.filter((q) => correctResponse(q)[0] === letter).length;
      expect(right / singles.length, letter).toBeLessThanOrEqual(0.35);
    }
  });

  it("is spread over the letters in select-all questions too", () => {
    const multis = bank.scenarios.filter((q) => q.type === "multi");
    const keys = multis.flatMap((q) => correctResponse(q));
    for (const letter of ["A", "B", "C", "D"])
      expect(keys.filter((k) => k === letter).length / keys.length, letter).toBeLessThanOrEqual(0.35);
  });

  it("a choice that refers to the others must be marked to keep its place, or loading names it", () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const text = readFileSync(file, "utf8");
    const first = /\n {6}- text: (.+)\n/.exec(text)?.[1] as string;
    writeFileSync(file, text.replace(`- text: ${first}\n`, "- text: All of the above\n"));
    expect(() => loadContent(dir)).toThrow(/"All of the above" refers to the other choices.*fixed: true/);
    writeFileSync(
      file,
      text.replace(`- text: ${first}\n`, "- text: All of the above\n        fixed: true\n"),
    );
    expect(() => loadContent(dir)).not.toThrow();
  });
});

describe("explanations of shuffled choices", () => {
  it("may not name a choice by its letter: loading names the file and line", () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "data-serverless.yaml");
    const text = readFileSync(file, "utf8");
    const why = /\n {8}why: (.+)\n/.exec(text)?.[1] as string;
    const line = text.slice(0, text.indexOf(`why: ${why}`)).split("\n").length;
    writeFileSync(
      file,
      text.replace(`why: ${why}`, "why: Unlike choice B, this one leaves the keys with you."),
    );
    expect(() => loadContent(dir)).toThrow(
      `scenarios/data-serverless.yaml:${line}: names a choice by its letter, but choices are shuffled when asked`,
    );
  });
});

describe("published question ids", () => {
  it("every scenario question is in the ledger with the fingerprint it was published with", () => {
    expect(ledgerProblems(bank.scenarios, readLedger(loadConfig({}).contentDir))).toEqual([]);
  });

  it("a retired id given to a different question is caught, and a new question must be added", () => {
    const q = bank.scenarios[0] as Question;
    const ledger = new Map([[q.id, "000000000000"]]);
    const other = { ...q, id: "brand-new-1" };
    const problems = ledgerProblems([q, other], ledger);
    expect(problems[0]).toContain(`${q.id}: now tests other cells or has other correct answers`);
    expect(problems[1]).toContain('brand-new-1: a new question; add "brand-new-1');
  });

  it("rewording a question keeps its fingerprint; changing what it tests does not", () => {
    const q = bank.scenarios[0] as Question;
    expect(fingerprint({ ...q, prompt: `${q.prompt} (reworded)` })).toBe(fingerprint(q));
    expect(fingerprint({ ...q, cells: [{ service: "s3", area: "hypervisor" }] })).not.toBe(fingerprint(q));
  });
});

describe("drills generated from the matrix", () => {
  it("ask who owns each cell that applies, and the right answer is the matrix owner", () => {
    const drills = bank.drills.filter((q) => q.origin === "drill");
    const applicable = matrix.services.flatMap((s) =>
      matrix.areas.filter((a) => matrix.cell(s, a).cell.applies),
    );
    expect(drills).toHaveLength(applicable.length);
    const label = { aws: "AWS", customer: "The customer", shared: "Shared" };
    for (const q of drills) {
      const cell = q.cells[0] as { service: string; area: string };
      const owner = ownerOfRef(matrix, cell);
      if (!("owner" in owner)) throw new Error(q.id);
      const right = q.choices.filter((c) => c.correct);
      expect(right, q.id).toHaveLength(1);
      expect(right[0]?.text.startsWith(label[owner.owner]), q.id).toBe(true);
    }
  });

  it("contrast services whose owners differ, with exactly one service where the owner is alone", () => {
    const contrasts = bank.drills.filter((q) => q.origin === "contrast");
    expect(contrasts.length).toBeGreaterThan(20);
    for (const q of contrasts) {
      const owner = q.id.includes("-customer-") ? "customer" : "aws";
      const owners = q.cells.map((c) =>
        "owner" in ownerOfRef(matrix, c) ? (ownerOfRef(matrix, c) as { owner: string }).owner : null,
      );
      expect(
        owners.filter((o) => o === owner),
        q.id,
      ).toHaveLength(1);
      expect(correctResponse(q), q.id).toHaveLength(1);
    }
    expect(contrasts.some((q) => q.id.startsWith("contrast-guest-os-patching-customer-ec2"))).toBe(true);
  });
});

describe("the explanation of a wrong drill answer", () => {
  const owners = { AWS: "AWS", "The customer": "the customer", Shared: "shared" } as const;

  it("says in full sentences why that owner is wrong, from the cell's parts, never repeating the right answer's words", () => {
    const drills = bank.drills.filter((q) => q.origin === "drill");
    expect(drills.length).toBeGreaterThan(300);
    for (const q of drills) {
      const right = q.choices.find((c) => c.correct) as { why: string };
      const service = matrix.service(q.cells[0]?.service ?? "");
      const area = matrix.area(q.cells[0]?.area ?? "");
      if (!service || !area) throw new Error(q.id);
      const { cell } = matrix.cell(service, area);
      if (!cell.applies) throw new Error(q.id);
      for (const c of q.choices.filter((x) => !x.correct)) {
        const named = Object.entries(owners).find(([label]) => c.text.startsWith(label))?.[1] as string;
        expect(c.why, `${q.id} ${c.text}`).toMatch(new RegExp(`^Not ${named}( alone)?: on [^,]+, `));
        expect(c.why, q.id).toMatch(/\.$/);
        expect(c.why, q.id).not.toContain(right.why);
        expect(c.why.includes(cell.aws.trim()) || c.why.includes(cell.customer.trim()), q.id).toBe(true);
      }
    }
  });

  it("in a contrast drill, names the wrong service and who owns the duty there", () => {
    for (const q of bank.drills.filter((d) => d.origin === "contrast")) {
      const right = q.choices.find((c) => c.correct) as { why: string };
      for (const c of q.choices.filter((x) => !x.correct)) {
        expect(c.why, q.id).toMatch(
          new RegExp(`^Not ${c.text.replace(/[()]/g, "\\$&")}: there this duty is `),
        );
        expect(c.why, q.id).not.toContain(right.why);
      }
    }
  });
});
