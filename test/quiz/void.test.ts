import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { renderCard, renderPlain } from "../../src/views/plain.js";
import { memoryApp } from "../support/app.js";
import { letters, member, openRoundId, playRound, say } from "../support/people.js";

const admin = member("admin", { admin: true });

function count(app: ReturnType<typeof memoryApp>, table: string): number {
  return (app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe("withdrawing a question posted by mistake", () => {
  it("an admin's /srm void closes it without points, and the channel sees it withdrawn, not its answer", async () => {
    const app = memoryApp();
    await playRound(app, ["ann"], []);
    const streaksBefore = app.db.prepare("SELECT * FROM streaks ORDER BY user_id").all();
    const scoresBefore = app.db.prepare("SELECT * FROM scores ORDER BY period, user_id").all();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    const posted = app.announcer.last();
    const { right, wrong } = letters(app, id);
    await app.engine.press(`answer:${id}:${right}`, member("ann"));
    await app.engine.press(`answer:${id}:${wrong}`, member("bob"));
    const reply = await say(app, admin, "void");
    expect(reply).toContain("Withdrawn");
    expect(reply).toContain("2 answered");
    const shown = renderCard(posted?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX);
    expect(shown).toContain("Question withdrawn");
    expect(shown).not.toMatch(/Answer:|Correct|Why|right/);
    expect(posted?.card.actions ?? []).toEqual([]);
    expect(app.db.prepare("SELECT * FROM streaks ORDER BY user_id").all()).toEqual(streaksBefore);
    expect(app.db.prepare("SELECT * FROM scores ORDER BY period, user_id").all()).toEqual(scoresBefore);
    expect(await say(app, member("cy"), `answer ${right}`)).toContain("There is no open question");
    expect(renderPlain(await app.engine.press(`answer:${id}:${right}`, member("cy")), TEXT_SYNTAX)).toContain(
      "This question has closed",
    );
    expect(count(app, "answers")).toBe(3);
    // The next tick never reveals it, and recomputing the scores agrees with the stored ones.
    await app.engine.tick();
    expect(app.db.prepare("SELECT status, revealed_at FROM rounds WHERE id = ?").get(id)).toEqual({
      status: "closed",
      revealed_at: null,
    });
    expect(renderCard(posted?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX)).toContain(
      "Question withdrawn",
    );
    expect(scoreDifferences(app.db)).toEqual([]);
    expect(await say(app, member("ann"), "leaderboard all")).toMatch(/ann.*\b10\b/);
  });

  it("a withdrawn question may be asked again: the next question can be the same one", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const first = openRoundId(app);
    const qid = (
      app.db.prepare("SELECT question_id FROM rounds WHERE id = ?").get(first) as { question_id: string }
    ).question_id;
    await say(app, admin, "void");
    await say(app, admin, "daily now");
    const next = openRoundId(app);
    expect(next).not.toBe(first);
    expect(app.db.prepare("SELECT question_id FROM rounds WHERE id = ?").get(next)).toEqual({
      question_id: qid,
    });
  });

  it("is refused to members and where no question is open, with a clear message", async () => {
    const app = memoryApp();
    expect(await say(app, admin, "void")).toContain("There is no open question here right now");
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    expect(await say(app, member("eve"), "void")).toContain("/srm void is for admins");
    expect(openRoundId(app)).toBe(id);
    await say(app, admin, "reveal");
    expect(await say(app, admin, "void")).toContain("There is no open question here right now");
  });
});
