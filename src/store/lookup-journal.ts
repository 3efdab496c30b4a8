import type { LookupJournal, LookupRecord, Platform } from "../ports.js";
import type { Db } from "./database.js";

/**
 * The lookups table behind the LookupJournal port. Records are written after the reply, in one transaction
 * per turn of the event loop: a lookup's answer never waits for its statistics, and a burst of lookups costs
 * one commit instead of one each. A crash can lose the records of that last turn; they are statistics only.
 */
export class SqliteLookupJournal implements LookupJournal {
  private readonly insert;
  private readonly top;
  private readonly writeAll;
  private pending: LookupRecord[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      "INSERT INTO lookups (platform, workspace, channel, user_id, query, status, service_id, area_id, owner, asked_at) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.top = db.prepare(
      "SELECT query, COUNT(*) AS count FROM lookups WHERE platform = ? AND workspace = ? AND asked_at >= ? " +
        "GROUP BY query ORDER BY count DESC, query LIMIT ?",
    );
    this.writeAll = db.transaction((records: LookupRecord[]) => {
      for (const e of records)
        this.insert.run(
          e.actor.platform,
          e.actor.workspaceId,
          e.channel.channelId,
          e.actor.userId,
          e.query.slice(0, 500),
          e.status,
          e.serviceId,
          e.areaId,
          e.owner,
          e.at.toISOString(),
        );
    });
  }

  record(e: LookupRecord): void {
    this.pending.push(e);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every pending record now. */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || !this.db.open) return;
    const batch = this.pending;
    this.pending = [];
    this.writeAll(batch);
  }

  mostAsked(
    platform: Platform,
    workspaceId: string,
    since: Date,
    limit: number,
  ): { query: string; count: number }[] {
    this.flush();
    return this.top.all(platform, workspaceId, since.toISOString(), limit) as {
      query: string;
      count: number;
    }[];
  }
}
