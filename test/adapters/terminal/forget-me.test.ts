import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { TerminalFrontEnd } from "../../../adapters/terminal/terminal.js";
import { memoryApp, sink } from "../../support/app.js";

describe("/srm forget me in the terminal", () => {
  it("asks, then the typed confirmation forgets the acting person only", async () => {
    const app = memoryApp();
    const input = new PassThrough();
    const output = sink();
    const done = new TerminalFrontEnd({ engine: app.engine, input, output }).run();
    const lines = [
      "/as bob",
      "/srm quiz",
      "/answer A",
      "/as ann",
      "/srm quiz",
      "/answer A",
      "/srm forget me",
      "/srm forget me confirm",
    ];
    input.end(`${lines.join("\n")}\n`);
    await done;
    const text = output.text();
    expect(text).toContain("Forget everything srm-bot keeps about you here?");
    expect(text).toContain("type /srm forget me confirm before");
    expect(text).toMatch(
      /Forgotten\nsrm-bot keeps nothing of yours in this workspace any more\. Deleted: 1 answer, 1 private question/,
    );
    const players = app.db.prepare("SELECT player FROM rounds ORDER BY id").pluck().all();
    expect(players).toEqual(["bob"]);
  });
});
