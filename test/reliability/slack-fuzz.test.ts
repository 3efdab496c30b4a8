import { afterAll, describe, it } from "vitest";
import { report, Tally } from "./support/figures.js";
import { scaled } from "./support/scale.js";
import { fuzzSlack } from "./support/slack-fuzzing.js";

const figures = new Tally();
afterAll(() => report("Slack payload fuzz (signed, through Bolt's HTTP receiver)", figures.figures()));

describe("hostile Slack payloads through the real Bolt receiver", () => {
  it(
    "signed commands and clicks with holes, wrong types, huge text and forged buttons never break the bot or a score",
    async () => {
      const tally = await fuzzSlack({ knownBugs: false }, 2);
      for (const [k, v] of Object.entries(tally.figures())) figures.add(k, v);
    },
    scaled(40_000),
  );
});
