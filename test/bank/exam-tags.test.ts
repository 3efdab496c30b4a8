import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { EXAM_IDS } from "../../src/domain/exam.js";
import { realContent, sink } from "../support/app.js";

const { bank } = realContent();

async function cli(args: string[], env: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("exam tags on the scenario questions", () => {
  it("every scenario names at least one exam it is written for", () => {
    for (const q of bank.scenarios) expect(q.exams?.length ?? 0, q.id).toBeGreaterThan(0);
  });

  it("each exam has enough single and select-all questions for a 20-question mock exam, from many services", () => {
    for (const exam of EXAM_IDS) {
      const tagged = bank.scenarios.filter((q) => q.exams?.includes(exam) && q.type !== "split");
      expect(tagged.length, exam).toBeGreaterThanOrEqual(100);
      expect(new Set(tagged.map((q) => q.cells[0]?.service)).size, exam).toBeGreaterThanOrEqual(20);
    }
  });

  it("Cloud Practitioner questions are the model's basics: none of them is hard", () => {
    const hard = bank.scenarios.filter((q) => q.exams?.includes("clf-c02") && q.difficulty === "hard");
    expect(hard.map((q) => q.id)).toEqual([]);
  });

  it("srm questions check refuses a scenario without an exam tag, with its file and line", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "srm-content-")), "questions");
    cpSync(loadConfig({}).contentDir, dir, { recursive: true });
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => /^\s+exams: /.test(l));
    lines.splice(at, 1);
    writeFileSync(file, lines.join("\n"));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/questions\/scenarios\/compute-storage\.yaml:\d+: .*exams/);
  });
});
