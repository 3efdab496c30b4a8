import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REGISTRY, TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";
import { answerOpen, DAY, openPrivate, storedCard } from "./support.js";

type TestApp = ReturnType<typeof memoryApp>;

const ann = member("ann");
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The items the person's open private question tests: its scenario (if any) and its cells. */
function itemsAsked(app: TestApp): string[] {
  const q = openPrivate(app, ann)?.question as
    | { id: string; cells: { service: string; area: string }[] }
    | undefined;
  if (!q) throw new Error("ann has no open private question");
  const cells = q.cells.map((c) => `${c.service}/${c.area}`);
  return q.id.startsWith("drill-") ? cells : [q.id, ...cells];
}

/** Meets three cells and lets them all fall due. */
async function threeDue(app: TestApp, clock: ManualClock): Promise<void> {
  for (const cell of ["ec2 os patching", "rds engine patching", "lambda runtime"]) {
    await say(app, ann, `drill ${cell}`);
    await answerOpen(app, ann, true);
  }
  clock.advance(30 * DAY);
}

describe("I don't know", () => {
  it("counts as a miss for the question's card and each of its cells' cards, and shows the answer and why", async () => {
    const app = memoryApp();
    await say(app, ann, "quiz");
    const items = itemsAsked(app);
    const reply = await say(app, ann, "i don't know");
    expect(reply).toContain("Counted as a miss");
    expect(reply).toContain("the answer is");
    expect(reply).toContain("Source");
    expect(openPrivate(app, ann)).toBeNull();
    for (const item of items) expect(storedCard(app, ann, item)?.lastRating).toBe(1);
  });

  it("the button does the same, and only for the person whose question it is", async () => {
    const app = memoryApp();
    await say(app, ann, "drill ec2 os patching");
    const asked = openPrivate(app, ann);
    const [cell] = itemsAsked(app);
    const shown = renderPlain(
      await app.engine.handle({
        text: "quiz",
        actor: ann,
        channel: { platform: "slack", workspaceId: "W1", channelId: "C1" },
      }),
      TEXT_SYNTAX,
    );
    expect(shown).toMatch(/\[\d\] Skip/);
    expect(shown).toMatch(/\[\d\] I don't know/);
    const bo = renderPlain(await app.engine.press(`idk:${asked?.id}`, member("bo")), TEXT_SYNTAX);
    expect(bo).toContain("That question was someone else's");
    const mine = renderPlain(await app.engine.press(`idk:${asked?.id}`, ann), TEXT_SYNTAX);
    expect(mine).toContain("Counted as a miss");
    expect(storedCard(app, ann, cell as string)?.lastRating).toBe(1);
  });

  it("is read from the ways people say it", () => {
    const named = (text: string) => {
      const read = REGISTRY.read(text);
      return read.ok ? read.command.name : "usage";
    };
    for (const text of ["idk", "i don't know", "I dont know", "don’t know", "i do not know", "dunno"])
      expect(named(text)).toBe("idk");
    expect(named("skip")).toBe("skip");
    expect(named("stop")).toBe("stop");
    // With more words they are lookups, as "stop words" or "skip logic" would be.
    expect(named("stop words")).toBe("ask");
  });
});

describe("Skip", () => {
  it("closes the question without touching any card, and says so", async () => {
    const app = memoryApp();
    await say(app, ann, "drill ec2 os patching");
    const [cell] = itemsAsked(app);
    const reply = await say(app, ann, "skip");
    expect(reply).toContain("Skipped");
    expect(reply).toContain("Your cards did not change");
    expect(openPrivate(app, ann)).toBeNull();
    expect(storedCard(app, ann, cell as string)).toMatchObject({ reps: 0, lastRating: null });
  });

  it("with no question of one's own open, it says there is none", async () => {
    const app = memoryApp();
    expect(await say(app, ann, "skip")).toContain("You have no question of your own open");
    expect(await say(app, ann, "idk")).toContain("You have no question of your own open");
  });
});

describe("in a practice session", () => {
  it("Skip and I don't know each move on to the next card, and a skipped card is not asked again", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    // Only the due cards: new cards are off for this person.
    await app.practice.newCardsPerDay(ann, "0");
    await threeDue(app, clock);
    await say(app, ann, "practice");
    const first = itemsAsked(app)[0];
    const afterSkip = await say(app, ann, "skip");
    expect(afterSkip).toContain("Skipped");
    expect(afterSkip).toContain("Practice");
    const second = itemsAsked(app)[0];
    expect(second).not.toBe(first);
    const afterIdk = await say(app, ann, "idk");
    expect(afterIdk).toContain("Counted as a miss");
    expect(afterIdk).toContain("the last one");
    const third = itemsAsked(app)[0];
    expect([first, second]).not.toContain(third);
    expect(await answerOpen(app, ann, true)).toContain("Nothing more is due");
    expect(storedCard(app, ann, second as string)?.lastRating).toBe(1);
  });
});

describe("/srm stop", () => {
  it("ends the session, says how many were done and what is still due, and the open question is closed unchanged", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await threeDue(app, clock);
    await say(app, ann, "practice");
    await answerOpen(app, ann, true);
    const waiting = itemsAsked(app)[0] as string;
    const reply = await say(app, ann, "stop");
    expect(reply).toContain("Stopped your practice");
    expect(reply).toContain("You answered 1 question and skipped 1.");
    expect(reply).toContain("2 cards are still due");
    expect(openPrivate(app, ann)).toBeNull();
    expect(storedCard(app, ann, waiting)?.reps).toBe(1);
    expect(await say(app, ann, "stop")).toContain("You have no practice, review or cram running");
  });

  it("with no session it says there is none", async () => {
    const app = memoryApp();
    expect(await say(app, ann, "stop")).toContain("You have no practice, review or cram running");
  });

  it("stops a session started before a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-stop-"));
    dirs.push(dir);
    const clock = new ManualClock();
    const before = memoryApp({ SRM_DB: join(dir, "srm.db") }, clock);
    await threeDue(before, clock);
    await say(before, ann, "review");
    await say(before, ann, "cram ec2");
    await before.close();
    const after = memoryApp({ SRM_DB: join(dir, "srm.db") }, clock);
    expect(openPrivate(after, ann)).not.toBeNull();
    expect(await say(after, ann, "stop")).toContain("Stopped your cram");
    expect(openPrivate(after, ann)).toBeNull();
    await after.close();
  });
});
