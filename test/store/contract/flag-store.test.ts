import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewFlag } from "../../../src/domain/flag.js";
import type { FlagStore } from "../../../src/ports/flag-store.js";
import type { RoundStore } from "../../../src/ports/round-store.js";
import { SqliteFlagStore } from "../../../src/store/flag-store.js";
import { PgFlagStore } from "../../../src/store/postgres/flag-store.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { at, newRound } from "./round-fixtures.js";

type Stores = { rounds: RoundStore; flags: FlagStore };

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({ rounds: new SqliteRoundStore(db), flags: new SqliteFlagStore(db) }),
    postgres: (db) => ({ rounds: new PgRoundStore(db), flags: new PgFlagStore(db) }),
  }),
)("FlagStore on $name", (engine) => {
  let open: OpenStores<Stores>;
  let flags: Stores["flags"];
  let roundId: number;
  beforeEach(async () => {
    open = await engine.open();
    flags = open.stores.flags;
    roundId = await open.stores.rounds.open(newRound());
  });
  afterEach(() => open.close());

  const flag = (userId: string, questionId: string, over: Partial<NewFlag> = {}): NewFlag => ({
    platform: "slack",
    workspace: "W",
    userId,
    questionId,
    roundId,
    reason: "wrong-answer",
    comment: null,
    at: at("11:00:00.000"),
    ...over,
  });

  it("a flag is stored once per person and question: a second one is refused and the first stands", async () => {
    expect(await flags.add(flag("ann", "q1", { comment: "B is right" }))).toBe(true);
    expect(await flags.add(flag("ann", "q1", { reason: "typo" }))).toBe(false);
    expect(await flags.add(flag("ann", "q2"))).toBe(true);
    expect(await flags.open("slack", "W")).toEqual([
      {
        questionId: "q1",
        roundId,
        userId: "ann",
        reason: "wrong-answer",
        comment: "B is right",
        flaggedAt: at("11:00:00.000"),
      },
      expect.objectContaining({ questionId: "q2", userId: "ann" }),
    ]);
  });

  it("three flags at once from one person on one question: one is stored", async () => {
    const added = await Promise.all([1, 2, 3].map(() => flags.add(flag("ann", "q1"))));
    expect(added.filter(Boolean)).toHaveLength(1);
    expect(await flags.open("slack", "W")).toHaveLength(1);
  });

  it("open flags are grouped by question in id order, each in the order flagged, in one workspace", async () => {
    await flags.add(flag("ann", "q2"));
    await flags.add(flag("bob", "Q9"));
    await flags.add(flag("cy", "q1"));
    await flags.add(flag("bob", "q2"));
    await flags.add(flag("dee", "q1", { workspace: "W2" }));
    const open = await flags.open("slack", "W");
    // Question ids compare byte by byte, as SQLite compares text: upper case first.
    expect(open.map((f) => `${f.questionId}:${f.userId}`)).toEqual(["Q9:bob", "q1:cy", "q2:ann", "q2:bob"]);
  });

  it("a question flagged by three different people is held out until its flags are resolved", async () => {
    for (const user of ["ann", "bob"]) await flags.add(flag(user, "q1"));
    await flags.add(flag("cy", "q1", { workspace: "W2" }));
    expect(await flags.heldOut("slack", "W")).toEqual(new Set());
    await flags.add(flag("cy", "q1", { reason: "typo" }));
    expect(await flags.heldOut("slack", "W")).toEqual(new Set(["q1"]));
    expect(await flags.resolve("slack", "W", "q1", "dismissed", "admin", at("12:00:00.000"))).toBe(3);
    expect(await flags.resolve("slack", "W", "q1", "dismissed", "admin", at("12:00:01.000"))).toBe(0);
    expect(await flags.heldOut("slack", "W")).toEqual(new Set());
    expect(await flags.open("slack", "W")).toEqual([]);
    expect(await flags.open("slack", "W2")).toHaveLength(1);
  });

  it("counts are open flags per question and reason over every workspace, most common reason first", async () => {
    await flags.add(flag("ann", "q2", { reason: "typo" }));
    await flags.add(flag("bob", "q2", { reason: "ambiguous" }));
    await flags.add(flag("cy", "q2", { reason: "ambiguous", workspace: "W2" }));
    await flags.add(flag("dee", "q1", { reason: "outdated" }));
    await flags.add(flag("eve", "q3"));
    await flags.resolve("slack", "W", "q3", "voided", "admin", at("12:00:00.000"));
    expect(await flags.counts()).toEqual([
      { questionId: "q1", reason: "outdated", count: 1 },
      { questionId: "q2", reason: "ambiguous", count: 2 },
      { questionId: "q2", reason: "typo", count: 1 },
    ]);
  });
});
