import { afterAll, describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../../src/commands/index.js";
import { loadConfig } from "../../../src/config.js";
import { type App, openApp } from "../../../src/main.js";
import type { RoundStore } from "../../../src/ports/round-store.js";
import type { Actor } from "../../../src/ports.js";
import { PgDb } from "../../../src/store/postgres/db.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { renderPlain } from "../../../src/views/plain.js";
import { RecordingAnnouncer, RecordingLogger } from "../../fakes/announcer.js";
import { ManualClock, memoryApp, realContent } from "../../support/app.js";
import { channel, member } from "../../support/people.js";
import { freshDatabaseUrl } from "../../support/postgres.js";

// The use cases do not know which engine runs: the same game, typed into the whole engine on SQLite and on
// PostgreSQL, reads the same to every player, through rounds, reveals, a competition, leaderboards, stats,
// flags, a corrected key and a voided question (which rescores the workspace).

const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closing.splice(0)) await close();
});

/** An app, and a look at its open round (which the players read off the channel's message). */
interface Table {
  readonly app: App;
  readonly rounds: Pick<RoundStore, "openInChannel">;
}

async function onSqlite(clock: ManualClock): Promise<Table> {
  const app = memoryApp({}, clock);
  closing.push(() => app.close());
  const rounds = new SqliteRoundStore(app.db);
  return { app, rounds: { openInChannel: async (c) => rounds.openInChannel(c) } };
}

async function onPostgres(clock: ManualClock): Promise<Table> {
  const url = await freshDatabaseUrl();
  const app = await openApp(loadConfig({ SRM_DATABASE_URL: url }), {
    clock,
    announcer: new RecordingAnnouncer(),
    logger: new RecordingLogger(),
    content: realContent(),
  });
  const peek = await PgDb.connect(url);
  closing.push(
    () => app.close(),
    () => peek.close(),
  );
  return { app, rounds: new PgRoundStore(peek) };
}

const admin = member("admin", { admin: true });
const [ann, bob, cy] = [member("ann"), member("Bob"), member("cy")];

/** The whole game on one engine: everything each person read, in order. */
async function play(open: (clock: ManualClock) => Promise<Table>): Promise<string[]> {
  const clock = new ManualClock(new Date("2026-03-02T09:00:00Z"));
  const { app, rounds } = await open(clock);
  const read: string[] = [];
  const say = async (who: Actor, text: string) => {
    read.push(renderPlain(await app.engine.handle({ text, actor: who, channel: channel() }), TEXT_SYNTAX));
  };
  const press = async (who: Actor, action: string) => {
    read.push(renderPlain(await app.engine.press(action, who), TEXT_SYNTAX));
  };
  await say(admin, "settings speed-bonus on");
  await say(admin, "competition start Cup 2w");
  const played: { id: number; right: string; wrong: string }[] = [];
  for (const [right, wrong] of [
    [[ann, cy], [bob]],
    [[ann, bob], [cy]],
    [[bob], [ann, cy]],
    [[cy, bob, ann], []],
    [[ann], [bob, cy]],
  ] as const) {
    await say(admin, "daily now");
    const round = await rounds.openInChannel(channel());
    if (!round) throw new Error("no open round");
    const keyed = round.question.choices;
    const r = {
      id: round.id,
      right: keyed.find((c) => c.correct)?.key,
      wrong: keyed.find((c) => !c.correct)?.key,
    };
    if (!r.right || !r.wrong) throw new Error("the daily question has no lettered choices");
    played.push(r as { id: number; right: string; wrong: string });
    for (const who of right) {
      clock.advance(20_000);
      await press(who, `answer:${r.id}:${r.right}`);
    }
    for (const who of wrong) {
      clock.advance(20_000);
      await press(who, `answer:${r.id}:${r.wrong}`);
    }
    await press(ann, `answer:${r.id}:${r.wrong}`);
    await say(admin, "reveal");
    clock.advance(3_600_000);
  }
  const standings = async () => {
    for (const period of ["", "all", "accuracy", "Cup"]) await say(cy, `leaderboard ${period}`);
    await say(ann, "stats");
    await say(ann, "stats bob");
  };
  await standings();
  const [first, second] = played as [(typeof played)[0], (typeof played)[0]];
  await say(bob, `flag ${first.id} wrong-answer the key is wrong`);
  await say(cy, `flag ${first.id} ambiguous`);
  await say(admin, "flags");
  await say(admin, `flags fix ${first.id} ${first.wrong}`);
  await standings();
  await say(admin, `flags void ${second.id}`);
  await standings();
  return read;
}

describe("a whole game on PostgreSQL", () => {
  it("reads the same to every player as on SQLite: rounds, reveals, leaderboards, stats, flags, rescoring", async () => {
    const sqlite = await play(onSqlite);
    const postgres = await play(onPostgres);
    // The game did happen: people were scored, the key was fixed and the question voided.
    expect(sqlite.join("\n")).toContain("Answer key fixed");
    expect(sqlite.join("\n")).toContain("Question voided");
    expect(sqlite.join("\n")).toContain("Ranked by accuracy among people with 5 or more answers");
    expect(sqlite.filter((r) => r.includes("Locked in"))).toHaveLength(15);
    expect(postgres).toEqual(sqlite);
  });
});
