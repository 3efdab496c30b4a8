import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Person } from "../../src/domain/practice.js";
import type { Async } from "../../src/ports/async.js";
import type { Rescorer } from "../../src/ports/flag-store.js";
import { FORGOTTEN, type PeopleData } from "../../src/ports/people-data.js";
import { SqlitePeopleData } from "../../src/store/people-data.js";
import { PgPeopleData } from "../../src/store/postgres/people-data.js";
import { PgRescoreStore } from "../../src/store/postgres/rescore-store.js";
import { RescoreStore } from "../../src/store/rescore-store.js";
import { type OpenStores, storeEngines } from "../support/store-engines.js";
import { PgTables, SqliteTables, type Tables } from "./tables.js";

type Stores = { people: PeopleData; rescore: Rescorer; tables: Async<Tables> };

/**
 * Columns that hold a person's id or name (`user_id`, `installer_user_id`, `player`, `display_name`,
 * `started_by`...). A new one of these in any table must be forgotten too, or this test fails naming its table.
 */
const PERSON_COLUMN = /(^|_)user_id$|^player$|^display_name$|_by$/;
/** Columns that match the pattern and hold no person: the bot's own user id. */
const NOT_A_PERSON = new Set(["bot_user_id"]);
const isPersonal = (column: string) => PERSON_COLUMN.test(column) && !NOT_A_PERSON.has(column);
/** Every table with such a column, as forgetting covers them. */
const COVERED = [
  "answers",
  "competitions",
  "daily_schedules",
  "exams",
  "practice_cards",
  "practice_prefs",
  "practice_sessions",
  "question_flags",
  "rounds",
  "scores",
  "slack_installations",
  "streaks",
];

const ANN: Person = { platform: "slack", workspaceId: "W", userId: "ann" };
const ANN_ELSEWHERE: Person = { ...ANN, workspaceId: "W2" };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE).toISOString();

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({
      people: new SqlitePeopleData(db),
      rescore: new RescoreStore(db),
      tables: new SqliteTables(db),
    }),
    postgres: (db) => ({
      people: new PgPeopleData(db),
      rescore: new PgRescoreStore(db),
      tables: new PgTables(db),
    }),
  }),
)("PeopleData on $name", (engine) => {
  let open: OpenStores<Stores>;
  let s: Stores;
  beforeEach(async () => {
    open = await engine.open();
    s = open.stores;
  });
  afterEach(() => open.close());

  const put = (sql: string, params: unknown[]) => s.tables.insert(sql, params);
  const count = (sql: string, params: unknown[] = []) => s.tables.count(sql, params);

  async function round(
    ws: string,
    kind: "channel" | "private",
    player: string | null,
    minute: number,
    extra = {},
  ) {
    const r = {
      speed_bonus: 1,
      competition_id: null as number | null,
      voided_at: null,
      voided_by: null,
      ...extra,
    };
    return put(
      "INSERT INTO rounds (platform, workspace, channel, kind, player, question_id, question_json, status, speed_bonus, " +
        "competition_id, opened_at, closed_at, revealed_at, voided_at, voided_by) VALUES ('slack', ?, 'C1', ?, ?, 'q1', '{}', ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        ws,
        kind,
        player,
        r.voided_at ? "closed" : "revealed",
        r.speed_bonus,
        r.competition_id,
        at(minute),
        at(minute + 30),
        r.voided_at ? null : at(minute + 31),
        r.voided_at,
        r.voided_by,
      ],
    );
  }
  async function answer(roundId: number, user: string, correct: boolean, minute: number) {
    return put(
      "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
        "VALUES (?, ?, ?, '[\"A\"]', ?, 1, ?, ?)",
      [roundId, user, user.toUpperCase(), correct ? 1 : 0, correct ? 1 : 0, at(minute)],
    );
  }
  async function card(ws: string, user: string) {
    return put(
      "INSERT INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty, " +
        "elapsed_days, scheduled_days, learning_steps, reps, lapses, created_at) VALUES ('slack', ?, ?, 'cell', 'ec2/guest-os-patching', 2, ?, 1.5, 5.0, 0, 1, 0, 1, 0, ?)",
      [ws, user, at(1440), at(0)],
    );
  }
  async function review(cardId: number, roundId: number) {
    await put(
      "INSERT INTO practice_reviews (card_id, round_id, source, rating, reviewed_at, state, due, stability, difficulty, " +
        "elapsed_days, last_elapsed_days, scheduled_days, learning_steps) VALUES (?, ?, 'channel', 3, ?, 0, ?, 0.0, 0.0, 0, 0, 0, 0)",
      [cardId, roundId, at(10), at(10)],
    );
  }

  /** Ann and Bob in workspace W (Cy answers too); Ann again in W2. Scores as reveals left them. */
  async function studied() {
    const cup = await put(
      "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at) VALUES ('slack', 'W', 'Cup', 'C1', 'ann', ?, ?)",
      [at(-60), at(6000)],
    );
    const r1 = await round("W", "channel", null, 0, { competition_id: cup });
    await answer(r1, "ann", true, 1);
    await answer(r1, "bob", true, 2);
    await answer(r1, "cy", false, 3);
    const r2 = await round("W", "channel", null, 100, { voided_at: at(140), voided_by: "ann" });
    await answer(r2, "bob", true, 101);
    const r3 = await round("W", "channel", null, 200);
    await answer(r3, "ann", true, 201);
    await answer(r3, "bob", true, 202);
    const annQuiz = await round("W", "private", "ann", 300);
    await answer(annQuiz, "ann", true, 301);
    const bobQuiz = await round("W", "private", "bob", 310);
    await answer(bobQuiz, "bob", false, 311);
    for (const r of [r1, annQuiz])
      await put(
        "INSERT INTO round_cells (round_id, service_id, area_id) VALUES (?, 'ec2', 'guest-os-patching')",
        [r],
      );
    const elsewhere = await round("W2", "channel", null, 0);
    await answer(elsewhere, "ann", true, 1);

    const annCard = await card("W", "ann");
    const bobCard = await card("W", "bob");
    const annCardElsewhere = await card("W2", "ann");
    await review(annCard, r1);
    await review(annCard, annQuiz);
    await review(bobCard, r1);
    await review(bobCard, bobQuiz);
    await review(annCardElsewhere, elsewhere);
    for (const [user, quiz] of [
      ["ann", annQuiz],
      ["bob", bobQuiz],
    ] as const) {
      await put(
        "INSERT INTO practice_sessions (platform, workspace, user_id, mode, started_at, since_review, round_id) VALUES ('slack', 'W', ?, 'practice', ?, 0, ?)",
        [user, at(299), quiz],
      );
      await put(
        "INSERT INTO practice_prefs (platform, workspace, user_id, new_per_day, path) VALUES ('slack', 'W', ?, 5, NULL)",
        [user],
      );
      const exam = await put(
        "INSERT INTO exams (platform, workspace, user_id, display_name, exam, questions, started_at, finished_at) VALUES ('slack', 'W', ?, ?, 'clf-c02', '[]', ?, ?)",
        [user, user.toUpperCase(), at(400), at(420)],
      );
      await put(
        "INSERT INTO exam_answers (exam_id, position, response, correct, answered_at, round_id) VALUES (?, 0, '[\"A\"]', 1, ?, ?)",
        [exam, at(410), quiz],
      );
    }
    // Ann flagged a channel question (Bob resolved it); Bob flagged one and Ann, an admin then, resolved it.
    await put(
      "INSERT INTO question_flags (platform, workspace, user_id, question_id, round_id, reason, comment, flagged_at, resolved_at, resolution, resolved_by) " +
        "VALUES ('slack', 'W', 'ann', 'q1', ?, 'typo', 'my words', ?, ?, 'dismissed', 'bob')",
      [r1, at(40), at(50)],
    );
    await put(
      "INSERT INTO question_flags (platform, workspace, user_id, question_id, round_id, reason, flagged_at, resolved_at, resolution, resolved_by) " +
        "VALUES ('slack', 'W', 'bob', 'q3', ?, 'ambiguous', ?, ?, 'dismissed', 'ann')",
      [r3, at(240), at(250)],
    );
    await put(
      "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_time, active_from, updated_by) " +
        "VALUES ('slack', 'W', 'C1', '09:00', 'UTC', 'mon', '17:00', ?, 'ann')",
      [at(0)],
    );
    await put(
      "INSERT INTO lookups (platform, workspace, channel, status, service_id, area_id, owner, asked_at) VALUES ('slack', 'W', 'C1', 'answer', 'ec2', 'guest-os-patching', 'customer', ?)",
      [at(5)],
    );
    // Ann installed the app in W (the token is sealed; its value does not matter here).
    await put(
      "INSERT INTO slack_installations (enterprise_id, team_id, bot_token_sealed, bot_user_id, bot_scopes, installer_user_id, installed_at) " +
        "VALUES ('', 'W', 'v1:sealed', 'UBOT', 'commands', 'ann', ?)",
      [at(0)],
    );
    await s.rescore.rescoreWorkspace("slack", "W");
    await s.rescore.rescoreWorkspace("slack", "W2");
    return { r1, r2, r3, annQuiz, bobQuiz };
  }

  /** Rows of workspace W, per table with a person column, that hold `value` in such a column. */
  async function mentions(value: string, workspace = "W"): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    for (const [table, columns] of Object.entries(await s.tables.columns())) {
      const personal = columns.filter(isPersonal);
      if (personal.length === 0) continue;
      const scope = columns.includes("workspace")
        ? "platform = 'slack' AND workspace = ?"
        : table === "slack_installations"
          ? "team_id = ?"
          : columns.includes("round_id")
            ? "round_id IN (SELECT id FROM rounds WHERE platform = 'slack' AND workspace = ?)"
            : null;
      if (scope === null) throw new Error(`${table} has a person column and no way to find its workspace`);
      const hit = personal.map((c) => `${c} = ?`).join(" OR ");
      const n = await count(`SELECT count(*) FROM ${table} WHERE ${scope} AND (${hit})`, [
        workspace,
        ...personal.map(() => value),
      ]);
      if (n > 0) found[table] = n;
    }
    return found;
  }

  it("every table that holds a person's id or name is one that forgetting covers", async () => {
    const withPeople = Object.entries(await s.tables.columns())
      .filter(([, columns]) => columns.some(isPersonal))
      .map(([table]) => table)
      .sort();
    expect(withPeople).toEqual(COVERED);
  });

  it("nothing is deleted without an ask, nor with one older than the confirmation allows", async () => {
    await studied();
    const answersBefore = await count("SELECT count(*) FROM answers");
    expect(await s.people.forgetPerson(ANN, new Date(T0.getTime() - 10 * MINUTE))).toBeNull();
    await s.people.askToForget(ANN, T0);
    expect(await s.people.forgetPerson(ANN, new Date(T0.getTime() + MINUTE))).toBeNull();
    expect(await count("SELECT count(*) FROM answers")).toBe(answersBefore);
    expect((await mentions("ann")).answers).toBe(3);
  });

  it("forgets everything of the person in the workspace, keeps everyone else's, and scores stay true", async () => {
    const { r1, r2, r3, bobQuiz } = await studied();
    const bobAllBefore = await count(
      "SELECT count(*) FROM scores WHERE workspace = 'W' AND user_id = 'bob' AND period = 'all' AND points > 0",
    );
    const bobPointsBefore = await count(
      "SELECT sum(points) FROM scores WHERE workspace = 'W' AND user_id = 'bob' AND period = 'all'",
    );
    expect(bobAllBefore).toBe(1);
    await s.people.askToForget(ANN, T0);

    const deleted = await s.people.forgetPerson(ANN, new Date(T0.getTime() - 10 * MINUTE));

    expect(deleted).toEqual({
      answers: 3,
      rounds: 1,
      round_cells: 1,
      practice_cards: 1,
      practice_reviews: 2,
      practice_sessions: 1,
      practice_prefs: 1,
      exams: 1,
      exam_answers: 1,
      question_flags: 1,
      // all time, the week, the month and the competition
      scores: 4,
      streaks: 1,
      "rounds.voided_by": 1,
      "competitions.started_by": 1,
      "daily_schedules.updated_by": 1,
      "question_flags.resolved_by": 1,
      "slack_installations.installer_user_id": 1,
    });
    expect(await mentions("ann")).toEqual({});
    expect(await mentions("ANN")).toEqual({});
    expect(await count("SELECT count(*) FROM competitions WHERE started_by = ?", [FORGOTTEN])).toBe(1);
    // The ask is used up: a second confirmation forgets nothing more.
    expect(await s.people.forgetPerson(ANN, new Date(0))).toBeNull();

    // Channel rounds stay, with everyone else's answers; Bob's own quiz, card, exam and flag are untouched.
    const roundsLeft = await count(
      "SELECT count(*) FROM rounds WHERE workspace = 'W' AND id IN (?, ?, ?, ?)",
      [r1, r2, r3, bobQuiz],
    );
    expect(roundsLeft).toBe(4);
    expect(await mentions("bob")).toMatchObject({
      answers: 4,
      practice_cards: 1,
      practice_sessions: 1,
      practice_prefs: 1,
      exams: 1,
      // His own flag; Ann's, which he resolved, went with her.
      question_flags: 1,
    });
    expect(await mentions("cy")).toMatchObject({ answers: 1 });
    expect(await count("SELECT count(*) FROM practice_reviews")).toBe(3);
    expect(await count("SELECT count(*) FROM exam_answers")).toBe(1);
    expect(await count("SELECT count(*) FROM lookups")).toBe(1);

    // Ann in another workspace is another learner's record there: it stays whole.
    expect(await mentions("ann", ANN_ELSEWHERE.workspaceId)).toMatchObject({
      answers: 1,
      practice_cards: 1,
      scores: 3,
    });

    // Every stored score equals a recomputation; Bob now has the first correct answer's speed bonus.
    expect(await s.tables.scoreDifferences()).toEqual([]);
    const bobPointsAfter = await count(
      "SELECT sum(points) FROM scores WHERE workspace = 'W' AND user_id = 'bob' AND period = 'all'",
    );
    expect(bobPointsAfter).toBeGreaterThan(bobPointsBefore);
  });

  it("a workspace's purge deletes all its study data, counted per table, and leaves other workspaces", async () => {
    await studied();
    const deleted = await s.people.purgeWorkspace("slack", "W");
    expect(deleted).toMatchObject({
      answers: 8,
      rounds: 5,
      competitions: 1,
      practice_cards: 2,
      practice_reviews: 4,
      exams: 2,
      exam_answers: 2,
      question_flags: 2,
      daily_schedules: 1,
      lookups: 1,
    });
    for (const user of ["ann", "bob", "cy"]) expect(await mentions(user)).toEqual({});
    expect(await count("SELECT count(*) FROM lookups WHERE workspace = 'W'")).toBe(0);
    expect(await mentions("ann", "W2")).toMatchObject({ answers: 1, practice_cards: 1 });
    expect(await s.tables.scoreDifferences()).toEqual([]);
    expect(await s.people.purgeWorkspace("slack", "W")).toBeNull();
    expect(await s.people.purgeWorkspace("discord", "W2")).toBeNull();
  });
});
