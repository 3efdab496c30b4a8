import { describe, expect, it } from "vitest";
import { answerOpen, openPrivate } from "../practice/support.js";
import { memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";

describe("/srm quiz for a new person", () => {
  it("over 40 quizzes, mixes scenarios (single, select-all, split) with drills, and a split comes early", async () => {
    const app = memoryApp();
    const newcomer = member("newcomer");
    const asked: { id: string; origin: string; type: string }[] = [];
    for (let i = 0; i < 40; i++) {
      expect(await say(app, newcomer, "quiz")).toContain("Your practice question");
      const open = openPrivate(app, newcomer);
      if (!open) throw new Error(`quiz ${i + 1} opened nothing`);
      const q = app.bank.get(open.question.id);
      asked.push({ id: open.question.id, origin: q?.origin ?? "?", type: open.question.type });
      await answerOpen(app, newcomer, i % 2 === 0);
    }
    const scenarios = asked.filter((a) => a.origin === "scenario");
    expect(scenarios.length / asked.length).toBeGreaterThanOrEqual(0.5);
    expect(asked.filter((a) => a.origin !== "scenario").length).toBeGreaterThan(0);
    for (const type of ["single", "multi", "split"])
      expect(scenarios.filter((a) => a.type === type).length, type).toBeGreaterThanOrEqual(4);
    expect(asked.slice(0, 5).some((a) => a.type === "split")).toBe(true);
    expect(asked.slice(0, 5).some((a) => a.type === "multi")).toBe(true);
    // Nothing is asked twice in 40.
    expect(new Set(asked.map((a) => a.id)).size).toBe(40);
  });
});
