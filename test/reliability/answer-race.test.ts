import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config.js";
import { MetricsRegistry } from "../../src/metrics.js";
import { RoundService } from "../../src/quiz/rounds.js";
import { openDatabase } from "../../src/store/database.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { sqliteStores } from "../../src/store/sqlite-stores.js";
import { renderPlain } from "../../src/views/plain.js";
import { roundCards } from "../../src/views/round-view.js";
import { RecordingAnnouncer, RecordingLogger } from "../fakes/announcer.js";
import { ManualClock, memoryApp, realContent } from "../support/app.js";
import { letters, member, openRoundId, say } from "../support/people.js";
import { report } from "./support/figures.js";

/** Rounds played; in each, one answer is caught by the other process's reveal between its steps. */
const ROUNDS = 12;

/** A clock that runs a hook (once) the next time it is read: a way into the middle of an answer. */
class HookedClock extends ManualClock {
  private hook: (() => void) | null = null;
  /** The next read of the clock first runs `fn`. */
  onNextRead(fn: () => void): void {
    this.hook = fn;
  }
  override now(): Date {
    const hook = this.hook;
    this.hook = null;
    hook?.();
    return super.now();
  }
}

const folder = mkdtempSync(join(tmpdir(), "srm-race-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("an answer racing a reveal by another process on the same database file", () => {
  it("an answer the reveal beat is told the question has closed, and every answer confirmed is scored", async () => {
    const file = join(folder, "srm.db");
    // Process B takes the answers through the whole engine; process A reveals, on its own connection.
    const clock = new HookedClock();
    const b = memoryApp({ SRM_DB: file }, clock);
    const { db: aDb } = openDatabase(file, loadConfig({}).migrationsDir);
    const aStores = sqliteStores(aDb, new ManualClock());
    const a = new RoundService({
      rounds: aStores.rounds,
      transactions: aStores.transactions,
      scores: aStores.scores,
      competitions: aStores.competitions,
      settings: aStores.settings,
      bank: realContent().bank,
      clock: new ManualClock(),
      announcer: new RecordingAnnouncer(),
      cards: roundCards,
      logger: new RecordingLogger(),
      metrics: new MetricsRegistry(),
    });
    const admin = member("admin", { admin: true });
    const confirmed: string[] = [];
    const toldClosed: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      expect(await say(b, admin, "daily now")).toContain("Posted a question");
      const id = openRoundId(b);
      const { right, wrong } = letters(b, id);
      for (const [i, key] of [right, wrong, right].entries()) {
        const who = `r${round}p${i}`;
        if (
          renderPlain(await b.engine.press(`answer:${id}:${key}`, member(who)), TEXT_SYNTAX).includes(
            "Locked in",
          )
        )
          confirmed.push(`${id}:${who}`);
      }
      // The late person's answer has read the round as open when process A reveals it.
      const late = `r${round}late`;
      clock.onNextRead(() => a.reveal(id));
      const reply = renderPlain(await b.engine.press(`answer:${id}:${right}`, member(late)), TEXT_SYNTAX);
      if (reply.includes("Locked in")) confirmed.push(`${id}:${late}`);
      if (reply.includes("This question has closed")) toldClosed.push(`${id}:${late}`);
      await b.engine.idle();
    }
    const answers = b.db.prepare("SELECT round_id, user_id, base_points FROM answers ORDER BY id").all() as {
      round_id: number;
      user_id: string;
      base_points: number | null;
    }[];
    const unscored = answers.filter((r) => r.base_points === null).map((r) => `${r.round_id}:${r.user_id}`);
    expect(unscored).toEqual([]);
    expect(answers.map((r) => `${r.round_id}:${r.user_id}`)).toEqual(confirmed);
    expect(toldClosed).toHaveLength(ROUNDS);
    expect(scoreDifferences(b.db)).toEqual([]);
    report("an answer racing a reveal in another process", {
      rounds: ROUNDS,
      "answers confirmed": confirmed.length,
      "confirmed but unscored": unscored.length,
      "late answers told the question closed": toldClosed.length,
      "score differences": scoreDifferences(b.db).length,
    });
    aDb.close();
    await b.close();
  });
});
