import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/domain/channel.js";
import { DEFAULT_SETTINGS } from "../../../src/domain/channel.js";
import type { ItemRef, Memory } from "../../../src/domain/memory.js";
import { DEFAULT_NEW_PER_DAY, type Person } from "../../../src/domain/practice.js";
import type { Async } from "../../../src/ports/async.js";
import type { PracticeStore } from "../../../src/ports/practice-store.js";
import { MemoryScheduler } from "../../../src/practice/scheduler.js";
import { PgPracticeStore } from "../../../src/store/postgres/practice-store.js";
import { SqlitePracticeStore } from "../../../src/store/practice-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { type Rows, rowsOf } from "./rows.js";

type Stores = { practice: PracticeStore };

const DAY = 86_400_000;
const ANN: Person = { platform: "slack", workspaceId: "T1", userId: "ann" };
const BOB: Person = { platform: "slack", workspaceId: "T1", userId: "bob" };
const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C2" };
const EC2: ItemRef = { kind: "cell", id: "ec2/guest-os-patching" };
const S3: ItemRef = { kind: "cell", id: "s3/bucket-policies" };
const Q7: ItemRef = { kind: "question", id: "q7" };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const scheduler = new MemoryScheduler();
const dueAt = (due: Date): Memory => ({ ...scheduler.fresh(T0), due });

const rows = rowsOf();
const engines = storeEngines<Stores>({
  sqlite: (db, _clock, gate) => rows.sqlite(db, gate, { practice: new SqlitePracticeStore(db) }),
  postgres: (db) => rows.postgres(db, { practice: new PgPracticeStore(db) }),
});

describe.each(engines)("PracticeStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: PracticeStore;
  let fixture: Rows;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.practice;
    fixture = rows.take();
  });
  afterEach(async () => opened.close());

  it("a card and its review log come back exactly as the scheduler made them", async () => {
    const roundId = await fixture.round(C1, "private", "ann");
    const card = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    expect(card).toMatchObject({ userId: "ann", item: EC2, lastRecall: null, lastReviewId: null });
    const first = scheduler.review(card.memory, T0, "good");
    const second = scheduler.review(first.memory, at(4), "again");
    await store.saveCard(card.id, second.memory, "again");
    const reviewId = await store.addReview(card.id, roundId, "private", second.trace);
    expect(await store.card(ANN, EC2)).toEqual({
      ...card,
      memory: second.memory,
      lastRecall: "again",
      lastReviewId: reviewId,
    });
    expect(await store.latestReview(card.id)).toEqual({
      id: reviewId,
      cardId: card.id,
      roundId,
      source: "private",
      confidence: null,
      trace: second.trace,
    });
    expect(await store.card(BOB, EC2)).toBeUndefined();
    // Rolling the stored review back gives the memory before it.
    const stored = await store.latestReview(card.id);
    expect(scheduler.undo(second.memory, stored?.trace ?? second.trace)).toMatchObject({
      stability: first.memory.stability,
      difficulty: first.memory.difficulty,
      phase: first.memory.phase,
      lastReview: first.memory.lastReview,
    });
  });

  it("a card is created once: asking again, or three asking at once, gives the same card", async () => {
    const made = await Promise.all([1, 2, 3].map(() => store.ensureCard(ANN, S3, scheduler.fresh(T0), T0)));
    expect(new Set(made.map((c) => c.id)).size).toBe(1);
    const later = await store.ensureCard(ANN, S3, dueAt(at(9)), at(1));
    expect(later).toEqual(made[0]);
    expect(await store.cards(ANN)).toEqual([made[0]]);
  });

  it("due cards are a person's own, longest due first; the count and the next due agree", async () => {
    const late = await store.ensureCard(ANN, EC2, dueAt(at(-3)), T0);
    const later = await store.ensureCard(ANN, S3, dueAt(at(-1)), T0);
    await store.ensureCard(ANN, Q7, dueAt(at(2)), T0);
    await store.ensureCard(BOB, EC2, dueAt(at(-5)), T0);
    expect((await store.dueCards(ANN, T0)).map((c) => c.id)).toEqual([late.id, later.id]);
    expect(await store.dueCount(ANN, T0)).toBe(2);
    expect(await store.nextDue(ANN, T0)).toEqual(at(2));
    expect(await store.nextDue(ANN, at(3))).toBeNull();
    expect(await store.dueCount(BOB, at(-6))).toBe(0);
    expect(await store.itemKeys(ANN)).toEqual(
      new Set(["cell:ec2/guest-os-patching", "cell:s3/bucket-policies", "question:q7"]),
    );
  });

  it("a round's reviews come with their cards, and the latest private round is remembered", async () => {
    const channelRound = await fixture.round(C1);
    const privateRound = await fixture.round(C1, "private", "ann");
    const ec2 = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    const s3 = await store.ensureCard(ANN, S3, scheduler.fresh(T0), T0);
    const r1 = await store.addReview(
      ec2.id,
      channelRound,
      "channel",
      scheduler.review(ec2.memory, T0, "good").trace,
    );
    const r2 = await store.addReview(
      s3.id,
      channelRound,
      "channel",
      scheduler.review(s3.memory, T0, "hard").trace,
    );
    expect(await store.lastPrivateRound(ANN)).toBeNull();
    await store.addReview(ec2.id, privateRound, "private", scheduler.review(ec2.memory, at(1), "good").trace);
    const reviews = await store.roundReviews(ANN, channelRound);
    expect(reviews.map((r) => [r.review.id, r.card.id])).toEqual([
      [r1, ec2.id],
      [r2, s3.id],
    ]);
    expect(await store.roundReviews(BOB, channelRound)).toEqual([]);
    expect(await store.lastPrivateRound(ANN)).toBe(privateRound);
  });

  it("a review is rated again after a 'How sure?' tap, and a corrected key leaves no confidence", async () => {
    const roundId = await fixture.round(C1);
    const card = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    const id = await store.addReview(
      card.id,
      roundId,
      "channel",
      scheduler.review(card.memory, T0, "good").trace,
    );
    await store.rerate(id, "hard", "guess");
    expect(await store.latestReview(card.id)).toMatchObject({
      confidence: "guess",
      trace: { recall: "hard" },
    });
    await store.rerate(id, "again", null);
    expect(await store.latestReview(card.id)).toMatchObject({ confidence: null, trace: { recall: "again" } });
  });

  it("undoing a card's only review deletes the card; undoing a later one gives the card its memory back", async () => {
    const round1 = await fixture.round(C1);
    const round2 = await fixture.round(C2);
    const card = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    const first = scheduler.review(card.memory, T0, "good");
    await store.saveCard(card.id, first.memory, "good");
    const firstId = await store.addReview(card.id, round1, "channel", first.trace);
    const second = scheduler.review(first.memory, at(3), "again");
    await store.saveCard(card.id, second.memory, "again");
    const secondId = await store.addReview(card.id, round2, "channel", second.trace);
    await store.undoReview(secondId, card.id, first.memory);
    expect(await store.card(ANN, EC2)).toEqual({
      ...card,
      memory: first.memory,
      lastRecall: "good",
      lastReviewId: firstId,
    });
    await store.undoReview(firstId, card.id, card.memory);
    expect(await store.card(ANN, EC2)).toBeUndefined();
    expect(await store.latestReview(card.id)).toBeUndefined();
  });

  it("retention counts reviews of cards already in review since an instant, and those recalled", async () => {
    const roundId = await fixture.round(C1);
    const card = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    let memory = card.memory;
    const traces = [];
    for (const [day, recall] of [
      [0, "good"],
      [4, "good"],
      [20, "again"],
      [22, "good"],
      [40, "hard"],
    ] as const) {
      const r = scheduler.review(memory, at(day), recall);
      await store.addReview(card.id, roundId, "channel", r.trace);
      traces.push(r.trace);
      memory = r.memory;
    }
    const since = at(10);
    const counted = traces.filter((t) => t.phase === "review" && t.reviewedAt >= since);
    expect(counted.length).toBeGreaterThan(0);
    expect(await store.retention(ANN, since)).toEqual({
      reviews: counted.length,
      passed: counted.filter((t) => t.recall !== "again").length,
    });
    expect(await store.retention(ANN, at(100))).toEqual({ reviews: 0, passed: 0 });
    expect(await store.retention(BOB, at(-1))).toEqual({ reviews: 0, passed: 0 });
  });

  it("a session remembers its round, counts answers only to that round, keeps skips, and ends", async () => {
    const round1 = await fixture.round(C1, "private", "ann");
    const round2 = await fixture.round(C1, "private", "ann");
    expect(await store.session(ANN)).toBeUndefined();
    await store.startSession(ANN, "cram", ["ec2", "s3"], T0);
    await store.setSessionRound(ANN, round1);
    await store.countSessionAnswer(ANN, round1);
    await store.countSessionAnswer(ANN, round2);
    await store.skipInSession(ANN, round1, "q7");
    await store.skipInSession(ANN, round1, "q9");
    await store.skipInSession(ANN, round2, "q8");
    expect(await store.session(ANN)).toEqual({
      mode: "cram",
      services: ["ec2", "s3"],
      startedAt: T0,
      sinceReview: 0,
      roundId: round1,
      answered: 1,
      skipped: ["q7", "q9"],
    });
    // Starting again starts afresh, from the latest review on.
    const card = await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    const reviewId = await store.addReview(
      card.id,
      round1,
      "private",
      scheduler.review(card.memory, T0, "good").trace,
    );
    await store.startSession(ANN, "review", null, at(1));
    expect(await store.session(ANN)).toEqual({
      mode: "review",
      services: null,
      startedAt: at(1),
      sinceReview: reviewId,
      roundId: null,
      answered: 0,
      skipped: [],
    });
    await store.endSession(ANN);
    expect(await store.session(ANN)).toBeUndefined();
  });

  it("a card introduced by practice counts once against the day, from when it was introduced", async () => {
    await store.ensureCard(ANN, EC2, scheduler.fresh(T0), T0);
    await store.ensureCard(ANN, S3, scheduler.fresh(T0), T0);
    await store.introduce(ANN, EC2, T0);
    await store.introduce(ANN, EC2, at(2));
    expect(await store.introducedSince(ANN, at(-1))).toBe(1);
    expect(await store.introducedSince(ANN, at(1))).toBe(0);
    await store.introduce(ANN, S3, at(2));
    expect(await store.introducedSince(ANN, at(1))).toBe(1);
    expect(await store.introducedSince(BOB, at(-1))).toBe(0);
  });

  it("practice settings are the defaults until set, and each setting is kept on its own", async () => {
    expect(await store.prefs(ANN)).toEqual({ newPerDay: DEFAULT_NEW_PER_DAY, path: null });
    await store.setPath(ANN, "saa-c03");
    await store.setNewPerDay(ANN, 3);
    expect(await store.prefs(ANN)).toEqual({ newPerDay: 3, path: "saa-c03" });
    await store.setPath(ANN, null);
    expect(await store.prefs(ANN)).toEqual({ newPerDay: 3, path: null });
    expect(await store.prefs(BOB)).toEqual({ newPerDay: DEFAULT_NEW_PER_DAY, path: null });
  });

  it("channels that asked for the digest are listed with the instant they first asked", async () => {
    const c3: ChannelRef = { ...C1, channelId: "C3" };
    await fixture.settings.put(c3, { ...DEFAULT_SETTINGS, digest: true }, T0);
    await fixture.settings.put(C1, { ...DEFAULT_SETTINGS, digest: true }, at(1));
    await fixture.settings.put(C1, { ...DEFAULT_SETTINGS, digest: true, speedBonus: true }, at(2));
    await fixture.settings.put(C2, { ...DEFAULT_SETTINGS, digest: false }, T0);
    expect(await store.digestChannels()).toEqual([
      { channel: C1, since: at(1) },
      { channel: c3, since: T0 },
    ]);
  });

  it("a digest turned off and on again counts from when it was turned on again", async () => {
    await fixture.settings.put(C1, { ...DEFAULT_SETTINGS, digest: true }, T0);
    await fixture.settings.put(C1, { ...DEFAULT_SETTINGS, digest: false }, at(1));
    expect(await store.digestChannels()).toEqual([]);
    await fixture.settings.put(C1, { ...DEFAULT_SETTINGS, digest: true }, at(2));
    expect(await store.digestChannels()).toEqual([{ channel: C1, since: at(2) }]);
  });

  it("a week's digest claimed by three at once goes to one; given back, it can be claimed again", async () => {
    const claims = await Promise.all([1, 2, 3].map(() => store.claimDigest(C1, "2026-W10", T0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimDigest(C2, "2026-W10", T0)).toBe(true);
    expect(await store.claimDigest(C1, "2026-W11", T0)).toBe(true);
    await store.releaseDigest(C1, "2026-W10");
    expect(await store.claimDigest(C1, "2026-W10", T0)).toBe(true);
    expect(await store.claimDigest(C1, "2026-W10", T0)).toBe(false);
  });
});
