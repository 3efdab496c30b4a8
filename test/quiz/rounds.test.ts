import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { renderCard, renderPlain } from "../../src/views/plain.js";
import { memoryApp } from "../support/app.js";
import { channel, letters, member, openRoundId, say } from "../support/people.js";

const admin = member("admin", { admin: true });

describe("a round from post to reveal", () => {
  it("thirty people answer once each, the channel sees only the count, and the reveal shows the rest", async () => {
    const app = memoryApp();
    expect(await say(app, admin, "daily now")).toContain("Posted a question");
    const posted = app.announcer.last();
    expect(posted?.card.actions?.map((a) => a.label)).toHaveLength(4);
    const id = openRoundId(app);
    const { right, wrong } = letters(app, id);
    for (let i = 0; i < 30; i++) {
      const reply = renderPlain(
        await app.engine.press(`answer:${id}:${i < 20 ? right : wrong}`, member(`p${i}`)),
        TEXT_SYNTAX,
      );
      expect(reply).toContain(`Locked in: ${i < 20 ? right : wrong}`);
    }
    await app.engine.idle();
    expect(posted?.card.footer).toContain("30 answered");
    for (const version of posted?.history ?? []) {
      expect(renderCard(version, TEXT_SYNTAX)).not.toMatch(/Right:|Points:|p\d+/);
    }
    await say(app, admin, "reveal");
    const reveal = renderCard(posted?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX);
    expect(reveal).toContain(`Answer: ${right}`);
    expect(reveal).toContain("30 answered · 20 right");
    expect(reveal).toMatch(new RegExp(`${right}: 20`));
    expect(reveal).toMatch(new RegExp(`${wrong}: 10`));
    expect(reveal).toContain("p0 +10");
    expect(reveal).toContain("Source");
    // The answer buttons are gone; only "Flag" is left, for a question someone finds wrong.
    expect(posted?.card.actions?.map((a) => a.id)).toEqual([`flag:${id}`]);
  });

  it("a second answer from the same person is refused kindly and the first one stands", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    const { right, wrong } = letters(app, id);
    await app.engine.press(`answer:${id}:${wrong}`, member("ann"));
    const again = renderPlain(await app.engine.press(`answer:${id}:${right}`, member("ann")), TEXT_SYNTAX);
    expect(again).toContain(`You already answered ${wrong}`);
    expect(again).toContain("stands");
    await say(app, admin, "reveal");
    const rows = app.db.prepare("SELECT response, correct FROM answers WHERE round_id = ?").all(id);
    expect(rows).toEqual([{ response: JSON.stringify([wrong]), correct: 0 }]);
  });

  it("an answer after the reveal is refused with a clear message and not recorded", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    await say(app, admin, "reveal");
    const late = renderPlain(await app.engine.press(`answer:${id}:A`, member("late")), TEXT_SYNTAX);
    expect(late).toContain("This question has closed");
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
  });

  it("typed answers reach the channel's question, and a malformed one is explained", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    expect(await say(app, member("bo"), "answer E")).toContain('"E" is not one of the choices');
    expect(await say(app, member("bo"), "answer A B")).toContain("asks for exactly 1 choice; you gave 2");
    expect(await say(app, member("bo"), `answer ${letters(app, id).right.toLowerCase()}`)).toContain(
      "Locked in",
    );
  });

  it("only admins reveal or post; SRM_ADMINS counts as admin; the round is untouched by a refusal", async () => {
    const app = memoryApp({ SRM_ADMINS: "lead" });
    expect(await say(app, member("eve"), "daily now")).toContain("/srm daily now is for admins");
    await say(app, member("lead"), "daily now");
    const id = openRoundId(app);
    expect(await say(app, member("eve"), "reveal")).toContain("/srm reveal is for admins");
    expect(openRoundId(app)).toBe(id);
    expect(await say(app, member("lead"), "reveal")).toContain("Revealed");
  });

  it("a forged button for a round of another workspace, or a malformed id, changes nothing", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    const outsider = member("mallory", { workspaceId: "W2" });
    expect(renderPlain(await app.engine.press(`answer:${id}:A`, outsider), TEXT_SYNTAX)).toContain(
      "not in this channel",
    );
    for (const forged of [`answer:${id}:E`, "answer:999999:A", `answer:${id}:A;DROP`, "x".repeat(500), ""]) {
      expect(renderPlain(await app.engine.press(forged, member("mallory")), TEXT_SYNTAX)).toMatch(
        /not one of ours|not in this channel/,
      );
    }
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
  });

  it("one question at a time per channel; another channel has its own", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    expect(await say(app, admin, "daily now")).toContain("already open");
    expect(await say(app, admin, "daily now", channel("C2"))).toContain("Posted a question");
  });

  it("a failed post keeps the round open and is logged; the reveal is then posted as a new message", async () => {
    const app = memoryApp();
    app.announcer.failNext = 1;
    await say(app, admin, "daily now");
    expect(
      app.logger.lines.some((l) => l.level === "error" && l.message.includes("posting a round failed")),
    ).toBe(true);
    const id = openRoundId(app);
    await app.engine.press(`answer:${id}:${letters(app, id).right}`, member("ann"));
    await say(app, admin, "reveal");
    expect(
      renderCard(app.announcer.last()?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX),
    ).toContain("Answer:");
    expect(scoreDifferences(app.db)).toEqual([]);
  });
});

describe("private questions with /srm quiz", () => {
  it("are answered and explained at once, count in stats, not in the channel's points", async () => {
    const app = memoryApp();
    const question = await say(app, member("kim"), "quiz");
    expect(question).toContain("Your practice question");
    const round = app.db.prepare("SELECT id, question_json FROM rounds WHERE kind = 'private'").get() as {
      id: number;
      question_json: string;
    };
    const q = JSON.parse(round.question_json) as {
      type: string;
      choices: { key: string; correct: boolean }[];
      duties: { owner: string }[];
    };
    const answer =
      q.type === "split"
        ? q.duties.map((d) => d.owner).join(" ")
        : q.choices
            .filter((c) => c.correct)
            .map((c) => c.key)
            .join(" ");
    const result = await say(app, member("kim"), `answer ${answer}`);
    expect(result).toContain("Right!");
    expect(result).toContain("Source");
    expect(await say(app, member("kim"), "stats")).toMatch(/\n\s+1\s+100%/);
    expect(await say(app, member("kim"), "leaderboard all")).toContain("No points yet");
    expect(renderPlain(await app.engine.press(`answer:${round.id}:A`, member("kim")), TEXT_SYNTAX)).toContain(
      "already answered",
    );
  });

  it("someone else's private question cannot be answered", async () => {
    const app = memoryApp();
    await say(app, member("kim"), "quiz");
    const round = app.db.prepare("SELECT id FROM rounds WHERE kind = 'private'").get() as { id: number };
    expect(renderPlain(await app.engine.press(`answer:${round.id}:A`, member("lee")), TEXT_SYNTAX)).toContain(
      "someone else's",
    );
  });
});
