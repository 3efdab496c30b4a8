import { RecentMap } from "../domain/recent-map.js";
import type { Actor } from "../ports.js";
import type { Card } from "../views/card.js";
import {
  dutiesMissingCard,
  parsePickActionId,
  parseSubmitActionId,
  pickedCard,
  pickNotOpenCard,
} from "../views/picks-view.js";
import type { RoundService } from "./rounds.js";

/** What a press on a split question's menus comes to: a card to show, or an answer to lock. */
export type PickResult =
  | { readonly kind: "card"; readonly card: Card }
  | { readonly kind: "submit"; readonly roundId: number; readonly response: readonly string[] };

/** How many people's unfinished choices are kept; the least recently touched go first. */
const KEPT = 10_000;

/**
 * The owners a person has chosen in a split question's menus, kept until Submit so that changing a choice
 * or pressing twice loses nothing. Kept in memory: after a restart, Submit names the duties to choose again.
 */
export class DutyPicks {
  private readonly chosen = new RecentMap<string, ("aws" | "customer" | null)[]>(KEPT);

  constructor(private readonly rounds: RoundService) {}

  /** Handles a menu choice or Submit; null when the id is neither. */
  async press(actionId: string, actor: Actor): Promise<PickResult | null> {
    const pick = parsePickActionId(actionId);
    const submit = pick ? null : parseSubmitActionId(actionId);
    const roundId = pick?.roundId ?? submit?.roundId;
    if (roundId === undefined) return null;
    const round = await this.rounds.openPrivateFor(actor);
    if (round?.id !== roundId || round.question.type !== "split")
      return { kind: "card", card: pickNotOpenCard };
    const key = `${actor.platform}:${actor.workspaceId}:${actor.userId}:${roundId}`;
    const duties = round.question.duties.length;
    const owners = this.chosen.get(key) ?? Array.from({ length: duties }, () => null);
    if (pick) {
      if (pick.duty >= duties) return { kind: "card", card: pickNotOpenCard };
      owners[pick.duty] = pick.owner;
      this.chosen.set(key, owners);
      const count = owners.filter((o) => o !== null).length;
      return { kind: "card", card: pickedCard(round.question, pick.duty, pick.owner, count) };
    }
    const missing = owners.flatMap((o, i) => (o === null ? [i] : []));
    if (missing.length > 0) return { kind: "card", card: dutiesMissingCard(round.question, missing) };
    this.chosen.delete(key);
    return { kind: "submit", roundId, response: owners.filter((o) => o !== null) };
  }
}
