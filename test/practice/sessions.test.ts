import { describe, expect, it } from "vitest";
import { ManualClock, memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";
import { answerOpen, DAY, openPrivate, storedCard } from "./support.js";

const ann = member("ann");

type TestApp = ReturnType<typeof memoryApp>;

/** Meets a cell through "Quiz me" and answers it right or wrong. */
async function meet(app: TestApp, text: string, right: boolean): Promise<void> {
  await say(app, ann, `drill ${text}`);
  await answerOpen(app, ann, right);
}

/** The cells of the person's open private question. */
function askedCell(app: TestApp): string {
  const cell = openPrivate(app, ann)?.question.cells[0];
  return `${cell?.service}/${cell?.area}`;
}

describe("/srm practice", () => {
  it("asks the card most likely forgotten first, one after another, until none is due", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(ann, "0");
    await meet(app, "ec2 os patching", true);
    await meet(app, "rds engine patching", false);
    await meet(app, "lambda runtime", true);
    clock.advance(20 * DAY);
    const first = await say(app, ann, "practice");
    expect(first).toContain("Practice");
    expect(first).toContain("2 cards due");
    // The missed card has the lowest recall by now.
    expect(askedCell(app)).toBe("rds/database-engine-patching");
    const asked = [askedCell(app)];
    let reply = await answerOpen(app, ann, true);
    while (openPrivate(app, ann)) {
      asked.push(askedCell(app));
      reply = await answerOpen(app, ann, true);
    }
    expect(asked).toHaveLength(3);
    expect(new Set(asked).size).toBe(3);
    expect(reply).toContain("Nothing more is due");
    expect(reply).toMatch(/Your next card is due at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it("with no cards and new cards turned off, it says how to turn them on", async () => {
    const app = memoryApp();
    await app.practice.newCardsPerDay(ann, "0");
    expect(await say(app, ann, "practice")).toContain("You have no cards yet, and new cards are off");
    expect(openPrivate(app, ann)).toBeNull();
  });

  it("a /srm quiz question already open comes first, and the practice goes on after it", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await meet(app, "s3 public access", true);
    clock.advance(30 * DAY);
    await say(app, ann, "quiz");
    const quizRound = openPrivate(app, ann)?.id;
    expect(await say(app, ann, "practice")).toContain("You have this question open already");
    expect(openPrivate(app, ann)?.id).toBe(quizRound);
    await answerOpen(app, ann, true);
    expect(askedCell(app)).toBe("s3/public-access");
  });

  it("a wrong answer in practice is not asked again the same day: it comes back tomorrow", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(ann, "0");
    await meet(app, "kms key management", true);
    clock.advance(10 * DAY);
    await say(app, ann, "practice");
    const reply = await answerOpen(app, ann, false);
    expect(reply).toContain("Not quite");
    expect(reply).toContain("Nothing more is due");
    const card = storedCard(app, ann, "kms/key-management");
    expect(card?.due.getTime()).toBe(clock.now().getTime() + DAY);
  });
});

describe("/srm review", () => {
  it("asks the misses again until each is answered right; a miss answered wrong goes to the back", async () => {
    const app = memoryApp();
    await meet(app, "ec2 security groups", false);
    await meet(app, "dynamodb backups", false);
    await meet(app, "iam mfa", true);
    expect(await say(app, ann, "review")).toContain("1 more miss after this");
    const asked = [askedCell(app)];
    await answerOpen(app, ann, false);
    asked.push(askedCell(app));
    await answerOpen(app, ann, true);
    asked.push(askedCell(app));
    const last = await answerOpen(app, ann, true);
    expect(asked).toEqual(["ec2/security-groups", "dynamodb/backup-configuration", "ec2/security-groups"]);
    expect(last).toContain("No misses left");
    expect(await say(app, ann, "review")).toContain("No misses left");
  });
});

describe("/srm cram", () => {
  it("asks everything in a service once, regardless of due dates, and then stops", async () => {
    const app = memoryApp();
    await meet(app, "lambda runtime", true);
    const start = await say(app, ann, "cram lambda");
    const total = Number(/(\d+) more to go/.exec(start)?.[1]) + 1;
    const lambda = app.matrix.service("lambda");
    const cells = app.matrix.areas.filter((a) => (lambda ? app.matrix.cell(lambda, a).cell.applies : false));
    const scenarios = app.bank.scenarios.filter((q) => q.cells.some((c) => c.service === "lambda"));
    // The cell met just before counts too: a cram ignores due dates.
    expect(total).toBe(cells.length + scenarios.length);
    const asked: string[] = [];
    let reply = start;
    for (let open = openPrivate(app, ann); open && asked.length <= total; open = openPrivate(app, ann)) {
      asked.push(open.question.id);
      reply = await answerOpen(app, ann, true);
    }
    expect(new Set(asked).size).toBe(asked.length);
    // A cell a scenario question already tested during the cram is not asked again as a drill.
    expect(asked.length).toBeLessThanOrEqual(total);
    expect(reply).toContain("Crammed it all");
    const reviewed = app.db
      .prepare(
        "SELECT COUNT(DISTINCT c.id) AS n FROM practice_cards c JOIN practice_reviews r ON r.card_id = c.id " +
          "WHERE c.user_id = 'ann' AND c.item_kind = 'cell' AND c.item_id LIKE 'lambda/%' AND r.id > 1",
      )
      .get() as { n: number };
    expect(reviewed.n).toBe(cells.length);
  });

  it("asks what is least remembered first: cells never met before cells just answered", async () => {
    const app = memoryApp();
    await meet(app, "sqs encryption at rest", true);
    await say(app, ann, "cram sqs");
    expect(askedCell(app)).not.toBe("sqs/encryption-at-rest");
  });

  it("a group name crams each of its services; an unknown name is refused with what to type", async () => {
    const app = memoryApp();
    const ecs = await say(app, ann, "cram ecs");
    expect(ecs).toContain("Cram");
    expect(openPrivate(app, ann)?.question.cells.some((c) => c.service.startsWith("ecs-"))).toBe(true);
    expect(await say(app, member("bo"), "cram nonsense")).toContain('"nonsense" is not a service I know');
    expect(openPrivate(app, member("bo"))).toBeNull();
    expect(await say(app, member("bo"), "cram")).toContain("You have no cards to cram yet");
  });
});
