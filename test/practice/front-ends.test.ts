import { describe, expect, it } from "vitest";
import { TerminalFrontEnd } from "../../adapters/terminal/terminal.js";
import { howSureCard, withQuizMe } from "../../src/views/practice-view.js";
import { ManualClock, memoryApp, person, sink } from "../support/app.js";
import { answerWords, DAY } from "./support.js";

describe("practice in every front end", () => {
  it("the terminal runs Quiz me, How sure and a practice on typed commands alone", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(person("you", true), "0");
    const terminal = new TerminalFrontEnd({ engine: app.engine, input: sink(), output: sink() });
    const lookup = await terminal.handleLine("/srm ec2 os-patching");
    expect(lookup).toContain("[1] Quiz me on this");
    expect(await terminal.handleLine("/srm drill ec2 os-patching")).toContain("Quiz me");
    const you = person("you", true);
    expect(await terminal.handleLine(`/answer ${answerWords(app, you, true)}`)).toContain(
      "How sure were you?",
    );
    expect(await terminal.handleLine("/srm sure guess")).toContain("Noted: a guess");
    clock.advance(30 * DAY);
    expect(await terminal.handleLine("/srm practice")).toContain("Practice");
    expect(await terminal.handleLine(`/answer ${answerWords(app, you, true)}`)).toContain(
      "Nothing more is due",
    );
  });

  it("practice buttons fit Slack's and Discord's limits for ids and labels", () => {
    const app = memoryApp();
    const longest = app.matrix.services
      .flatMap((s) =>
        app.matrix.areas.map((a) => withQuizMe({ accent: "neutral", title: "", sections: [] }, s.id, a.id)),
      )
      .flatMap((c) => c.actions ?? []);
    const actions = [...longest, ...(howSureCard(999_999_999_999).actions ?? [])];
    for (const a of actions) {
      expect(a.id.length).toBeLessThan(100);
      expect(a.label.length).toBeLessThanOrEqual(75);
    }
  });
});
