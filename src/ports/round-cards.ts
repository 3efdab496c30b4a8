import type { AnswerRow, RoundRow } from "../domain/round.js";
import type { Card } from "../views/card.js";

/** How a round looks in its channel, from its post to its reveal: the round use cases post these cards. */
export interface RoundCards {
  /** The open round's card, with how many have answered so far. */
  open(round: RoundRow, answered: number): Card;
  /** The revealed round's card: the answer, why, and who got it right. */
  reveal(round: RoundRow, answers: readonly AnswerRow[]): Card;
  /** The card of a round an admin withdrew. */
  withdrawn(round: RoundRow): Card;
}
