import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/domain/channel.js";
import type { CellMemory, ItemRef } from "../../../src/domain/memory.js";
import type { Async } from "../../../src/ports/async.js";
import type { TeamMemoryStore } from "../../../src/ports/team-memory-store.js";
import { MemoryScheduler } from "../../../src/practice/scheduler.js";
import { PgTeamMemoryStore } from "../../../src/store/postgres/team-memory-store.js";
import { SqliteTeamMemoryStore } from "../../../src/store/team-memory-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { type Rows, rowsOf } from "./rows.js";

type Stores = { teamMemory: TeamMemoryStore };

const DAY = 86_400_000;
const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C2" };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (days: number, seconds = 0) => new Date(T0.getTime() + days * DAY + seconds * 1000);
const EC2: ItemRef = { kind: "cell", id: "ec2/guest-os-patching" };
const S3: ItemRef = { kind: "cell", id: "s3/bucket-policies" };
const Q7: ItemRef = { kind: "question", id: "q7" };

const scheduler = new MemoryScheduler();

/** Whose cards were read, each person once, in the order their cards came. */
function whose(cards: readonly CellMemory[]): string[] {
  return [...new Set(cards.map((c) => c.userId))];
}

const rows = rowsOf();
const engines = storeEngines<Stores>({
  sqlite: (db, _clock, gate) => rows.sqlite(db, gate, { teamMemory: new SqliteTeamMemoryStore(db) }),
  postgres: (db) => rows.postgres(db, { teamMemory: new PgTeamMemoryStore(db) }),
});

describe.each(engines)("TeamMemoryStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: TeamMemoryStore;
  let fixture: Rows;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.teamMemory;
    fixture = rows.take();
  });
  afterEach(async () => opened.close());

  /** A question of the day in `channel` answered by `who`, in that order, `day` days after T0. */
  async function roundOn(channel: ChannelRef, day: number, who: readonly string[]): Promise<void> {
    const roundId = await fixture.round(channel);
    for (const [i, userId] of who.entries()) await fixture.answer(roundId, userId, at(day, i));
  }

  /** A person's cards of the two cells and one question, reviewed once. */
  async function cardsOf(userId: string, workspaceId = "T1"): Promise<void> {
    const who = { platform: "slack", workspaceId, userId } as const;
    for (const item of [EC2, S3, Q7]) {
      const card = await fixture.practice.ensureCard(who, item, scheduler.fresh(T0), T0);
      await fixture.practice.saveCard(card.id, scheduler.review(card.memory, T0, "good").memory, "good");
    }
  }

  /** ann and bob answered a question of the day, then cy and dee the next day's; eve answered in another channel. */
  async function twoRounds(): Promise<void> {
    for (const userId of ["ann", "bob", "cy", "dee", "eve"]) await cardsOf(userId);
    await roundOn(C1, 0, ["ann", "bob"]);
    await roundOn(C1, 1, ["cy", "dee"]);
    await roundOn(C2, 1, ["eve"]);
  }

  it("reads the cell cards of at most the given number of members: those who answered the latest question first", async () => {
    await twoRounds();
    const since = at(-30);
    expect(whose(await store.recentCellMemories(C1, since, 2))).toEqual(["cy", "dee"]);
    // The earlier round's first answerer comes next; cards are always given person by person, by user id.
    expect(whose(await store.recentCellMemories(C1, since, 3))).toEqual(["ann", "cy", "dee"]);
  });

  it("reads only what recall depends on, of cell cards only, person by person", async () => {
    await twoRounds();
    const cards = await store.activeCellMemories(C1, at(-30));
    expect(whose(cards)).toEqual(["ann", "bob", "cy", "dee"]);
    const ann = cards.filter((c) => c.userId === "ann").sort((a, b) => a.cell.localeCompare(b.cell));
    const memory = scheduler.review(scheduler.fresh(T0), T0, "good").memory;
    expect(ann).toEqual(
      [EC2, S3].map((item) => ({
        userId: "ann",
        cell: item.id,
        phase: memory.phase,
        stability: memory.stability,
        lastReview: memory.lastReview,
      })),
    );
  });

  it("with room for everyone, reads exactly what the whole channel's memory reads", async () => {
    await twoRounds();
    const since = at(-30);
    const everyone = await store.activeCellMemories(C1, since);
    const sortCards = (cards: CellMemory[]) =>
      [...cards].sort((a, b) => a.userId.localeCompare(b.userId) || a.cell.localeCompare(b.cell));
    expect(sortCards(await store.recentCellMemories(C1, since, 100))).toEqual(sortCards(everyone));
  });

  it("leaves out people whose last answer here is older than the window, and other channels' people", async () => {
    await twoRounds();
    const sinceYesterday = at(1, -1);
    expect(whose(await store.recentCellMemories(C1, sinceYesterday, 10))).toEqual(["cy", "dee"]);
    expect(whose(await store.activeCellMemories(C1, sinceYesterday))).toEqual(["cy", "dee"]);
  });

  it("orders people by their ids byte by byte, capitals first, and reads no other workspace's cards", async () => {
    for (const userId of ["bob", "U2", "ann"]) await cardsOf(userId);
    await cardsOf("ann", "T2");
    await roundOn(C1, 0, ["bob", "U2", "ann"]);
    expect(whose(await store.activeCellMemories(C1, at(-1)))).toEqual(["U2", "ann", "bob"]);
    expect(whose(await store.recentCellMemories(C1, at(-1), 3))).toEqual(["U2", "ann", "bob"]);
    expect(await store.activeCellMemories(C1, at(-1))).toHaveLength(6);
  });

  it("finds a member who answered only long ago, after hundreds of answers by the others", async () => {
    for (const userId of ["ann", "bob", "cy"]) await cardsOf(userId);
    await roundOn(C1, 0, ["cy"]);
    for (let day = 1; day <= 260; day++) await roundOn(C1, day / 1000, ["ann", "bob"]);
    expect(whose(await store.recentCellMemories(C1, at(-1), 3))).toEqual(["ann", "bob", "cy"]);
  });
});
