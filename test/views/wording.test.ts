import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { answerOpen, openPrivate } from "../practice/support.js";
import { memoryApp } from "../support/app.js";
import { member, playRound, say } from "../support/people.js";

const ann = member("ann");

describe("replies read as sentences", () => {
  it('an answer that is not a choice says so without a stray "Please"', async () => {
    const app = memoryApp();
    await say(app, ann, "drill ec2 os patching");
    const reply = await say(app, ann, "answer 1");
    expect(reply).not.toContain("Please");
    expect(reply).toMatch(
      /That answer was not taken\n"1" is not one of the choices \([A-D, ]+\)\. Nothing was stored: you can answer again\./,
    );
  });

  it('a right private answer reads "Right! You answered ...", never "Right!: you"', async () => {
    const app = memoryApp();
    await say(app, ann, "drill ec2 os patching");
    const reply = await answerOpen(app, ann, true);
    expect(reply).toMatch(/^Right! You answered [A-D]/);
    expect(reply).not.toContain("!:");
    expect(reply).not.toContain("the answer is");
  });

  it('a reveal reads "Answer: B (2 answered · 1 right)", not "Answer: B: 2 answered"', async () => {
    const app = memoryApp();
    await playRound(app, ["ann"], ["bob"]);
    const reveal = app.announcer.messages.find((m) => m.card.title.startsWith("Answer:"));
    const text = renderPlain(
      {
        visibility: "channel",
        cards: [reveal?.card ?? { accent: "neutral", title: "", sections: [] }],
      },
      TEXT_SYNTAX,
    );
    expect(text).toMatch(/^Answer: [A-D](, [A-D])* \(2 answered · 1 right\)/);
  });

  it("help names services and areas under their own labels, and a leaderboard title has one pair of brackets", async () => {
    const app = memoryApp();
    const help = await say(app, ann, "help");
    expect(help).not.toContain("Names: Services:");
    expect(help).toMatch(/\nServices \(\d+\): ec2, /);
    expect(help).toMatch(/\nAreas \(\d+\): physical-security, /);
    expect(await say(app, ann, "leaderboard")).toMatch(
      /^Leaderboard: This week \(\d{4}-W\d\d\), 0 people with points/,
    );
  });

  it("a misspelt service in settings suggests the nearest one", async () => {
    const admin = member("root", { admin: true });
    expect(await say(memoryApp(), admin, "settings services ec9")).toContain(
      'Unknown service id "ec9" (did you mean "ec2"?); known: ',
    );
  });

  it('How sure? reads "Noted: certain (rated good)", not "Noted: certain: rated good"', async () => {
    const app = memoryApp();
    await say(app, ann, "drill ec2 os patching");
    const roundId = openPrivate(app, ann)?.id as number;
    await answerOpen(app, ann, true);
    const reply = renderPlain(await app.engine.press(`sure:${roundId}:certain`, ann), TEXT_SYNTAX);
    expect(reply).toMatch(/^Noted: certain \(rated good\)/);
  });
});
