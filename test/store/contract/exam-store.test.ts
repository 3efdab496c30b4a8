import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExamQuestion } from "../../../src/domain/exam.js";
import type { Person } from "../../../src/domain/practice.js";
import type { Question } from "../../../src/domain/question.js";
import type { Async } from "../../../src/ports/async.js";
import type { ExamStore } from "../../../src/ports/exam-store.js";
import { SqliteExamStore } from "../../../src/store/exam-store.js";
import { PgExamStore } from "../../../src/store/postgres/exam-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { type Rows, rowsOf } from "./rows.js";

type Stores = { exams: ExamStore };

const ANN: Person = { platform: "slack", workspaceId: "T1", userId: "ann" };
const BOB: Person = { platform: "slack", workspaceId: "T1", userId: "bob" };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function question(id: string): Question {
  return {
    id,
    origin: "scenario",
    type: "single",
    difficulty: "medium",
    prompt: `Who patches the guest OS in ${id}?`,
    choices: [
      { key: "A", text: "AWS", correct: false, why: "AWS runs the host, not the instance." },
      { key: "B", text: "The customer", correct: true, why: "The instance's OS is the customer's." },
    ],
    duties: [],
    explanation: "EC2 is infrastructure as a service.",
    sources: ["https://aws.amazon.com/compliance/shared-responsibility-model/"],
    exams: ["clf-c02"],
    cells: [{ service: "ec2", area: "guest-os-patching" }],
  };
}

const QUESTIONS: ExamQuestion[] = [
  { question: question("q1"), choiceOrder: "BA" },
  { question: question("q2"), choiceOrder: null },
];

const rows = rowsOf();
const engines = storeEngines<Stores>({
  sqlite: (db, _clock, gate) => rows.sqlite(db, gate, { exams: new SqliteExamStore(db) }),
  postgres: (db) => rows.postgres(db, { exams: new PgExamStore(db) }),
});

describe.each(engines)("ExamStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: ExamStore;
  let fixture: Rows;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.exams;
    fixture = rows.take();
  });
  afterEach(async () => opened.close());

  it("a started exam is read back with its questions exactly as shown, and is the person's running one", async () => {
    const id = await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0);
    expect(id).not.toBeNull();
    const expected = {
      id,
      userId: "ann",
      displayName: "Ann",
      exam: "clf-c02",
      questions: QUESTIONS,
      answers: [],
      startedAt: T0,
      finishedAt: null,
      abandonedAt: null,
    };
    expect(await store.get(id as number)).toEqual(expected);
    expect(await store.running(ANN)).toEqual(expected);
    expect(await store.running(BOB)).toBeUndefined();
    expect(await store.get((id as number) + 1)).toBeUndefined();
  });

  it("a person has one running exam: a second start is refused, and of three at once one starts", async () => {
    const starts = await Promise.all([1, 2, 3].map(() => store.start(ANN, "Ann", "saa-c03", QUESTIONS, T0)));
    expect(starts.filter((id) => id !== null)).toHaveLength(1);
    expect(await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0)).toBeNull();
    expect(await store.start(BOB, "Bob", "clf-c02", QUESTIONS, T0)).not.toBeNull();
  });

  it("each question takes one answer, kept in order of position, and the first answer stands", async () => {
    const id = (await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0)) as number;
    expect(
      await store.answer(id, { position: 1, response: ["A"], correct: false, answeredAt: later(2) }),
    ).toBe(true);
    expect(
      await store.answer(id, { position: 0, response: ["B"], correct: true, answeredAt: later(1) }),
    ).toBe(true);
    expect(
      await store.answer(id, { position: 0, response: ["A"], correct: false, answeredAt: later(3) }),
    ).toBe(false);
    expect((await store.get(id))?.answers).toEqual([
      { position: 0, response: ["B"], correct: true, answeredAt: later(1) },
      { position: 1, response: ["A"], correct: false, answeredAt: later(2) },
    ]);
  });

  it("an exam ends once: finished or abandoned, and no answer is taken after", async () => {
    const id = (await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0)) as number;
    expect(await store.finish(id, later(10))).toBe(true);
    expect(await store.finish(id, later(11))).toBe(false);
    expect(await store.abandon(id, later(12))).toBe(false);
    expect(await store.answer(id, { position: 0, response: [], correct: false, answeredAt: later(13) })).toBe(
      false,
    );
    expect(await store.get(id)).toMatchObject({ finishedAt: later(10), abandonedAt: null, answers: [] });
    expect(await store.running(ANN)).toBeUndefined();
    // With that one ended, the person can start another, and abandon it.
    const next = (await store.start(ANN, "Ann", "scs-c02", QUESTIONS, later(20))) as number;
    expect(next).not.toBe(id);
    expect(await store.abandon(next, later(21))).toBe(true);
    expect(await store.finish(next, later(22))).toBe(false);
    expect(await store.get(next)).toMatchObject({ finishedAt: null, abandonedAt: later(21) });
  });

  it("an answer given while another replica finishes the exam waits for it, and is refused", async () => {
    const id = (await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0)) as number;
    let finished = () => {};
    const finishing = new Promise<void>((resolve) => {
      finished = resolve;
    });
    let commit = () => {};
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const finish = opened.transactions.run(async () => {
      await store.finish(id, later(10));
      finished();
      await committing;
    });
    await finishing;
    const answer = store.answer(id, { position: 0, response: ["B"], correct: true, answeredAt: later(10) });
    // Time for the answer to reach the database while the finish is not committed yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    commit();
    await finish;
    expect(await answer).toBe(false);
    expect((await store.get(id))?.answers).toEqual([]);
  });

  it("an answer remembers the private round it was filed as", async () => {
    const id = (await store.start(ANN, "Ann", "clf-c02", QUESTIONS, T0)) as number;
    await store.answer(id, { position: 0, response: ["B"], correct: true, answeredAt: later(1) });
    const roundId = await fixture.round(
      { platform: "slack", workspaceId: "T1", channelId: "exam" },
      "private",
      "ann",
    );
    await store.filed(id, 0, roundId);
    expect(await fixture.filedRound(id, 0)).toBe(roundId);
    expect((await store.get(id))?.answers).toEqual([
      { position: 0, response: ["B"], correct: true, answeredAt: later(1) },
    ]);
  });
});
