import { describe, expect, it } from "vitest";
import { choicesToMake } from "../../src/domain/question.js";
import { SqliteRoundStore } from "../../src/store/round-store.js";
import { openPrivate, responseTo } from "../practice/support.js";
import { memoryApp } from "../support/app.js";
import { channel, member, openRoundId, say } from "../support/people.js";

type TestApp = ReturnType<typeof memoryApp>;

const ann = member("ann");

/** Opens a private round on one shipped question for `ann`, as /srm quiz would have. */
function askPrivately(app: TestApp, questionId: string): void {
  const question = app.bank.get(questionId);
  if (!question) throw new Error(`no question ${questionId}`);
  new SqliteRoundStore(app.db).open({
    channel: channel(),
    kind: "private",
    player: ann.userId,
    question,
    speedBonus: false,
    competitionId: null,
    openedAt: app.clock.now(),
    closesAt: null,
    choiceOrder: null,
  });
}

/** The words that answer ann's open private question right. */
function rightWords(app: TestApp): string {
  const asked = openPrivate(app, ann);
  if (!asked) throw new Error("ann has no open private question");
  return responseTo(asked.question, true);
}

function answersStored(app: TestApp): number {
  return (app.db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
}

describe("an answer with the wrong number of parts is refused with the rule, and nothing is stored", () => {
  it("a Select TWO question answered with one letter is refused, and a right answer of two letters then counts", async () => {
    const app = memoryApp();
    askPrivately(app, "ec2-customer-duties-multi-1");
    const asked = openPrivate(app, ann);
    expect(asked?.question.type).toBe("multi");
    const one = rightWords(app).split(" ")[0] as string;
    const refused = await say(app, ann, `answer ${one}`);
    expect(refused).toContain("This question asks for exactly 2 choices; you gave 1.");
    expect(refused).toContain("Answer with two letters, e.g. /srm answer A C");
    expect(answersStored(app)).toBe(0);
    expect(openPrivate(app, ann)?.id).toBe(asked?.id);
    expect(await say(app, ann, `answer ${rightWords(app)}`)).toContain("Right!");
  });

  it("a Select TWO question answered with three letters is refused too", async () => {
    const app = memoryApp();
    askPrivately(app, "ec2-customer-duties-multi-1");
    expect(await say(app, ann, "answer A B C")).toContain("exactly 2 choices; you gave 3");
    expect(answersStored(app)).toBe(0);
  });

  it("the question itself says how many to choose and how to answer", async () => {
    const app = memoryApp();
    askPrivately(app, "ec2-customer-duties-multi-1");
    const shown = await say(app, ann, "quiz");
    expect(shown).toContain("Select exactly two.");
    expect(shown).not.toContain("Select all that apply");
    expect(shown).toContain("Answer with /srm answer and exactly two letters");
  });

  it("a repeated letter and a letter that is not a choice are refused clearly", async () => {
    const app = memoryApp();
    askPrivately(app, "ec2-customer-duties-multi-1");
    expect(await say(app, ann, "answer A A")).toContain("You gave A twice; give each letter once.");
    expect(await say(app, ann, "answer A E")).toContain('"E" is not one of the choices (A, B, C, D)');
    expect(answersStored(app)).toBe(0);
  });

  it("a split question with too few owners is refused in the same words, and may be answered again", async () => {
    const app = memoryApp();
    askPrivately(app, "ec2-split-web-stack-1");
    const refused = await say(app, ann, "answer aws customer");
    expect(refused).toContain("This question has 5 duties; you gave 2 owners.");
    expect(refused).toContain(
      "Answer with one owner per duty, in order, e.g. /srm answer aws customer aws customer aws",
    );
    expect(refused).toContain("Nothing was stored: you can answer again.");
    expect(answersStored(app)).toBe(0);
    expect(await say(app, ann, `answer ${rightWords(app)}`)).toContain("Right!");
  });

  it("a channel's question answered with two letters is refused with the rule and the person answers again", async () => {
    const app = memoryApp();
    await say(app, member("admin", { admin: true }), "daily now");
    openRoundId(app);
    const refused = await say(app, member("bo"), "answer A B");
    expect(refused).toContain("This question asks for exactly 1 choice; you gave 2. Answer with one letter");
    expect(answersStored(app)).toBe(0);
    expect(await say(app, member("bo"), "answer A")).toContain("Locked in: A");
  });

  it("every shipped question that names how many to choose has exactly that many right choices", () => {
    const app = memoryApp();
    const multi = app.bank.scenarios.filter((q) => q.type === "multi");
    expect(multi.length).toBeGreaterThan(0);
    for (const q of multi) {
      const named = choicesToMake(q);
      expect({ id: q.id, named }).toEqual({ id: q.id, named: q.choices.filter((c) => c.correct).length });
    }
  });
});
