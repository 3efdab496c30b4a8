import { describe, it } from "vitest";
import { fuzzDiscord } from "./support/discord-fuzzing.js";
import { report } from "./support/figures.js";
import { scaled } from "./support/scale.js";

describe("hostile Discord interactions through the real discord.js client", () => {
  it(
    "commands, autocomplete and buttons with hostile values, forged ids and tampered parts never break the bot or a score",
    async () => {
      const tally = await fuzzDiscord(false, 15);
      report("Discord interaction fuzz (real discord.js client, loopback gateway and REST)", tally.figures());
    },
    scaled(60_000),
  );
});
