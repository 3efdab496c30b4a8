import type { ForgetOutcome } from "../domain/people.js";
import type { PeopleData } from "../ports/people-data.js";
import type { Actor, Clock, Logger, LookupJournal } from "../ports.js";

/** How long an ask to be forgotten waits for its confirmation. */
export const FORGET_CONFIRM_MS = 10 * 60_000;

/**
 * A person's right to be forgotten: an ask, then a confirmation within FORGET_CONFIRM_MS (a button, or the
 * typed confirm). The ask is kept in the database, so a confirmation reaching another replica still counts.
 */
export class ForgetMe {
  constructor(
    private readonly d: { people: PeopleData; journal: LookupJournal; clock: Clock; logger: Logger },
  ) {}

  /** Records the ask; the person then confirms. */
  async ask(actor: Actor): Promise<ForgetOutcome> {
    const now = this.d.clock.now();
    await this.d.people.askToForget(person(actor), now);
    return { kind: "asked", until: new Date(now.getTime() + FORGET_CONFIRM_MS) };
  }

  /** Forgets the person when they asked within the confirmation's time. */
  async confirm(actor: Actor): Promise<ForgetOutcome> {
    const since = new Date(this.d.clock.now().getTime() - FORGET_CONFIRM_MS);
    // Lookups still buffered would land after the purge of a personal workspace: written first, they go with it.
    await this.d.journal.flush();
    const deleted = await this.d.people.forgetPerson(person(actor), since);
    if (deleted === null) return { kind: "notAsked" };
    // Who it was stays out of the log: the workspace of a personal install carries the person's id.
    const rows = Object.values(deleted).reduce((sum, n) => sum + n, 0);
    this.d.logger.info("a person's data was forgotten", { platform: actor.platform, rows });
    return { kind: "forgotten", deleted };
  }
}

function person(actor: Actor) {
  return { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
}
