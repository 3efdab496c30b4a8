import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import type { Reply } from "../../src/views/card.js";
import { renderPlain } from "../../src/views/plain.js";
import { memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";
import { responseTo } from "./support.js";

const ann = member("ann");

type TestApp = ReturnType<typeof memoryApp>;

interface Shown {
  id: string;
  type: "single" | "multi" | "split";
  exams?: string[];
  choices: { key: string; correct: boolean }[];
  duties: { owner: "aws" | "customer" }[];
  cells: { service: string; area: string }[];
}

/** The person's running exam, its position and the question it is on, as stored. */
function onQuestion(app: TestApp) {
  const row = app.db
    .prepare(
      "SELECT id, questions FROM exams WHERE user_id = ? AND finished_at IS NULL AND abandoned_at IS NULL",
    )
    .get(ann.userId) as { id: number; questions: string } | undefined;
  if (!row) return null;
  const { n } = app.db.prepare("SELECT COUNT(*) AS n FROM exam_answers WHERE exam_id = ?").get(row.id) as {
    n: number;
  };
  const all = (JSON.parse(row.questions) as { question: Shown }[]).map((q) => q.question);
  return { examId: row.id, position: n, question: all[n] as Shown, all };
}

/** Answers the exam's current question right or wrong: single ones by button, select-all ones typed. */
async function answer(app: TestApp, right: boolean): Promise<string> {
  const at = onQuestion(app);
  if (!at) throw new Error("no exam running");
  const letters = responseTo(at.question, right).split(" ");
  const reply: Reply =
    at.question.type === "single"
      ? await app.engine.press(`exam:${at.examId}:${at.position}:${letters[0]}`, ann)
      : await app.exams.answer(ann, letters);
  return renderPlain(reply, TEXT_SYNTAX);
}

const plain = (r: Reply) => renderPlain(r, TEXT_SYNTAX);

describe("mock exams", () => {
  it("asks N questions tagged for the exam one at a time, with no feedback until the report", async () => {
    const app = memoryApp();
    const first = plain(await app.exams.start(ann, "clf-c02", "6"));
    expect(first).toContain("Mock exam CLF-C02");
    expect(first).toContain("question 1 of 6 · no feedback until the end");
    const asked = onQuestion(app)?.all ?? [];
    expect(asked).toHaveLength(6);
    expect(new Set(asked.map((q) => q.id)).size).toBe(6);
    for (const q of asked) {
      expect(q.exams).toContain("clf-c02");
      expect(q.type).not.toBe("split");
    }
    const replies: string[] = [];
    for (const right of [true, false, true, true, true]) replies.push(await answer(app, right));
    for (const r of replies) {
      expect(r).toMatch(/Answer saved \(\d of 6\)/);
      expect(r).not.toMatch(/Right!|Not quite|Counted as a miss|; the answer is/);
    }
    const report = await answer(app, true);
    expect(report).toContain("CLF-C02 mock exam: 850 of 1,000 (reaches the pass mark of 700)");
    expect(report).toContain("5 of 6 right");
    expect(report).toContain("not a percentage of questions right");
    expect(report).toContain("By service");
    expect(report).toContain("By area");
    expect(report).toMatch(/Missed:\n\s+- Question 2: .*; the answer is .*Source: https:\/\//);
    expect(report).toContain("Cards your misses made due");
    // The miss can be flagged like any private result.
    expect(report).toMatch(/\[\d+\] Flag question 2/);
    const filed = app.db.prepare("SELECT round_id AS id FROM exam_answers WHERE position = 1").get() as {
      id: number;
    };
    expect(renderPlain(await app.engine.press(`flag:${filed.id}:ambiguous`, ann), TEXT_SYNTAX)).toContain(
      "Thank you",
    );
    expect(report).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect(onQuestion(app)).toBeNull();
  });

  it("counts in personal stats and cards, never in the channel's points", async () => {
    const app = memoryApp();
    await app.exams.start(ann, "saa-c03", "5");
    for (const right of [true, false, false, true, true]) await answer(app, right);
    const stats = await say(app, ann, "stats");
    expect(stats).toMatch(
      /Answered\s+Accuracy\s+Streak\s+Best streak\s+Points\s+Rank\n\s*5\s+60%\s+0\s+0\s+0\s+-/,
    );
    const cards = app.db.prepare("SELECT COUNT(*) AS n FROM practice_cards WHERE user_id = 'ann'").get() as {
      n: number;
    };
    expect(cards.n).toBeGreaterThan(5);
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM scores").get()).toEqual({ n: 0 });
    expect(await say(app, ann, "leaderboard all")).not.toContain("ann");
    expect(scoreDifferences(app.db)).toEqual([]);
  });

  it("survives a restart: resume goes on where it stopped, and abandon ends it without counting it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-exam-")), "srm.db");
    const before = memoryApp({ SRM_DB: path });
    await before.exams.start(ann, "scs-c02", "5");
    await answer(before, true);
    await answer(before, false);
    await before.close();
    const after = memoryApp({ SRM_DB: path });
    expect(plain(await after.exams.start(ann, "clf-c02", null))).toContain(
      "You have a SCS-C02 mock exam running (2 of 5 answered)",
    );
    expect(plain(await after.exams.resume(ann))).toContain("question 3 of 5");
    expect(plain(await after.exams.abandon(ann))).toContain("You had answered 2 of 5. Nothing of it counts");
    expect(plain(await after.exams.resume(ann))).toContain("You have no mock exam running");
    expect(after.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
    await after.close();
  });

  it("refuses an unknown exam, a bad number of questions, an old button and a wrong count of letters, saving nothing", async () => {
    const app = memoryApp();
    expect(plain(await app.exams.start(ann, "aws-101", null))).toContain(
      '"aws-101" is not an exam I have questions for',
    );
    expect(plain(await app.exams.start(ann, "clf-c02", "500"))).toContain("from 5 to 65");
    expect(plain(await app.exams.start(ann, null, null))).toContain("pass mark 750 of 1,000");
    const chosen = renderPlain(await app.engine.press("exam-start:saa-c03", ann), TEXT_SYNTAX);
    expect(chosen).toContain("Mock exam SAA-C03");
    expect(chosen).toContain("question 1 of 20");
    const at = onQuestion(app);
    await answer(app, true);
    const old = renderPlain(await app.engine.press(`exam:${at?.examId}:0:A`, ann), TEXT_SYNTAX);
    expect(old).toContain("That question is not the one your exam is on");
    while (onQuestion(app)?.question.type !== "multi") await answer(app, true);
    const position = onQuestion(app)?.position;
    expect(plain(await app.exams.answer(ann, ["A"]))).toContain("That answer does not fit the question");
    expect(onQuestion(app)?.position).toBe(position);
  });
});

describe("the exam commands as typed", () => {
  it("/srm exam starts, answers, resumes and abandons, each reply naming the next command", async () => {
    const app = memoryApp();
    expect(await say(app, ann, "exam")).toContain("Which mock exam?");
    expect(await say(app, ann, "exam clf-c02 5")).toContain("question 1 of 5");
    const letter = responseTo(onQuestion(app)?.question as Shown, true).split(" ");
    expect(await say(app, ann, `exam answer ${letter.join(" ")}`)).toContain("Answer saved (1 of 5)");
    expect(await say(app, ann, "exam resume")).toContain("question 2 of 5");
    expect(await say(app, ann, "exam clf-c02")).toContain("/srm exam resume");
    expect(await say(app, ann, "exam abandon")).toContain("You had answered 1 of 5");
    expect(await say(app, ann, "exam clf-c02 500")).toContain("from 5 to 65");
  });
});
