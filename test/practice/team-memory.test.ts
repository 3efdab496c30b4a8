import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { member, openRoundId, playRound, say } from "../support/people.js";
import { answerOpen, DAY } from "./support.js";

type TestApp = ReturnType<typeof memoryApp>;

const admin = member("admin", { admin: true });
const team = [member("ann"), member("bob"), member("cy")];
const CANDIDATES = [
  "s3/public-access",
  "kms/key-management",
  "lambda/runtime-patching",
  "rds/backup-configuration",
];

/** The cells of a round's question, as "service/area". */
function cellsOf(app: TestApp, roundId: number): string[] {
  const row = app.db.prepare("SELECT question_json FROM rounds WHERE id = ?").get(roundId) as {
    question_json: string;
  };
  return (JSON.parse(row.question_json) as { cells: { service: string; area: string }[] }).cells.map(
    (c) => `${c.service}/${c.area}`,
  );
}

/** Has each person meet a cell privately and answer it. */
async function meetAll(app: TestApp, people: Actor[], cell: string, right: boolean): Promise<void> {
  for (const who of people) {
    await say(app, who, `drill ${cell.replace("/", " ")}`);
    await answerOpen(app, who, right);
  }
}

/**
 * A channel whose members played one question of the day, then each missed one cell and got another right,
 * ten days ago. Returns the cell everyone missed and the one everyone knew.
 */
async function teamThatForgot(clock: ManualClock): Promise<{ app: TestApp; missed: string; known: string }> {
  const app = memoryApp({}, clock);
  const first = await playRound(
    app,
    team.map((p) => p.userId),
    [],
  );
  const [missed, known] = CANDIDATES.filter((c) => !cellsOf(app, first).includes(c)) as [string, string];
  await meetAll(app, team, missed, false);
  await meetAll(app, team, known, true);
  clock.advance(10 * DAY);
  return { app, missed, known };
}

describe("the question of the day by team memory", () => {
  it("picks the question on the cell the channel's active members have most likely forgotten", async () => {
    const { app, missed } = await teamThatForgot(new ManualClock());
    expect(await say(app, admin, "settings pick memory")).toContain("memory: the question whose cells");
    await say(app, admin, "daily now");
    expect(cellsOf(app, openRoundId(app))).toContain(missed);
  });

  it("rotation, the default, does not look at memory", async () => {
    const memory = await teamThatForgot(new ManualClock());
    await say(memory.app, admin, "settings pick memory");
    await say(memory.app, admin, "daily now");
    const rotation = await teamThatForgot(new ManualClock());
    await say(rotation.app, admin, "daily now");
    const picked = (app: TestApp) =>
      (
        app.db.prepare("SELECT question_id FROM rounds WHERE status = 'open'").get() as {
          question_id: string;
        }
      ).question_id;
    expect(picked(rotation.app)).not.toBe(picked(memory.app));
    expect(cellsOf(rotation.app, openRoundId(rotation.app))).not.toContain(rotation.missed);
  });

  it("does not ask the same cell twice running", async () => {
    const { app, missed } = await teamThatForgot(new ManualClock());
    await say(app, admin, "settings pick memory");
    await say(app, admin, "daily now");
    expect(cellsOf(app, openRoundId(app))).toContain(missed);
    // Nobody answers, so the cell stays the most forgotten; the next day's question is on another one.
    await say(app, admin, "reveal");
    await say(app, admin, "daily now");
    expect(cellsOf(app, openRoundId(app))).not.toContain(missed);
  });

  it("counts only members who answered here in the last 30 days", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const [ann, , cy] = team as [Actor, Actor, Actor];
    const first = await playRound(app, [cy.userId], []);
    const [gone, known] = CANDIDATES.filter((c) => !cellsOf(app, first).includes(c)) as [string, string];
    // cy missed a cell long ago, so it is more forgotten than anything ann has; but cy has left.
    await meetAll(app, [cy], gone, false);
    clock.advance(40 * DAY);
    const second = await playRound(app, [ann.userId], []);
    expect(cellsOf(app, second)).not.toContain(gone);
    expect(cellsOf(app, second)).not.toContain(known);
    await meetAll(app, [ann], known, false);
    clock.advance(2 * DAY);
    await say(app, admin, "settings pick memory");
    await say(app, admin, "daily now");
    expect(cellsOf(app, openRoundId(app))).toContain(known);
  });

  it("falls back to rotation while no active member has met anything", async () => {
    const app = memoryApp();
    await say(app, admin, "settings pick memory");
    expect(await say(app, admin, "daily now")).toContain("Posted a question");
  });
});
