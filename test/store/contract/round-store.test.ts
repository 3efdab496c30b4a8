import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelRoundOpen } from "../../../src/domain/failure.js";
import type { NewRound } from "../../../src/domain/round.js";
import type { RoundStore } from "../../../src/ports/round-store.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { SqliteRoundStore } from "../../../src/store/round-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { at, channel, elsewhere, newAnswer, newRound, questionOf } from "./round-fixtures.js";

type Stores = { rounds: RoundStore };

describe.each(
  storeEngines<Stores>({
    sqlite: (db) => ({ rounds: new SqliteRoundStore(db) }),
    postgres: (db) => ({ rounds: new PgRoundStore(db) }),
  }),
)("RoundStore on $name", (engine) => {
  let open: OpenStores<Stores>;
  let rounds: Stores["rounds"];
  beforeEach(async () => {
    open = await engine.open();
    rounds = open.stores.rounds;
  });
  afterEach(() => open.close());

  it("a new round reads back as it was opened, open, in its channel", async () => {
    const id = await rounds.open(newRound());
    const round = await rounds.get(id);
    expect(round).toEqual({
      id,
      channel,
      kind: "channel",
      player: null,
      question: questionOf("q1"),
      status: "open",
      speedBonus: true,
      competitionId: null,
      openedAt: at("09:00:00.000"),
      closesAt: at("10:00:00.000"),
      messageRef: null,
      choiceOrder: "AB",
      voidedAt: null,
    });
    expect(await rounds.openInChannel(channel)).toEqual(round);
    expect(await rounds.openInChannel(elsewhere)).toBeUndefined();
    expect(await rounds.get(id + 1000)).toBeUndefined();
  });

  it("a second open round in one channel is refused and the first one stands", async () => {
    const first = await rounds.open(newRound());
    await expect(rounds.open(newRound({ question: questionOf("q2") }))).rejects.toBeInstanceOf(
      ChannelRoundOpen,
    );
    expect((await rounds.openInChannel(channel))?.id).toBe(first);
    expect(await rounds.open(newRound({ channel: elsewhere }))).not.toBe(first);
  });

  it("a refused open inside a transaction leaves the rest of the transaction to commit", async () => {
    await rounds.open(newRound());
    const other = await open.transactions.run(async () => {
      await expect(rounds.open(newRound())).rejects.toBeInstanceOf(ChannelRoundOpen);
      return rounds.open(newRound({ channel: elsewhere }));
    });
    expect((await rounds.openInChannel(elsewhere))?.id).toBe(other);
  });

  it("three opens at once in one channel: one round opens, the others are refused", async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => rounds.open(newRound())));
    const opened = results.filter((r) => r.status === "fulfilled");
    expect(opened).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ChannelRoundOpen);
    expect((await rounds.openInChannel(channel))?.id).toBe(
      (opened[0] as PromiseFulfilledResult<number>).value,
    );
  });

  it("a person's open private round is their latest one, and no one else's", async () => {
    const quiz = (player: string, q: string) =>
      rounds.open(newRound({ kind: "private", player, question: questionOf(q), closesAt: null }));
    await quiz("ann", "q1");
    await quiz("bob", "q2");
    const latest = await quiz("ann", "q3");
    const found = await rounds.openForPlayer("slack", "W", "ann");
    expect(found?.id).toBe(latest);
    expect(found?.question.id).toBe("q3");
    expect(await rounds.openForPlayer("slack", "W", "cy")).toBeUndefined();
    expect(await rounds.openForPlayer("discord", "W", "ann")).toBeUndefined();
  });

  it("a round remembers its message", async () => {
    const id = await rounds.open(newRound());
    await rounds.setMessageRef(id, "1700000000.000100");
    expect((await rounds.get(id))?.messageRef).toBe("1700000000.000100");
  });

  it("close and reveal each happen once: the second call is told no", async () => {
    const id = await rounds.open(newRound());
    expect(await rounds.markRevealed(id, at("10:00:01.000"))).toBe(false);
    expect(await rounds.close(id, at("10:00:00.000"))).toBe(true);
    expect(await rounds.close(id, at("10:00:00.500"))).toBe(false);
    expect((await rounds.get(id))?.status).toBe("closed");
    expect(await rounds.markRevealed(id, at("10:00:01.000"))).toBe(true);
    expect(await rounds.markRevealed(id, at("10:00:02.000"))).toBe(false);
    expect((await rounds.get(id))?.status).toBe("revealed");
    expect(await rounds.openInChannel(channel)).toBeUndefined();
  });

  it("three closes, then three reveals, at once: exactly one of each is told yes", async () => {
    const id = await rounds.open(newRound());
    const closes = await Promise.all([1, 2, 3].map(() => rounds.close(id, at("10:00:00.000"))));
    expect(closes.filter(Boolean)).toHaveLength(1);
    const reveals = await Promise.all([1, 2, 3].map(() => rounds.markRevealed(id, at("10:00:01.000"))));
    expect(reveals.filter(Boolean)).toHaveLength(1);
  });

  it("a withdrawn round is closed without a reveal, and is never revealed or resumed", async () => {
    const id = await rounds.open(newRound());
    expect(await rounds.void(id, at("09:30:00.000"), "admin")).toBe(true);
    expect(await rounds.void(id, at("09:31:00.000"), "admin")).toBe(false);
    const round = await rounds.get(id);
    expect(round?.status).toBe("closed");
    expect(round?.voidedAt).toEqual(at("09:30:00.000"));
    expect(await rounds.markRevealed(id, at("09:32:00.000"))).toBe(false);
    expect(await rounds.closedUnrevealed()).toEqual([]);
    expect(await rounds.close(id, at("09:33:00.000"))).toBe(false);
  });

  it("a corrected key replaces a revealed channel round's question, and only such a round's", async () => {
    const id = await rounds.open(newRound());
    const fixed = { ...questionOf("q1"), explanation: "Corrected." };
    expect(await rounds.fixKey(id, fixed, at("11:00:00.000"))).toBe(false);
    await rounds.close(id, at("10:00:00.000"));
    await rounds.markRevealed(id, at("10:00:01.000"));
    expect(await rounds.fixKey(id, fixed, at("11:00:00.000"))).toBe(true);
    expect((await rounds.get(id))?.question).toEqual(fixed);
    const quiz = await rounds.open(newRound({ kind: "private", player: "ann", closesAt: null }));
    await rounds.close(quiz, at("10:00:00.000"));
    await rounds.markRevealed(quiz, at("10:00:01.000"));
    expect(await rounds.fixKey(quiz, fixed, at("11:00:00.000"))).toBe(false);
    expect((await rounds.get(quiz))?.question).toEqual(questionOf("q1"));
  });

  it("a revealed channel round can be voided once; an open one cannot", async () => {
    const id = await rounds.open(newRound());
    expect(await rounds.voidRevealed(id, at("11:00:00.000"), "admin")).toBe(false);
    await rounds.close(id, at("10:00:00.000"));
    await rounds.markRevealed(id, at("10:00:01.000"));
    expect(await rounds.voidRevealed(id, at("11:00:00.000"), "admin")).toBe(true);
    expect(await rounds.voidRevealed(id, at("11:00:01.000"), "admin")).toBe(false);
    const round = await rounds.get(id);
    expect(round?.status).toBe("closed");
    expect(round?.voidedAt).toEqual(at("11:00:00.000"));
    expect(await rounds.markRevealed(id, at("11:00:02.000"))).toBe(false);
    expect(await rounds.closedUnrevealed()).toEqual([]);
  });

  it("an answer is recorded once: a second one from the same person is refused and the first one stands", async () => {
    const id = await rounds.open(newRound());
    const first = await rounds.recordAnswer(newAnswer(id, "ann"));
    expect(first).toEqual({
      stored: true,
      answer: {
        id: expect.any(Number),
        roundId: id,
        userId: "ann",
        displayName: "ANN",
        response: ["A"],
        rightParts: 1,
        totalParts: 1,
        correct: true,
        answeredAt: at("09:05:00.000"),
        basePoints: null,
        streakBonus: null,
        speedBonus: null,
      },
    });
    const again = await rounds.recordAnswer(newAnswer(id, "ann", { response: ["B"], correct: false }));
    expect(again).toEqual({ stored: false, answer: first.answer });
    expect(await rounds.answerOf(id, "ann")).toEqual(first.answer);
    expect(await rounds.answerOf(id, "bob")).toBeUndefined();
  });

  it("three answers at once from one person: one stands, and every caller is told which", async () => {
    const id = await rounds.open(newRound());
    const results = await Promise.all(
      (["A", "B", "A"] as const).map((key, i) =>
        rounds.recordAnswer(newAnswer(id, "ann", { response: [key], answeredAt: at(`09:05:0${i}.000`) })),
      ),
    );
    const stored = results.filter((r) => r.stored);
    expect(stored).toHaveLength(1);
    const standing = (stored[0] as { answer: unknown }).answer;
    for (const r of results) expect(r.answer).toEqual(standing);
    expect(await rounds.answers(id)).toEqual([standing]);
  });

  it("an answer after the round closed, or after its closing time, is refused and nothing is stored", async () => {
    const id = await rounds.open(newRound());
    expect(await rounds.recordAnswer(newAnswer(id, "ann", { answeredAt: at("10:00:00.000") }))).toEqual({
      stored: false,
      answer: null,
    });
    await rounds.close(id, at("09:30:00.000"));
    expect(await rounds.recordAnswer(newAnswer(id, "bob"))).toEqual({ stored: false, answer: null });
    expect(await rounds.answerCount(id)).toBe(0);
    expect(await rounds.recordAnswer(newAnswer(id + 1000, "ann"))).toEqual({ stored: false, answer: null });
  });

  it("a round's answers come earliest first (ties in order of arrival), counted, and keep their points", async () => {
    const id = await rounds.open(newRound());
    const cy = await rounds.recordAnswer(newAnswer(id, "cy", { answeredAt: at("09:07:00.000") }));
    await rounds.recordAnswer(newAnswer(id, "bob", { answeredAt: at("09:06:00.000"), correct: false }));
    await rounds.recordAnswer(newAnswer(id, "ann", { answeredAt: at("09:06:00.000") }));
    expect((await rounds.answers(id)).map((a) => a.userId)).toEqual(["bob", "ann", "cy"]);
    expect(await rounds.answerCount(id)).toBe(3);
    await rounds.setPoints(cy.answer?.id as number, 10, 2, 3);
    await rounds.regrade(cy.answer?.id as number, 0, 1, false);
    expect(await rounds.answerOf(id, "cy")).toMatchObject({
      basePoints: 10,
      streakBonus: 2,
      speedBonus: 3,
      rightParts: 0,
      totalParts: 1,
      correct: false,
    });
  });

  it("history counts each question asked in a channel, the latest first, without withdrawn rounds", async () => {
    const play = async (q: string, over: Partial<NewRound> = {}) => {
      const id = await rounds.open(newRound({ question: questionOf(q), ...over }));
      await rounds.close(id, at("10:00:00.000"));
      return id;
    };
    await play("q1");
    await play("q2");
    await play("q1");
    await rounds.void(
      await rounds.open(newRound({ question: questionOf("q3") })),
      at("10:00:00.000"),
      "admin",
    );
    await play("q4", { channel: elsewhere });
    await play("q5", { kind: "private", player: "ann", closesAt: null });
    await play("q6", { kind: "private", player: "bob", closesAt: null });
    const inChannel = await rounds.history(channel, "channel", null, 2);
    expect(inChannel.counts).toEqual(
      new Map([
        ["q1", 2],
        ["q2", 1],
      ]),
    );
    expect(inChannel.recent).toEqual(["q1", "q2"]);
    const ann = await rounds.history(channel, "private", "ann", 5);
    expect(ann).toEqual({ counts: new Map([["q5", 1]]), recent: ["q5"] });
  });

  it("a revealed channel round is unannounced until its reveal reaches the channel", async () => {
    const id = await rounds.open(newRound());
    const quiz = await rounds.open(newRound({ kind: "private", player: "ann", closesAt: null }));
    for (const r of [id, quiz]) {
      await rounds.close(r, at("10:00:00.000"));
      await rounds.markRevealed(r, at("10:00:01.000"));
    }
    expect((await rounds.revealedUnannounced()).map((r) => r.id)).toEqual([id]);
    expect(await rounds.revealAnnouncedAt(id)).toBeNull();
    await rounds.markRevealAnnounced(id, at("10:00:02.000"));
    expect(await rounds.revealAnnouncedAt(id)).toEqual(at("10:00:02.000"));
    expect(await rounds.revealedUnannounced()).toEqual([]);
  });

  it("due to close are the open channel rounds whose closing time has come, oldest first", async () => {
    const late = await rounds.open(newRound({ closesAt: at("10:30:00.000") }));
    const early = await rounds.open(newRound({ channel: elsewhere, closesAt: at("10:00:00.000") }));
    await rounds.open(newRound({ channel: { ...channel, channelId: "C3" }, closesAt: null }));
    await rounds.open(newRound({ kind: "private", player: "ann", closesAt: at("09:10:00.000") }));
    expect(await rounds.dueToClose(at("09:59:59.999"))).toEqual([]);
    expect((await rounds.dueToClose(at("10:00:00.000"))).map((r) => r.id)).toEqual([early]);
    expect((await rounds.dueToClose(at("11:00:00.000"))).map((r) => r.id)).toEqual([late, early]);
  });

  it("closed but unrevealed rounds are the reveals a crash interrupted, oldest first", async () => {
    const a = await rounds.open(newRound());
    const b = await rounds.open(newRound({ channel: elsewhere }));
    await rounds.close(b, at("10:00:00.000"));
    await rounds.close(a, at("10:00:00.000"));
    expect((await rounds.closedUnrevealed()).map((r) => r.id)).toEqual([a, b]);
    await rounds.markRevealed(a, at("10:00:01.000"));
    expect((await rounds.closedUnrevealed()).map((r) => r.id)).toEqual([b]);
  });
});
