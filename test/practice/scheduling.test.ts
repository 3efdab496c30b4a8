import { describe, expect, it } from "vitest";
import { itemsOfAnswer } from "../../src/practice/items.js";
import { MemoryScheduler } from "../../src/practice/scheduler.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { letters, member, openRoundId, say } from "../support/people.js";
import { answerOpen, DAY, intervalDays, storedCard } from "./support.js";

const ann = member("ann");
const admin = member("admin", { admin: true });

describe("memory cards over simulated weeks", () => {
  it("intervals grow after right answers and shrink after a lapse", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(ann, "0");
    expect(await say(app, ann, "drill ec2 os patching")).toContain("Quiz me");
    await answerOpen(app, ann, true);
    const intervals = [intervalDays(storedCard(app, ann, "ec2/guest-os-patching"))];
    // Each time the card falls due, practice asks it; the answers are right, right, wrong, right, right.
    for (const right of [true, true, false, true, true]) {
      clock.set(storedCard(app, ann, "ec2/guest-os-patching")?.due as Date);
      expect(await say(app, ann, "practice")).toContain("On Amazon EC2, who is responsible for");
      await answerOpen(app, ann, right);
      intervals.push(intervalDays(storedCard(app, ann, "ec2/guest-os-patching")));
    }
    const [first, second, third, lapse, after, later] = intervals as [number, ...number[]];
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second as number);
    expect(lapse).toBeLessThan((third as number) / 4);
    expect(after).toBeGreaterThan(lapse as number);
    expect(later).toBeGreaterThan(after as number);
    expect(storedCard(app, ann, "ec2/guest-os-patching")).toMatchObject({ reps: 6, lapses: 1 });
    // Nothing is due right after an answer: the next date lies weeks ahead.
    expect(await say(app, ann, "practice")).toContain("Nothing more is due");
  });

  it("the schedule is the one FSRS gives for the same answers on the same days", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const scheduler = new MemoryScheduler();
    let expected = scheduler.fresh(clock.now());
    await say(app, ann, "drill rds engine patching");
    expected = scheduler.review(expected, clock.now(), "good").memory;
    await answerOpen(app, ann, true);
    clock.advance(9 * DAY);
    await say(app, ann, "drill rds engine patching");
    expected = scheduler.review(expected, clock.now(), "again").memory;
    await answerOpen(app, ann, false);
    expect(storedCard(app, ann, "rds/database-engine-patching")?.due).toEqual(expected.due);
  });

  it("a question of the day updates every answerer's cards at the reveal, not before", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    const { right, wrong } = letters(app, id);
    await app.engine.press(`answer:${id}:${right}`, member("ann"));
    await app.engine.press(`answer:${id}:${wrong}`, member("bob"));
    const cards = () =>
      app.db.prepare("SELECT user_id, last_rating FROM practice_cards ORDER BY user_id").all();
    expect(cards()).toEqual([]);
    clock.advance(3_600_000);
    await say(app, admin, "reveal");
    const rated = cards() as { user_id: string; last_rating: number }[];
    expect(new Set(rated.filter((c) => c.user_id === "ann").map((c) => c.last_rating))).toEqual(new Set([3]));
    expect(new Set(rated.filter((c) => c.user_id === "bob").map((c) => c.last_rating))).toEqual(new Set([1]));
    // The review is dated when the person answered, not when the round was revealed.
    const reviewed = app.db
      .prepare("SELECT DISTINCT r.reviewed_at AS at FROM practice_reviews r WHERE r.round_id = ?")
      .all(id) as { at: string }[];
    expect(reviewed.map((r) => r.at)).toEqual(["2026-03-02T09:00:00.000Z"]);
  });

  it("a failing card update is logged and never takes back a reveal or its points", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    await app.engine.press(`answer:${id}:${letters(app, id).right}`, member("ann"));
    app.db.exec("DROP TABLE practice_reviews");
    expect(await say(app, admin, "reveal")).toContain("Revealed");
    expect(app.db.prepare("SELECT status FROM rounds WHERE id = ?").get(id)).toEqual({ status: "revealed" });
    expect(
      app.db.prepare("SELECT points FROM scores WHERE user_id = 'ann' AND period = 'all'").get(),
    ).toEqual({
      points: 10,
    });
    expect(app.logger.lines.some((l) => l.level === "error" && l.message.includes("memory cards"))).toBe(
      true,
    );
  });

  it("a split answer rates each duty's cell by its own duties, and the scenario by the whole answer", () => {
    const app = memoryApp();
    const split = app.bank.scenarios.find(
      (q) => q.type === "split" && new Set(q.duties.map((d) => `${d.cell.service}/${d.cell.area}`)).size > 1,
    );
    if (!split) throw new Error("the bank has no split question over several cells");
    const owners = split.duties.map((d) => d.owner as string);
    owners[0] = owners[0] === "aws" ? "customer" : "aws";
    const outcomes = new Map(
      itemsOfAnswer(split, owners, false).map((o) => [`${o.item.kind}:${o.item.id}`, o.correct]),
    );
    const missed = split.duties[0]?.cell;
    const other = split.duties.find(
      (d) => d.cell.service !== missed?.service || d.cell.area !== missed.area,
    )?.cell;
    expect(outcomes.get(`cell:${missed?.service}/${missed?.area}`)).toBe(false);
    expect(outcomes.get(`cell:${other?.service}/${other?.area}`)).toBe(true);
    expect(outcomes.get(`question:${split.id}`)).toBe(false);
  });
});
