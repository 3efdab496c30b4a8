import type { ChannelRef } from "../../../src/domain/channel.js";
import type { Question } from "../../../src/domain/question.js";
import type { NewAnswer, NewRound } from "../../../src/domain/round.js";

// Rounds and answers as the store contract tests open and record them.

export const channel: ChannelRef = { platform: "slack", workspaceId: "W", channelId: "C1" };
export const elsewhere: ChannelRef = { ...channel, channelId: "C2" };
/** An instant on the test day, from "HH:MM:SS.mmm". */
export const at = (iso: string) => new Date(`2026-03-02T${iso}Z`);

/** A question as a round stores it; `id` names it, the rest is whatever a round keeps. */
export function questionOf(id: string, cells = [{ service: "s3", area: "data" }]): Question {
  return {
    id,
    origin: "scenario",
    type: "single",
    difficulty: "easy",
    prompt: `Who patches ${id}?`,
    choices: [
      { key: "A", text: "AWS", correct: true, why: "It runs the host." },
      { key: "B", text: "You", correct: false, why: "You do not see the host." },
    ],
    duties: [],
    explanation: "Managed.",
    sources: ["https://aws.amazon.com/compliance/shared-responsibility-model/"],
    cells,
  };
}

/** A channel round opened at 09:00 that closes at 10:00, unless told otherwise. */
export function newRound(over: Partial<NewRound> = {}): NewRound {
  return {
    channel,
    kind: "channel",
    player: null,
    question: questionOf("q1"),
    choiceOrder: "AB",
    speedBonus: true,
    competitionId: null,
    openedAt: at("09:00:00.000"),
    closesAt: at("10:00:00.000"),
    ...over,
  };
}

/** An answer at 09:05 from `userId`, right unless told otherwise. */
export function newAnswer(roundId: number, userId: string, over: Partial<NewAnswer> = {}): NewAnswer {
  return {
    roundId,
    userId,
    displayName: userId.toUpperCase(),
    response: ["A"],
    rightParts: 1,
    totalParts: 1,
    correct: true,
    answeredAt: at("09:05:00.000"),
    ...over,
  };
}
