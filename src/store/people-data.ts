import type { Platform } from "../domain/channel.js";
import type { Person } from "../domain/practice.js";
import type { DeletedRows, PeopleData } from "../ports/people-data.js";
import type { Db } from "./database.js";
import { changed, forgetAskKey, forgetSteps, purgeSteps, type Step } from "./people-steps.js";
import { RescoreStore } from "./rescore-store.js";
import type { Sync } from "./sqlite-gate.js";

/** A person's forgetting and a workspace's purge on SQLite: each one transaction, rescoring included. */
export class SqlitePeopleData implements Sync<PeopleData> {
  private readonly rescore: RescoreStore;

  constructor(private readonly db: Db) {
    this.rescore = new RescoreStore(db);
  }

  askToForget(who: Person, at: Date): void {
    this.db
      .prepare(
        "INSERT INTO delivery_keys (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at",
      )
      .run(forgetAskKey(who), at.getTime());
  }

  forgetPerson(who: Person, askedSince: Date): DeletedRows | null {
    return this.db
      .transaction(() => {
        const asked = this.db
          .prepare("DELETE FROM delivery_keys WHERE key = ? AND seen_at >= ?")
          .run(forgetAskKey(who), askedSince.getTime());
        if (asked.changes === 0) return null;
        const counts = this.apply(forgetSteps(who));
        this.rescore.rescoreWorkspace(who.platform, who.workspaceId);
        return changed(counts);
      })
      .immediate();
  }

  purgeWorkspace(platform: Platform, workspace: string): DeletedRows | null {
    return this.db
      .transaction(() => {
        const counts = changed(this.apply(purgeSteps(platform, workspace)));
        return Object.keys(counts).length === 0 ? null : counts;
      })
      .immediate();
  }

  private apply(steps: readonly Step[]): [string, number][] {
    return steps.map((s) => [s.counts, this.db.prepare(s.sql).run(...s.params).changes]);
  }
}
