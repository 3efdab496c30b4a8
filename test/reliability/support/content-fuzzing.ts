import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { loadContent } from "../../../src/content.js";
import { ContentInvalid } from "../../../src/knowledge/content-file.js";
import { Tally } from "./figures.js";
import { checkParams } from "./scale.js";
import { mutate, yamlMutation } from "./yaml-mutations.js";

/** A fresh copy of the shipped questions/ folder, and its YAML files (relative paths, sorted). */
export function contentCopy(): { dir: string; files: string[]; remove(): void } {
  const dir = join(mkdtempSync(join(tmpdir(), "srm-content-")), "questions");
  cpSync(loadConfig({}).contentDir, dir, { recursive: true });
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  return { dir, files, remove: () => rmSync(join(dir, ".."), { recursive: true, force: true }) };
}

/** Checks that every problem names a file (or, for a missing file, its folder) of the copy and a line in it. */
function expectLocated(dir: string, error: ContentInvalid): void {
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    const onDisk = join(dir, "..", p.file);
    expect(relative(dir, onDisk).startsWith(".."), `${p.file} is outside the content`).toBe(false);
    // A missing file is reported against its folder, at line 1 ("add cells/x.yaml").
    const lines = statSync(onDisk).isDirectory() ? 0 : readFileSync(onDisk, "utf8").split("\n").length;
    expect(
      Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1,
      `${p.file}:${p.line} of ${lines}`,
    ).toBe(true);
    expect(p.message.trim()).not.toBe("");
  }
}

/**
 * Mutates one YAML file of a copy of questions/ per run (one to three mutations), loads the whole content,
 * and checks it either loads or is refused with ContentInvalid and located problems; never anything else.
 */
export function fuzzContent(runs: number): Tally {
  const { dir, files, remove } = contentCopy();
  const tally = new Tally();
  try {
    fc.assert(
      fc.property(fc.nat(), fc.array(yamlMutation(), { minLength: 1, maxLength: 3 }), (pick, mutations) => {
        const path = join(dir, files[pick % files.length] as string);
        const original = readFileSync(path, "utf8");
        const changed = mutations.reduce(mutate, original);
        writeFileSync(path, changed);
        try {
          loadContent(dir);
          tally.add(changed === original ? "unchanged (mutation was a no-op)" : "still valid after mutation");
        } catch (error) {
          if (!(error instanceof ContentInvalid)) throw error;
          expectLocated(dir, error);
          tally.add("refused with file:line problems");
          tally.add("problems reported", error.problems.length);
        } finally {
          writeFileSync(path, original);
          tally.add("mutated files loaded");
        }
      }),
      checkParams(runs),
    );
    return tally;
  } finally {
    remove();
  }
}
