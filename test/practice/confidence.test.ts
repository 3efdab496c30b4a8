import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { MemoryScheduler } from "../../src/practice/scheduler.js";
import { renderPlain } from "../../src/views/plain.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { letters, member, openRoundId, say } from "../support/people.js";
import { answerOpen, DAY, openPrivate, storedCard } from "./support.js";

const ann = member("ann");
const bob = member("bob");
const CELL = "ec2/guest-os-patching";

type TestApp = ReturnType<typeof memoryApp>;

/** Asks the EC2 patching drill and answers it; returns the round id and the reply. */
async function answerDrill(
  app: TestApp,
  who = ann,
  right = true,
): Promise<{ roundId: number; reply: string }> {
  await say(app, who, "drill ec2 os patching");
  const roundId = openPrivate(app, who)?.id as number;
  return { roundId, reply: await answerOpen(app, who, right) };
}

describe("How sure? after a right private answer", () => {
  it("is offered as three buttons after a right answer, and not after a wrong one", async () => {
    const app = memoryApp();
    const right = await answerDrill(app, ann, true);
    expect(right.reply).toContain("How sure were you?");
    expect(right.reply).toContain("[1] A guess   [2] Fairly sure   [3] Certain");
    const wrong = await answerDrill(app, bob, false);
    expect(wrong.reply).not.toContain("How sure were you?");
  });

  it("a guess reschedules the card exactly as if it had been rated hard at the answer", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const { roundId } = await answerDrill(app);
    const goodDue = storedCard(app, ann, CELL)?.due as Date;
    const answeredAt = clock.now();
    clock.advance(60_000);
    const reply = renderPlain(await app.engine.press(`sure:${roundId}:guess`, ann), TEXT_SYNTAX);
    expect(reply).toContain("Noted: a guess");
    expect(reply).toContain("comes back sooner");
    const scheduler = new MemoryScheduler();
    const hard = scheduler.review(scheduler.fresh(answeredAt), answeredAt, "hard").memory;
    const card = storedCard(app, ann, CELL);
    expect(card?.due).toEqual(hard.due);
    expect(card?.due.getTime()).toBeLessThan(goodDue.getTime());
    expect(card?.lastRating).toBe(2);
    expect(card?.reps).toBe(1);
  });

  it("fairly sure and certain keep it good; a second tap replaces the first", async () => {
    const app = memoryApp();
    const { roundId } = await answerDrill(app);
    const goodDue = storedCard(app, ann, CELL)?.due;
    await app.engine.press(`sure:${roundId}:guess`, ann);
    expect(storedCard(app, ann, CELL)?.due).not.toEqual(goodDue);
    expect(renderPlain(await app.engine.press(`sure:${roundId}:certain`, ann), TEXT_SYNTAX)).toContain(
      "Noted: certain",
    );
    expect(storedCard(app, ann, CELL)).toMatchObject({ due: goodDue, lastRating: 3, reps: 1 });
    const logged = app.db.prepare("SELECT rating, confidence FROM practice_reviews").all();
    expect(logged).toEqual([{ rating: 3, confidence: "certain" }]);
  });

  it("typed /srm sure rates the person's latest right answer, in every front end", async () => {
    const app = memoryApp();
    await answerDrill(app);
    expect(await say(app, ann, "sure fairly")).toContain("Noted: fairly sure");
    expect(await say(app, ann, "sure maybe")).toContain(
      'Unknown level "maybe": choose guess, fairly or certain',
    );
    expect(await say(app, bob, "sure guess")).toContain("There is no answer to rate");
  });

  it("a wrong answer stays a miss however sure the person says they were", async () => {
    const app = memoryApp();
    const { roundId } = await answerDrill(app, ann, false);
    const before = storedCard(app, ann, CELL);
    expect(renderPlain(await app.engine.press(`sure:${roundId}:certain`, ann), TEXT_SYNTAX)).toContain(
      "A wrong answer counts as a miss",
    );
    expect(storedCard(app, ann, CELL)).toEqual(before);
  });

  it("someone else's button, or a forged one, changes nothing", async () => {
    const app = memoryApp();
    const { roundId } = await answerDrill(app);
    const before = storedCard(app, ann, CELL);
    expect(renderPlain(await app.engine.press(`sure:${roundId}:guess`, bob), TEXT_SYNTAX)).toContain(
      "There is no answer to rate",
    );
    for (const forged of [`sure:${roundId}:maybe`, `sure:x:guess`, `sure:${roundId}:guess;DROP`]) {
      expect(renderPlain(await app.engine.press(forged, ann), TEXT_SYNTAX)).toContain("not one of ours");
    }
    expect(storedCard(app, ann, CELL)).toEqual(before);
  });

  it("once the card has been reviewed again, an old answer can no longer be rated", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const first = await answerDrill(app);
    clock.advance(5 * DAY);
    await answerDrill(app);
    expect(renderPlain(await app.engine.press(`sure:${first.roundId}:guess`, ann), TEXT_SYNTAX)).toContain(
      "That card has been reviewed again since",
    );
  });

  it("a question of the day is rated by right or wrong alone", async () => {
    const app = memoryApp();
    const admin = member("admin", { admin: true });
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    await app.engine.press(`answer:${id}:${letters(app, id).right}`, ann);
    await say(app, admin, "reveal");
    expect(renderPlain(await app.engine.press(`sure:${id}:guess`, ann), TEXT_SYNTAX)).toContain(
      "How sure only counts on your own questions",
    );
  });
});
