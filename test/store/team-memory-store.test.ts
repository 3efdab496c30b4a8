import { describe, expect, it } from "vitest";
import type { CellMemory } from "../../src/domain/memory.js";
import { SqliteTeamMemoryStore } from "../../src/store/team-memory-store.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { channel, playRound } from "../support/people.js";

const DAY = 86_400_000;

/** Whose cards were read, each person once, in the order their cards came. */
function whose(cards: readonly CellMemory[]): string[] {
  return [...new Set(cards.map((c) => c.userId))];
}

/** A channel where ann and bob answered a question of the day, then cy and dee answered the next one. */
async function twoRounds(clock: ManualClock) {
  const app = memoryApp({}, clock);
  await playRound(app, ["ann", "bob"], []);
  clock.advance(DAY);
  await playRound(app, ["cy"], ["dee"]);
  return { app, store: new SqliteTeamMemoryStore(app.db) };
}

const monthBefore = (clock: ManualClock) => new Date(clock.now().getTime() - 30 * DAY);

describe("the team memory store", () => {
  it("reads the cards of at most the given number of members: those who answered the latest question first", async () => {
    const clock = new ManualClock();
    const { store } = await twoRounds(clock);
    const since = monthBefore(clock);
    expect(whose(store.recentCellMemories(channel(), since, 2))).toEqual(["cy", "dee"]);
    // The earlier round's first answerer comes next; cards are always given person by person, by user id.
    expect(whose(store.recentCellMemories(channel(), since, 3))).toEqual(["ann", "cy", "dee"]);
  });

  it("with room for everyone, reads exactly what the whole channel's memory reads", async () => {
    const clock = new ManualClock();
    const { store } = await twoRounds(clock);
    const since = monthBefore(clock);
    const everyone = store.activeCellMemories(channel(), since);
    expect(whose(everyone)).toEqual(["ann", "bob", "cy", "dee"]);
    const sortCards = (cards: CellMemory[]) =>
      [...cards].sort((a, b) => a.userId.localeCompare(b.userId) || a.cell.localeCompare(b.cell));
    expect(sortCards(store.recentCellMemories(channel(), since, 100))).toEqual(sortCards(everyone));
  });

  it("leaves out people whose last answer here is older than the window, and other channels' people", async () => {
    const clock = new ManualClock();
    const { app, store } = await twoRounds(clock);
    await playRound(app, ["eve"], [], channel("C2"));
    // A day after the second round: ann and bob answered two days ago, cy and dee one day ago.
    clock.advance(DAY);
    const sinceYesterday = new Date(clock.now().getTime() - DAY - 1000);
    expect(whose(store.recentCellMemories(channel(), sinceYesterday, 10))).toEqual(["cy", "dee"]);
    expect(whose(store.activeCellMemories(channel(), sinceYesterday))).toEqual(["cy", "dee"]);
  });
});
