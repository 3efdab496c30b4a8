import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { renderPlain } from "../../src/views/plain.js";
import { memoryApp } from "../support/app.js";
import { channel, member, playRound, say } from "../support/people.js";

type TestApp = ReturnType<typeof memoryApp>;

const [ann, bob] = [member("ann"), member("bob")];

/** Rows of the test workspace that name a person, in the tables that hold people's ids. */
function rowsOf(app: TestApp, user: string, workspace = "W1"): number {
  const inWorkspace = (table: string, column = "user_id") =>
    app.db
      .prepare(`SELECT count(*) FROM ${table} WHERE workspace = ? AND ${column} = ?`)
      .pluck()
      .get(workspace, user) as number;
  const answers = app.db
    .prepare(
      "SELECT count(*) FROM answers a JOIN rounds r ON r.id = a.round_id WHERE r.workspace = ? AND a.user_id = ?",
    )
    .pluck()
    .get(workspace, user) as number;
  return (
    answers +
    ["scores", "streaks", "practice_cards", "practice_sessions", "practice_prefs", "exams", "question_flags"]
      .map((t) => inWorkspace(t))
      .reduce((a, b) => a + b, 0) +
    inWorkspace("rounds", "player")
  );
}

/** Ann, Bob and Cy answer two channel questions; Ann and Bob each take a private quiz and set a practice path. */
async function studied(app: TestApp) {
  await playRound(app, ["ann", "bob"], ["cy"]);
  app.clock.advance(3_600_000);
  await playRound(app, ["ann"], ["bob"]);
  for (const who of [ann, bob]) {
    await say(app, who, "quiz");
    await say(app, who, "answer A");
  }
  await say(app, ann, "flag 1 typo");
}

describe("/srm forget me", () => {
  it("asks first, privately; the typed confirmation deletes the person's data and everyone else's scores stay true", async () => {
    const app = memoryApp();
    await studied(app);
    const annRows = rowsOf(app, "ann");
    const bobRows = rowsOf(app, "bob");
    const posts = app.announcer.messages.length;
    expect(annRows).toBeGreaterThan(8);

    const asked = await app.engine.handle({ text: "forget me", actor: ann, channel: channel() });
    expect(asked.visibility).toBe("private");
    expect(renderPlain(asked, TEXT_SYNTAX)).toContain("Forget everything srm-bot keeps about you here?");
    expect(renderPlain(asked, TEXT_SYNTAX)).toContain("/srm forget me confirm");
    expect(rowsOf(app, "ann")).toBe(annRows);

    const done = await app.engine.handle({ text: "forget me confirm", actor: ann, channel: channel() });
    expect(done.visibility).toBe("private");
    expect(renderPlain(done, TEXT_SYNTAX)).toMatch(
      /Forgotten[\s\S]*Deleted: \d+ answers, 1 private question, \d+ memory cards/,
    );
    expect(rowsOf(app, "ann")).toBe(0);
    expect(rowsOf(app, "bob")).toBe(bobRows);
    expect(scoreDifferences(app.db)).toEqual([]);
    expect(await say(app, bob, "leaderboard")).not.toContain("ann");
    expect(app.announcer.messages.length).toBe(posts);
    // The log says a person was forgotten, never who, nor what they typed.
    expect(app.logger.lines.map((l) => l.message)).toContain("a person's data was forgotten");
    expect(JSON.stringify(app.logger.lines)).not.toContain('"ann"');
    expect(JSON.stringify(app.logger.lines)).not.toContain("confirm");
  });

  it("a confirmation with no ask, or after ten minutes, deletes nothing and says how to start again", async () => {
    const app = memoryApp();
    await studied(app);
    const annRows = rowsOf(app, "ann");
    expect(await say(app, ann, "forget me confirm")).toContain("Nothing was deleted");
    await say(app, ann, "forget me");
    app.clock.advance(10 * 60_000 + 1_000);
    expect(await say(app, ann, "forget me confirm")).toContain("Nothing was deleted");
    expect(rowsOf(app, "ann")).toBe(annRows);
  });

  it("the Forget me button confirms for the person who pressed it, and only after their own ask", async () => {
    const app = memoryApp();
    await studied(app);
    const asked = await app.engine.handle({ text: "forget me", actor: ann, channel: channel() });
    const button = asked.cards[0]?.actions?.[0];
    expect(button?.label).toBe("Forget me");
    const bobRows = rowsOf(app, "bob");
    expect(renderPlain(await app.engine.press(button?.id ?? "", bob), TEXT_SYNTAX)).toContain(
      "Nothing was deleted",
    );
    expect(rowsOf(app, "bob")).toBe(bobRows);
    expect(renderPlain(await app.engine.press(button?.id ?? "", ann), TEXT_SYNTAX)).toContain("Forgotten");
    expect(rowsOf(app, "ann")).toBe(0);
    expect(scoreDifferences(app.db)).toEqual([]);
  });

  it("in a Discord user's own workspace everything goes, the lookups made there included", async () => {
    const app = memoryApp();
    const dee: Actor = {
      platform: "discord",
      workspaceId: "user-D1",
      userId: "D1",
      displayName: "Dee",
      platformAdmin: false,
    };
    const dm: ChannelRef = { platform: "discord", workspaceId: "user-D1", channelId: "DM1" };
    const run = (text: string) => app.engine.handle({ text, actor: dee, channel: dm });
    await run("ec2 guest os patching");
    await run("quiz");
    await run("answer A");
    await run("forget me");
    expect(renderPlain(await run("forget me confirm"), TEXT_SYNTAX)).toContain("Forgotten");
    const left = ["lookups", "rounds", "practice_cards", "scores"].map(
      (t) => app.db.prepare(`SELECT count(*) FROM ${t} WHERE workspace = 'user-D1'`).pluck().get() as number,
    );
    expect(left).toEqual([0, 0, 0, 0]);
  });
});
