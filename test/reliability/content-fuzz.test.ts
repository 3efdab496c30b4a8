import { describe, it } from "vitest";
import { fuzzContent } from "./support/content-fuzzing.js";
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
});
