import { describe, expect, it } from "vitest";
import { waitFor } from "../fakes/discord/wait.js";
import { memoryApp, person, terminalChannel } from "../support/app.js";
import { report } from "./support/figures.js";

describe("lookup statistics the database cannot take", () => {
  it("on a read-only database a lookup is answered, and the lost statistics are logged, not thrown", async () => {
    const app = memoryApp();
    app.db.pragma("query_only = ON");
    const reply = await app.engine.handle({
      text: "ec2 os-patching",
      actor: person("ann"),
      channel: terminalChannel,
    });
    expect(reply.cards[0]?.title).toBe("Customer");
    // They are written a moment after the reply, on a timer: a throw there would end the process (and fail
    // this test run as an uncaught exception), so the failure must be logged instead.
    await waitFor(
      () =>
        app.logger.lines.some((l) => /lookup/i.test(l.message) && /readonly/i.test(String(l.fields?.error))),
      "the lost statistics to be logged",
      2_000,
    );
    app.db.pragma("query_only = OFF");
    app.close();
    report("lookup statistics on a read-only database", { "lookups answered": 1, "process crashes": 0 });
  });
});
