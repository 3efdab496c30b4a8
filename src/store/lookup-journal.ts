import type { LookupJournal, LookupRecord, Platform } from "../ports.js";
import type { Db } from "./database.js";

/** The lookups table behind the LookupJournal port. */
export class SqliteLookupJournal implements LookupJournal {
  private readonly insert;
  private readonly top;

  constructor(db: Db) {
    this.insert = db.prepare(
      "INSERT INTO lookups (platform, workspace, channel, user_id, query, status, service_id, area_id, owner, asked_at) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.top = db.prepare(
      "SELECT query, COUNT(*) AS count FROM lookups WHERE platform = ? AND workspace = ? AND asked_at >= ? " +
        "GROUP BY query ORDER BY count DESC, query LIMIT ?",
    );
  }

  record(e: LookupRecord): void {
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
  }

  mostAsked(
    platform: Platform,
    workspaceId: string,
    since: Date,
    limit: number,
  ): { query: string; count: number }[] {
    return this.top.all(platform, workspaceId, since.toISOString(), limit) as {
      query: string;
      count: number;
    }[];
  }
}
