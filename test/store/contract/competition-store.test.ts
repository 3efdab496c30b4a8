import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CompetitionStore } from "../../../src/ports/competition-store.js";
import { SqliteCompetitionStore } from "../../../src/store/competition-store.js";
import { PgCompetitionStore } from "../../../src/store/postgres/competition-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { channel } from "./round-fixtures.js";

type Stores = { competitions: CompetitionStore };

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 9));

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({ competitions: new SqliteCompetitionStore(db) }),
    postgres: (db) => ({ competitions: new PgCompetitionStore(db) }),
  }),
)("CompetitionStore on $name", (engine) => {
  let open: OpenStores<Stores>;
  let competitions: Stores["competitions"];
  beforeEach(async () => {
    open = await engine.open();
    competitions = open.stores.competitions;
  });
  afterEach(() => open.close());

  it("a new competition reads back as started, running in its workspace", async () => {
    const started = await competitions.create(channel, "Spring Cup", "admin", day(2), day(9));
    expect(started).toEqual({
      id: expect.any(Number),
      platform: "slack",
      workspace: "W",
      name: "Spring Cup",
      channel: "C1",
      startedBy: "admin",
      startsAt: day(2),
      endsAt: day(9),
      endedAt: null,
    });
    expect(await competitions.get(started.id)).toEqual(started);
    expect(await competitions.active("slack", "W")).toEqual(started);
    expect(await competitions.active("discord", "W")).toBeUndefined();
    expect(await competitions.get(started.id + 1000)).toBeUndefined();
  });

  it("a competition is found by name in any case of its letters, only in its workspace", async () => {
    const cup = await competitions.create(channel, "Spring Cup", "admin", day(2), day(9));
    expect(await competitions.byName("slack", "W", "spring CUP")).toEqual(cup);
    expect(await competitions.byName("slack", "W", "Spring")).toBeUndefined();
    expect(await competitions.byName("slack", "W2", "Spring Cup")).toBeUndefined();
  });

  it("names are told apart as SQLite's NOCASE does: A to Z fold, other letters keep their case", async () => {
    const first = await competitions.create(channel, "Öko Cup", "admin", day(1), day(3));
    await competitions.end(first.id, day(3));
    // Ö and ö differ for NOCASE, so a second competition may take the name with ö on both engines.
    const second = await competitions.create(channel, "öKO CUP", "admin", day(4), day(6));
    expect(second.name).toBe("öKO CUP");
    await competitions.end(second.id, day(6));
    await expect(competitions.create(channel, "öko cup", "admin", day(7), day(9))).rejects.toThrow();
  });

  it("a competition ends once: a second end, even at the same moment, is told no", async () => {
    const cup = await competitions.create(channel, "Cup", "admin", day(2), day(9));
    const ends = await Promise.all([1, 2, 3].map(() => competitions.end(cup.id, day(9))));
    expect(ends.filter(Boolean)).toHaveLength(1);
    expect(await competitions.end(cup.id, day(10))).toBe(false);
    expect((await competitions.get(cup.id))?.endedAt).toEqual(day(9));
    expect(await competitions.active("slack", "W")).toBeUndefined();
  });

  it("the latest ended competition is the one that ended last", async () => {
    expect(await competitions.latestEnded("slack", "W")).toBeUndefined();
    const first = await competitions.create(channel, "First", "admin", day(1), day(3));
    const second = await competitions.create(
      { ...channel, workspaceId: "W2" },
      "Second",
      "admin",
      day(1),
      day(3),
    );
    await competitions.end(first.id, day(5));
    await competitions.end(second.id, day(6));
    const third = await competitions.create(channel, "Third", "admin", day(5), day(8));
    await competitions.end(third.id, day(4));
    expect((await competitions.latestEnded("slack", "W"))?.name).toBe("First");
    expect((await competitions.latestEnded("slack", "W2"))?.name).toBe("Second");
  });

  it("due are the running competitions whose end time has come, oldest first", async () => {
    const a = await competitions.create(channel, "A", "admin", day(1), day(9));
    const b = await competitions.create({ ...channel, workspaceId: "W2" }, "B", "admin", day(1), day(5));
    const c = await competitions.create({ ...channel, workspaceId: "W3" }, "C", "admin", day(1), day(4));
    await competitions.end(c.id, day(4));
    expect(await competitions.due(day(4))).toEqual([]);
    expect((await competitions.due(day(5))).map((x) => x.id)).toEqual([b.id]);
    expect((await competitions.due(day(9))).map((x) => x.id)).toEqual([a.id, b.id]);
  });
});
