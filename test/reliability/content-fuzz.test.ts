import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content.js";
import { ContentInvalid } from "../../src/knowledge/content-file.js";
import { contentCopy, fuzzContent } from "./support/content-fuzzing.js";
import { report } from "./support/figures.js";
import { scaled } from "./support/scale.js";

describe("the matrix and question files under random mutation", () => {
  it(
    "loading either succeeds or throws ContentInvalid whose every problem names a file of the copy and a line in it",
    () => {
      report("content fuzz (mutated copies of questions/)", fuzzContent(15).figures());
    },
    scaled(60_000),
  );

  it.each([
    ["an explanation written as *important", "explanation: *important"],
    ["a source pasted as *https://docs.aws.amazon.com/", "explanation: *https://docs.aws.amazon.com/"],
  ])(
    "%s (a YAML alias without its anchor) is refused as ContentInvalid at its file and line",
    (_what, line) => {
      const { dir, remove } = contentCopy();
      try {
        const path = join(dir, "scenarios", "compute-storage.yaml");
        const lines = readFileSync(path, "utf8").split("\n");
        const at = lines.findIndex((l) => /^\s+explanation: /.test(l));
        lines[at] = lines[at]?.replace(/explanation: .*/, line) ?? "";
        writeFileSync(path, lines.join("\n"));
        let thrown: unknown;
        try {
          loadContent(dir);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(ContentInvalid);
        expect((thrown as ContentInvalid).problems).toContainEqual(
          expect.objectContaining({ file: "questions/scenarios/compute-storage.yaml", line: at + 1 }),
        );
      } finally {
        remove();
      }
    },
  );
});
