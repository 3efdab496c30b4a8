import type { Platform } from "../../domain/channel.js";
import type { Person } from "../../domain/practice.js";
import type { Async } from "../../ports/async.js";
import type { DeletedRows, PeopleData } from "../../ports/people-data.js";
import { changed, forgetAskKey, forgetSteps, numbered, purgeSteps, type Step } from "../people-steps.js";
import type { PgDb } from "./db.js";
import { PgRescoreStore } from "./rescore-store.js";

/** A person's forgetting and a workspace's purge on PostgreSQL: each one transaction, rescoring included. */
export class PgPeopleData implements Async<PeopleData> {
  private readonly rescore: PgRescoreStore;

  constructor(private readonly db: PgDb) {
    this.rescore = new PgRescoreStore(db);
  }

  async askToForget(who: Person, at: Date): Promise<void> {
    await this.db.run(
      "INSERT INTO delivery_keys (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at",
      [forgetAskKey(who), at.getTime()],
    );
  }

  async forgetPerson(who: Person, askedSince: Date): Promise<DeletedRows | null> {
    return this.db.transaction(async () => {
      const asked = await this.db.run("DELETE FROM delivery_keys WHERE key = $1 AND seen_at >= $2", [
        forgetAskKey(who),
        askedSince.getTime(),
      ]);
      if (asked === 0) return null;
      const counts = await this.apply(forgetSteps(who));
      // Joins this transaction as a savepoint: the scores are never seen without the person's answers gone.
      await this.rescore.rescoreWorkspace(who.platform, who.workspaceId);
      return changed(counts);
    });
  }

  async purgeWorkspace(platform: Platform, workspace: string): Promise<DeletedRows | null> {
    return this.db.transaction(async () => {
      const counts = changed(await this.apply(purgeSteps(platform, workspace)));
      return Object.keys(counts).length === 0 ? null : counts;
    });
  }

  private async apply(steps: readonly Step[]): Promise<[string, number][]> {
    const counts: [string, number][] = [];
    for (const s of steps) counts.push([s.counts, await this.db.run(numbered(s.sql), s.params)]);
    return counts;
  }
}
