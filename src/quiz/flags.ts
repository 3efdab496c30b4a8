import { FLAG_REASONS } from "../domain/flag.js";
import { grade, type Question } from "../domain/question.js";
import type { Actor, Announcer, Clock, Logger } from "../ports.js";
import { channelKey } from "../ports.js";
import type { FlagStore } from "../store/flag-store.js";
import type { RescoreStore } from "../store/rescore-store.js";
import type { RoundRow, RoundStore } from "../store/round-store.js";
import { privateReply, type Reply } from "../views/card.js";
import {
  flagFailureCard,
  flaggedCard,
  flagReasonsCard,
  flagsListCard,
  keyFixedAnnouncement,
  parseFlagActionId,
  resolvedCard,
  voidedAnnouncement,
} from "../views/flag-view.js";
import { revealCard } from "../views/round-view.js";

/** Expected failures of flag commands, turned into words by one table in the flag view. */
export type FlagFailure =
  | { readonly code: "NotAdmin"; readonly command: string }
  | { readonly code: "NoSuchRound"; readonly text: string }
  | { readonly code: "NotRevealedYet" }
  | { readonly code: "NotAChannelReveal"; readonly roundId: number }
  | { readonly code: "BadReason"; readonly text: string }
  | { readonly code: "CommentTooLong" }
  | { readonly code: "AlreadyFlagged" }
  | { readonly code: "NoOpenFlags"; readonly questionId: string }
  | { readonly code: "BadKey"; readonly text: string; readonly keys: readonly string[] }
  | { readonly code: "SplitKey" }
  | { readonly code: "SameKey" };

/** What flags need. */
export interface FlagDeps {
  readonly flags: FlagStore;
  readonly rounds: RoundStore;
  readonly rescore: RescoreStore;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** User ids allowed to run admin commands on every platform (SRM_ADMINS). */
  readonly admins: ReadonlySet<string>;
}

/** What a key fix or a void did, for the admin and the bench. */
export interface Resolution {
  readonly round: RoundRow;
  readonly answers: number;
  /** Answers whose right or wrong changed (a key fix). */
  readonly changed: number;
  readonly flagsResolved: number;
  /** What the platform said when it refused the channel's announcement, or null. */
  readonly announceFailure: string | null;
}

const MAX_COMMENT = 500;

/** Learners flag questions; admins list the flags and dismiss them, fix a round's key, or void its question. */
export class QuestionFlags {
  constructor(private readonly d: FlagDeps) {}

  /** A pressed "Flag" or reason button; null when the id is none of these. */
  press(actionId: string, actor: Actor): Reply | null {
    const parsed = parseFlagActionId(actionId);
    if (!parsed) return null;
    if (parsed.reason === null) {
      const round = this.flaggable(actor, String(parsed.roundId));
      return privateReply("failure" in round ? flagFailureCard(round.failure) : flagReasonsCard(round.id));
    }
    return this.flag(actor, String(parsed.roundId), parsed.reason, null);
  }

  /** `/srm flag <round> <reason> [comment]`: flags the question of a round the person was asked. */
  flag(actor: Actor, roundText: string, reasonText: string, comment: string | null): Reply {
    const round = this.flaggable(actor, roundText);
    if ("failure" in round) return privateReply(flagFailureCard(round.failure));
    const reason = FLAG_REASONS.find((r) => r === reasonText.trim().toLowerCase());
    if (!reason) return privateReply(flagFailureCard({ code: "BadReason", text: reasonText }));
    const note = comment?.trim() || null;
    if (note !== null && note.length > MAX_COMMENT)
      return privateReply(flagFailureCard({ code: "CommentTooLong" }));
    const stored = this.d.flags.add({
      platform: actor.platform,
      workspace: actor.workspaceId,
      userId: actor.userId,
      questionId: round.question.id,
      roundId: round.id,
      reason,
      comment: note,
      at: this.d.clock.now(),
    });
    if (!stored) return privateReply(flagFailureCard({ code: "AlreadyFlagged" }));
    // Who flagged and why stays out of the log: only that a question was flagged.
    this.d.logger.info("a question was flagged", { question: round.question.id });
    return privateReply(flaggedCard(reason));
  }

  /** `/srm flags`: the workspace's open flags, per question, for admins. */
  async list(actor: Actor): Promise<Reply> {
    if (!(await this.isAdmin(actor))) return this.refuse({ code: "NotAdmin", command: "flags" });
    const open = this.d.flags.open(actor.platform, actor.workspaceId);
    const held = this.d.flags.heldOut(actor.platform, actor.workspaceId);
    return privateReply(flagsListCard(open, held, (roundId) => this.d.rounds.get(roundId)));
  }

  /** `/srm flags dismiss <question>`: closes a question's flags without changing anything. */
  async dismiss(actor: Actor, questionId: string): Promise<Reply> {
    if (!(await this.isAdmin(actor))) return this.refuse({ code: "NotAdmin", command: "flags dismiss" });
    const id = questionId.trim().toLowerCase();
    const n = this.d.flags.resolve(
      actor.platform,
      actor.workspaceId,
      id,
      "dismissed",
      actor.userId,
      this.d.clock.now(),
    );
    if (n === 0) return this.refuse({ code: "NoOpenFlags", questionId: id });
    this.d.logger.info("flags were dismissed", { question: id, flags: n });
    return privateReply(resolvedCard("dismissed", id, n));
  }

  /**
   * `/srm flags fix <round> <letters>`: corrects a revealed channel round's answer key, grades its answers
   * again, rescores the workspace from the answers, and tells the channel.
   */
  async fixKey(actor: Actor, roundText: string, letters: readonly string[]): Promise<Reply> {
    if (!(await this.isAdmin(actor))) return this.refuse({ code: "NotAdmin", command: "flags fix" });
    const round = this.channelReveal(actor, roundText);
    if ("failure" in round) return this.refuse(round.failure);
    const q = round.question;
    if (q.type === "split") return this.refuse({ code: "SplitKey" });
    const keys = [...new Set(letters.flatMap((l) => l.split(",")).map((l) => l.trim().toUpperCase()))]
      .filter((l) => l !== "")
      .sort();
    const shownKeys = q.choices.map((c) => c.key);
    const fits =
      keys.length > 0 &&
      keys.every((k) => shownKeys.includes(k)) &&
      (q.type === "single" ? keys.length === 1 : keys.length >= 2 && keys.length < shownKeys.length);
    if (!fits) return this.refuse({ code: "BadKey", text: letters.join(" "), keys: shownKeys });
    const before = q.choices.filter((c) => c.correct).map((c) => c.key);
    if (before.join() === keys.join()) return this.refuse({ code: "SameKey" });
    const fixed: Question = {
      ...q,
      choices: q.choices.map((c) => ({ ...c, correct: keys.includes(c.key) })),
    };
    const done = await this.resolve(actor, round, "key-fixed", () => {
      this.d.rounds.fixKey(round.id, fixed, this.d.clock.now());
      let changed = 0;
      for (const a of this.d.rounds.answers(round.id)) {
        const g = grade(fixed, a.response);
        if (g.correct !== a.correct) changed++;
        this.d.rounds.regrade(a.id, g.rightParts, g.totalParts, g.correct);
      }
      return changed;
    });
    return privateReply(resolvedCard("key-fixed", q.id, done.flagsResolved, done));
  }

  /** `/srm flags void <round>`: voids a revealed channel round's question: its points are removed for everyone. */
  async voidQuestion(actor: Actor, roundText: string): Promise<Reply> {
    if (!(await this.isAdmin(actor))) return this.refuse({ code: "NotAdmin", command: "flags void" });
    const round = this.channelReveal(actor, roundText);
    if ("failure" in round) return this.refuse(round.failure);
    const done = await this.resolve(actor, round, "voided", () => {
      this.d.rounds.voidRevealed(round.id, this.d.clock.now(), actor.userId);
      return 0;
    });
    return privateReply(resolvedCard("voided", round.question.id, done.flagsResolved, done));
  }

  /** The questions held out of rotation in a workspace (flagged by three or more people, unresolved). */
  heldOut(platform: Actor["platform"], workspace: string): ReadonlySet<string> {
    return this.d.flags.heldOut(platform, workspace);
  }

  /** Changes a round, rescores the workspace and resolves the question's flags in one transaction; then tells the channel. */
  private async resolve(
    actor: Actor,
    round: RoundRow,
    how: "key-fixed" | "voided",
    change: () => number,
  ): Promise<Resolution> {
    const { platform, workspaceId } = round.channel;
    const { changed, flagsResolved } = this.d.rounds.transaction(() => {
      const changed = change();
      this.d.rescore.rescoreWorkspace(platform, workspaceId);
      const flagsResolved = this.d.flags.resolve(
        platform,
        workspaceId,
        round.question.id,
        how,
        actor.userId,
        this.d.clock.now(),
      );
      return { changed, flagsResolved };
    });
    const after = this.d.rounds.get(round.id) as RoundRow;
    const answers = this.d.rounds.answers(round.id);
    this.d.logger.info(
      how === "voided" ? "a revealed question was voided" : "a round's answer key was fixed",
      {
        channel: channelKey(round.channel),
        round: round.id,
        answers: answers.length,
      },
    );
    const announceFailure = await this.announce(after, answers.length, how, changed);
    return { round: after, answers: answers.length, changed, flagsResolved, announceFailure };
  }

  private async announce(
    round: RoundRow,
    answers: number,
    how: "key-fixed" | "voided",
    changed: number,
  ): Promise<string | null> {
    const card =
      how === "voided" ? voidedAnnouncement(round, answers) : keyFixedAnnouncement(round, answers, changed);
    try {
      // The reveal's own message shows the corrected key (a voided round keeps its message; the notice says why).
      if (how === "key-fixed" && round.messageRef)
        await this.d.announcer.update(
          round.channel,
          round.messageRef,
          revealCard(round, this.d.rounds.answers(round.id)),
        );
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
  private flaggable(actor: Actor, roundText: string): RoundRow | { failure: FlagFailure } {
    const round = this.roundNamed(actor, roundText);
    if (!round || (round.kind === "private" && round.player !== actor.userId))
      return { failure: { code: "NoSuchRound", text: roundText } };
    if (round.status === "open") return { failure: { code: "NotRevealedYet" } };
    return round;
  }

  /** A revealed channel round of the admin's workspace. */
  private channelReveal(actor: Actor, roundText: string): RoundRow | { failure: FlagFailure } {
    const round = this.roundNamed(actor, roundText);
    if (!round) return { failure: { code: "NoSuchRound", text: roundText } };
    if (round.kind !== "channel" || round.status !== "revealed")
      return { failure: { code: "NotAChannelReveal", roundId: round.id } };
    return round;
  }

  private roundNamed(actor: Actor, text: string): RoundRow | undefined {
    const m = /^\s*#?(\d{1,12})\s*$/.exec(text);
    const round = m ? this.d.rounds.get(Number(m[1])) : undefined;
    if (
      !round ||
      round.channel.platform !== actor.platform ||
      round.channel.workspaceId !== actor.workspaceId
    )
      return undefined;
    return round;
  }

  private async isAdmin(actor: Actor): Promise<boolean> {
    return (
      this.d.admins.has(actor.userId) ||
      (actor.confirmAdmin ? await actor.confirmAdmin() : actor.platformAdmin)
    );
  }

  private refuse(failure: FlagFailure): Reply {
    return privateReply(flagFailureCard(failure));
  }
}
