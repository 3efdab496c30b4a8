import { ok } from "../domain/failure.js";
import {
  FLAG_REASONS,
  type FlagFailure,
  type FlagList,
  type FlagReason,
  type Resolution,
} from "../domain/flag.js";
import { grade, type Question } from "../domain/question.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";
import type { Transactions } from "../ports/async.js";
import type { FlagCards } from "../ports/flag-cards.js";
import type { FlagStore, Rescorer } from "../ports/flag-store.js";
import type { RoundStore } from "../ports/round-store.js";
import { type Actor, type Announcer, type Clock, channelKey, type Logger } from "../ports.js";

/** A flag command's outcome: a value, or an expected failure (its own table, in the flag view). */
export type FlagOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: FlagFailure };

/** What flags need. */
export interface FlagDeps {
  /** Transactions across the stores of the same database. */
  readonly transactions: Transactions;
  readonly flags: FlagStore;
  readonly rounds: RoundStore;
  readonly rescore: Rescorer;
  readonly cards: FlagCards;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Told about a round whose key was corrected, so the answerers' memory cards are rated again. */
  readonly regraded?: (round: RoundRow, answers: readonly AnswerRow[]) => Promise<unknown>;
  /** Told about a round whose question was voided, so the reviews its answers made are taken back. */
  readonly voided?: (round: RoundRow, answers: readonly AnswerRow[]) => Promise<unknown>;
}

const MAX_COMMENT = 500;

const refuse = <T>(failure: FlagFailure): FlagOutcome<T> => ({ ok: false, failure });

/**
 * Learners flag questions; admins list the flags and dismiss them, fix a round's key, or void its question.
 * Admin rights are checked by the commands (declared `admin: true`), once, as for every admin command.
 */
export class QuestionFlags {
  constructor(private readonly d: FlagDeps) {}

  /** The round a Flag button names, if the person may flag it (the reasons are offered next). */
  async offer(actor: Actor, roundText: string): Promise<FlagOutcome<RoundRow>> {
    const round = await this.flaggable(actor, roundText);
    return "failure" in round ? refuse(round.failure) : ok(round);
  }

  /** `/srm flag <round> <reason> [comment]`: flags the question of a round the person was asked. */
  async flag(
    actor: Actor,
    roundText: string,
    reasonText: string,
    comment: string | null,
  ): Promise<FlagOutcome<FlagReason>> {
    const round = await this.flaggable(actor, roundText);
    if ("failure" in round) return refuse(round.failure);
    const reason = FLAG_REASONS.find((r) => r === reasonText.trim().toLowerCase());
    if (!reason) return refuse({ code: "BadReason", text: reasonText });
    const note = comment?.trim() || null;
    if (note !== null && note.length > MAX_COMMENT) return refuse({ code: "CommentTooLong" });
    const stored = await this.d.flags.add({
      platform: actor.platform,
      workspace: actor.workspaceId,
      userId: actor.userId,
      questionId: round.question.id,
      roundId: round.id,
      reason,
      comment: note,
      at: this.d.clock.now(),
    });
    if (!stored) return refuse({ code: "AlreadyFlagged" });
    // Who flagged and why stays out of the log: only that a question was flagged.
    this.d.logger.info("a question was flagged", { question: round.question.id });
    return ok(reason);
  }

  /** `/srm flags`: the workspace's open flags, and the questions they hold out of rotation. */
  async list(actor: Actor): Promise<FlagList> {
    return {
      open: await this.d.flags.open(actor.platform, actor.workspaceId),
      held: await this.d.flags.heldOut(actor.platform, actor.workspaceId),
    };
  }

  /** The round with this id, for showing a flag's question. */
  async round(id: number): Promise<RoundRow | undefined> {
    return await this.d.rounds.get(id);
  }

  /** `/srm flags dismiss <question>`: closes a question's flags without changing anything; how many. */
  async dismiss(actor: Actor, questionId: string): Promise<FlagOutcome<number>> {
    const id = questionId.trim().toLowerCase();
    const n = await this.d.flags.resolve(
      actor.platform,
      actor.workspaceId,
      id,
      "dismissed",
      actor.userId,
      this.d.clock.now(),
    );
    if (n === 0) return refuse({ code: "NoOpenFlags", questionId: id });
    this.d.logger.info("flags were dismissed", { question: id, flags: n });
    return ok(n);
  }

  /**
   * `/srm flags fix <round> <letters>`: corrects a revealed channel round's answer key, grades its answers
   * again, rescores the workspace from the answers, and tells the channel.
   */
  async fixKey(
    actor: Actor,
    roundText: string,
    letters: readonly string[],
  ): Promise<FlagOutcome<Resolution>> {
    const round = await this.channelReveal(actor, roundText);
    if ("failure" in round) return refuse(round.failure);
    const q = round.question;
    if (q.type === "split") return refuse({ code: "SplitKey" });
    const keys = [...new Set(letters.flatMap((l) => l.split(/[\s,]+/)).map((l) => l.trim().toUpperCase()))]
      .filter((l) => l !== "")
      .sort();
    const shownKeys = q.choices.map((c) => c.key);
    const fits =
      keys.length > 0 &&
      keys.every((k) => shownKeys.includes(k)) &&
      (q.type === "single" ? keys.length === 1 : keys.length >= 2 && keys.length < shownKeys.length);
    if (!fits) return refuse({ code: "BadKey", text: letters.join(" "), keys: shownKeys });
    const before = q.choices.filter((c) => c.correct).map((c) => c.key);
    if (before.join() === keys.join()) return refuse({ code: "SameKey" });
    const fixed: Question = {
      ...q,
      choices: q.choices.map((c) => ({ ...c, correct: keys.includes(c.key) })),
    };
    return ok(
      await this.resolve(actor, round, "key-fixed", async () => {
        await this.d.rounds.fixKey(round.id, fixed, this.d.clock.now());
        let changed = 0;
        for (const a of await this.d.rounds.answers(round.id)) {
          const g = grade(fixed, a.response);
          if (g.correct !== a.correct) changed++;
          await this.d.rounds.regrade(a.id, g.rightParts, g.totalParts, g.correct);
        }
        return changed;
      }),
    );
  }

  /** `/srm flags void <round>`: voids a revealed channel round's question: its points are removed for everyone. */
  async voidQuestion(actor: Actor, roundText: string): Promise<FlagOutcome<Resolution>> {
    const round = await this.channelReveal(actor, roundText);
    if ("failure" in round) return refuse(round.failure);
    return ok(
      await this.resolve(actor, round, "voided", async () => {
        await this.d.rounds.voidRevealed(round.id, this.d.clock.now(), actor.userId);
        return 0;
      }),
    );
  }

  /** The questions held out of rotation in a workspace (flagged by three or more people, unresolved). */
  async heldOut(platform: Actor["platform"], workspace: string): Promise<ReadonlySet<string>> {
    return await this.d.flags.heldOut(platform, workspace);
  }

  /** Changes a round, rescores the workspace and resolves the question's flags in one transaction; then tells the channel. */
  private async resolve(
    actor: Actor,
    round: RoundRow,
    how: "key-fixed" | "voided",
    change: () => Promise<number>,
  ): Promise<Resolution> {
    const { platform, workspaceId } = round.channel;
    const { changed, flagsResolved } = await this.d.transactions.run(async () => {
      const changed = await change();
      await this.d.rescore.rescoreWorkspace(platform, workspaceId);
      const flagsResolved = await this.d.flags.resolve(
        platform,
        workspaceId,
        round.question.id,
        how,
        actor.userId,
        this.d.clock.now(),
      );
      return { changed, flagsResolved };
    });
    const after = (await this.d.rounds.get(round.id)) as RoundRow;
    const answers = await this.d.rounds.answers(round.id);
    await this.tellCards(how === "key-fixed" ? this.d.regraded : this.d.voided, after, answers);
    this.d.logger.info(
      how === "voided" ? "a revealed question was voided" : "a round's answer key was fixed",
      {
        channel: channelKey(round.channel),
        round: round.id,
        answers: answers.length,
      },
    );
    const announceFailure = await this.announce(after, how, changed);
    return { round: after, answers: answers.length, changed, flagsResolved, announceFailure };
  }

  /** Passes a resolved round on to the memory cards; a failure is logged and never takes the resolution back. */
  private async tellCards(
    listener: ((round: RoundRow, answers: readonly AnswerRow[]) => Promise<unknown>) | undefined,
    round: RoundRow,
    answers: readonly AnswerRow[],
  ): Promise<void> {
    try {
      await listener?.(round, answers);
    } catch (error) {
      this.d.logger.error("updating memory cards after a flag resolution failed; the scores are saved", {
        round: round.id,
        error: String(error),
      });
    }
  }

  private async announce(
    round: RoundRow,
    how: "key-fixed" | "voided",
    changed: number,
  ): Promise<string | null> {
    const answers = await this.d.rounds.answers(round.id);
    const card =
      how === "voided"
        ? this.d.cards.voided(round, answers.length)
        : this.d.cards.keyFixed(round, answers.length, changed);
    try {
      // The reveal's own message shows the corrected key (a voided round keeps its message; the notice says why).
      if (how === "key-fixed" && round.messageRef)
        await this.d.announcer.update(round.channel, round.messageRef, this.d.cards.reveal(round, answers));
      await this.d.announcer.post(
        round.channel,
        card,
        `${how}-${round.id}-${this.d.clock.now().getTime().toString(36)}`,
      );
      return null;
    } catch (error) {
      this.d.logger.error("announcing a flag resolution failed; the scores are saved", {
        round: round.id,
        error: String(error),
      });
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** A round the person was asked and may flag: in their workspace, theirs if private, and no longer open. */
  private async flaggable(actor: Actor, roundText: string): Promise<RoundRow | { failure: FlagFailure }> {
    const round = await this.roundNamed(actor, roundText);
    if (!round || (round.kind === "private" && round.player !== actor.userId))
      return { failure: { code: "NoSuchRound", text: roundText } };
    if (round.status === "open") return { failure: { code: "NotRevealedYet" } };
    return round;
  }

  /** A revealed channel round of the admin's workspace. */
  private async channelReveal(actor: Actor, roundText: string): Promise<RoundRow | { failure: FlagFailure }> {
    const round = await this.roundNamed(actor, roundText);
    if (!round) return { failure: { code: "NoSuchRound", text: roundText } };
    if (round.kind !== "channel" || round.status !== "revealed")
      return { failure: { code: "NotAChannelReveal", roundId: round.id } };
    return round;
  }

  private async roundNamed(actor: Actor, text: string): Promise<RoundRow | undefined> {
    const m = /^\s*#?(\d{1,12})\s*$/.exec(text);
    const round = m ? await this.d.rounds.get(Number(m[1])) : undefined;
    if (
      !round ||
      round.channel.platform !== actor.platform ||
      round.channel.workspaceId !== actor.workspaceId
    )
      return undefined;
    return round;
  }
}
