import type { AnswerRow, RoundRow } from "../domain/round.js";
import type { Card } from "../views/card.js";

/** What a channel is shown when an admin resolves flags on one of its revealed rounds. */
export interface FlagCards {
  /** The round's reveal again, with its corrected key. */
  reveal(round: RoundRow, answers: readonly AnswerRow[]): Card;
  /** The notice that a round's key was corrected and the scores recomputed. */
  keyFixed(round: RoundRow, answers: number, changed: number): Card;
  /** The notice that a round's question was voided and its points removed. */
  voided(round: RoundRow, answers: number): Card;
}
