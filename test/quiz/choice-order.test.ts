import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config.js";
import { shuffledOrder } from "../../src/domain/choice-order.js";
import type { Question } from "../../src/domain/question.js";
import { applyMigrations } from "../../src/store/migrate.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { renderCard } from "../../src/views/plain.js";
import { openPrivate } from "../practice/support.js";
import { memoryApp, realContent } from "../support/app.js";
import { letters, member, openRoundId, say } from "../support/people.js";

const admin = member("admin", { admin: true });

interface ShownRound {
  qid: string;
  order: string | null;
  question: { choices: { key: string; text: string; correct: boolean }[] };
}

function shownRounds(app: ReturnType<typeof memoryApp>, kind = "channel"): ShownRound[] {
  return (
    app.db
      .prepare("SELECT question_id, choice_order, question_json FROM rounds WHERE kind = ? ORDER BY id")
      .all(kind) as { question_id: string; choice_order: string | null; question_json: string }[]
  ).map((r) => ({ qid: r.question_id, order: r.choice_order, question: JSON.parse(r.question_json) }));
}

function rightLetter(r: ShownRound): string {
  return r.question.choices.find((c) => c.correct)?.key as string;
}

describe("shuffled choices in channel rounds", () => {
  it("over 2,000 rounds, each displayed letter is the right one about a quarter of the time", async () => {
    const app = memoryApp();
    for (let i = 0; i < 2000; i++) {
      await say(app, admin, "daily now");
      await say(app, admin, "reveal");
    }
    const counts = new Map<string, number>();
    for (const r of shownRounds(app)) counts.set(rightLetter(r), (counts.get(rightLetter(r)) ?? 0) + 1);
    // 500 expected each; the rounds are reproducible (seeded), so this tolerance of about 4 standard
    // deviations cannot flake, yet a source key of "A" in 71% of questions is far outside it.
    for (const letter of ["A", "B", "C", "D"]) {
      expect(counts.get(letter) ?? 0, letter).toBeGreaterThan(425);
      expect(counts.get(letter) ?? 0, letter).toBeLessThan(575);
    }
  }, 60_000);

  it("the same question asked again shows its right answer under other letters", async () => {
    const app = memoryApp();
    await say(app, admin, "settings services sqs");
    for (let i = 0; i < 40; i++) {
      await say(app, admin, "daily now");
      await say(app, admin, "reveal");
    }
    const byQuestion = new Map<string, Set<string>>();
    for (const r of shownRounds(app))
      byQuestion.set(r.qid, (byQuestion.get(r.qid) ?? new Set()).add(rightLetter(r)));
    expect(byQuestion.size).toBeGreaterThan(1);
    for (const [qid, seen] of byQuestion) expect(seen.size, qid).toBeGreaterThanOrEqual(2);
  });

  it("the posted message, buttons, typed letters, confirmation, reveal split and recomputation all use the displayed letters", async () => {
    const app = memoryApp();
    // Find a round whose displayed order differs from the question's own order.
    let id = 0;
    let shown: ShownRound | undefined;
    for (let i = 0; i < 20; i++) {
      await say(app, admin, "daily now");
      id = openRoundId(app);
      shown = shownRounds(app).at(-1);
      if (shown?.order && shown.order !== "ABCD") break;
      await say(app, admin, "reveal");
    }
    if (!shown?.order) throw new Error("no shuffled round in 20");
    const bankQuestion = app.bank.get(shown.qid) as Question;
    const order = shown.order.split("");
    // The stored order maps each displayed letter back to the question's own choice.
    shown.question.choices.forEach((c, i) => {
      expect(c.key).toBe("ABCD"[i]);
      expect(c.text).toBe(bankQuestion.choices.find((b) => b.key === order[i])?.text);
    });
    const posted = app.announcer.last();
    const text = renderCard(posted?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX);
    for (const c of shown.question.choices) expect(text).toContain(`${c.key}. ${c.text}`);
    expect(posted?.card.actions?.map((a) => a.id)).toEqual(
      shown.question.choices.map((c) => `answer:${id}:${c.key}`),
    );
    const { right, wrong } = letters(app, id);
    expect(await say(app, member("typist"), `answer ${right.toLowerCase()}`)).toContain(
      `Locked in: ${right}`,
    );
    expect(await say(app, member("presser"), `answer ${wrong}`)).toContain(`Locked in: ${wrong}`);
    await app.engine.press(`answer:${id}:${right}`, member("clicker"));
    await say(app, admin, "reveal");
    const reveal = renderCard(posted?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX);
    const rightText = shown.question.choices.find((c) => c.key === right)?.text as string;
    expect(reveal).toContain(`Answer: ${right}`);
    expect(reveal).toContain(`${right}. ${rightText}`);
    expect(reveal).toContain(`${right}: 2`);
    expect(reveal).toContain(`${wrong}: 1`);
    expect(reveal).toContain("3 answered · 2 right");
    expect(scoreDifferences(app.db)).toEqual([]);
  });

  it("a restart keeps the order an open round was posted with, and an answer is judged as shown", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const first = memoryApp({ SRM_DB: file });
    await say(first, admin, "daily now");
    const id = openRoundId(first);
    const before = shownRounds(first).at(-1);
    await first.close();
    const second = memoryApp({ SRM_DB: file });
    expect(shownRounds(second).at(-1)).toEqual(before);
    const { right } = letters(second, id);
    expect(await say(second, member("ann"), `answer ${right}`)).toContain(`Locked in: ${right}`);
    await say(second, admin, "reveal");
    expect(second.db.prepare("SELECT correct FROM answers WHERE round_id = ?").get(id)).toEqual({
      correct: 1,
    });
    expect(scoreDifferences(second.db)).toEqual([]);
    await second.close();
  });
});

describe("shuffled choices in private questions", () => {
  it("each person gets their own order, and each is judged against what they saw, across a restart", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const first = memoryApp({ SRM_DB: file });
    const people = Array.from({ length: 12 }, (_, i) => member(`p${i}`));
    for (const p of people) await say(first, p, "drill ec2 guest-os-patching");
    const customerLetters = new Set<string>();
    for (const p of people) {
      const open = openPrivate(first, p);
      const choice = open?.question.choices.find((c) => c.correct) as { key: string };
      customerLetters.add(choice.key);
    }
    expect(customerLetters.size).toBeGreaterThanOrEqual(2);
    await first.close();
    const second = memoryApp({ SRM_DB: file });
    for (const p of people) {
      const open = openPrivate(second, p);
      const right = open?.question.choices.find((c) => c.correct)?.key as string;
      expect(await say(second, p, `answer ${right}`), p.userId).toContain("Right!");
    }
    await second.close();
  });
});

describe("choices that refer to the others", () => {
  const question: Question = {
    id: "fixed-example",
    origin: "scenario",
    type: "single",
    difficulty: "easy",
    prompt: "Which are the customer's?",
    choices: [
      { key: "A", text: "Patching the guest OS", correct: false, why: "x" },
      { key: "B", text: "Writing security group rules", correct: false, why: "x" },
      { key: "C", text: "Replacing failed disks", correct: false, why: "x" },
      { key: "D", text: "All of the above", correct: true, why: "x", fixed: true },
    ],
    duties: [],
    explanation: "x",
    sources: [],
    cells: [],
  };

  it("keep their place while the others move", () => {
    const orders = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const order = shuffledOrder(question, `seed-${i}`);
      expect(order[3]).toBe("D");
      orders.add(order.join(""));
    }
    expect(orders.size).toBe(6);
  });

  it("a question with a choice naming others by letter is never shuffled, so the letters stay right", () => {
    const both: Question = {
      ...question,
      choices: question.choices.map((c) => (c.key === "D" ? { ...c, text: "Both A and B" } : c)),
    };
    for (let i = 0; i < 50; i++) expect(shuffledOrder(both, `seed-${i}`)).toEqual(["A", "B", "C", "D"]);
  });
});

describe("rounds opened before choices were shuffled", () => {
  it("keep the question's own order after the upgrade: the letter that was right stays right", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-mig-"));
    const migrations = join(dir, "migrations");
    cpSync(loadConfig({}).migrationsDir, migrations, { recursive: true });
    // The database as it stood before 0005: later migrations may build on what 0005 added.
    for (const f of readdirSync(migrations))
      if (f.endsWith(".sql") && f >= "0005") rmSync(join(migrations, f));
    const file = join(dir, "srm.db");
    const old = new Database(file);
    applyMigrations(old, migrations);
    const question = realContent().bank.scenarios.find((q) => q.type === "single") as Question;
    old
      .prepare(
        "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at) VALUES ('slack', 'W1', 'C1', 'channel', ?, ?, 'open', ?)",
      )
      .run(question.id, JSON.stringify(question), "2026-03-02T08:00:00.000Z");
    old.close();
    const upgraded = memoryApp({ SRM_DB: file });
    const right = question.choices.find((c) => c.correct)?.key as string;
    expect(upgraded.db.prepare("SELECT choice_order FROM rounds").get()).toEqual({ choice_order: null });
    expect(await say(upgraded, member("ann"), `answer ${right}`)).toContain(`Locked in: ${right}`);
    await say(upgraded, admin, "reveal");
    expect(upgraded.db.prepare("SELECT correct FROM answers").get()).toEqual({ correct: 1 });
    await upgraded.close();
  });
});
