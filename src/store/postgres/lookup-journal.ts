import { AsyncResource } from "node:async_hooks";
import type { AskedCell, Logger, LookupJournal, LookupRecord, Platform } from "../../ports.js";
import type { PgDb } from "./db.js";

/** The shortest time between two writes of lookup statistics: a burst of lookups shares one statement. */
const MIN_WRITE_INTERVAL_MS = 250;

/**
 * Every pending record in one statement, a column per array: eight parameters however many rows. No column
 * holds what a person typed or who they are: lookups are counted anonymously, by recognised cell.
 */
const INSERT =
  "INSERT INTO lookups (platform, workspace, channel, status, service_id, area_id, owner, asked_at) " +
  "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])";

const MOST_ASKED =
  'SELECT service_id AS "serviceId", area_id AS "areaId", COUNT(*) AS count FROM lookups ' +
  "WHERE platform = $1 AND workspace = $2 AND asked_at >= $3 AND service_id IS NOT NULL AND area_id IS NOT NULL " +
  'GROUP BY service_id, area_id ORDER BY count DESC, service_id COLLATE "C", area_id COLLATE "C" LIMIT $4';

/**
 * The lookups table behind the LookupJournal port, in PostgreSQL. Records are written after the reply, on the
 * next turn of the event loop, or at most one write per 250 ms while lookups keep coming: a lookup's answer
 * never waits for its statistics. A crash can lose the records not yet written; they are statistics only.
 */
export class PgLookupJournal implements LookupJournal {
  private pending: LookupRecord[] = [];
  private scheduled = false;
  private lastWrite = Number.NEGATIVE_INFINITY;
  /** The writes under way, one after another: a flush resolves once every record before it is written. */
  private writing: Promise<void> = Promise.resolve();
  /**
   * The write, bound to the context the journal was made in: a record made inside a transaction is written
   * on its own, never on that transaction's connection after the transaction has ended.
   */
  private readonly flushLater: () => void;

  constructor(
    private readonly db: PgDb,
    private readonly logger?: Logger,
  ) {
    this.flushLater = AsyncResource.bind(() => void this.flush());
  }

  /** Records one lookup. */
  record(e: LookupRecord): void {
    this.pending.push(e);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastWrite + MIN_WRITE_INTERVAL_MS - performance.now();
    if (wait <= 0) setImmediate(this.flushLater);
    else setTimeout(this.flushLater, wait);
  }

  /** Writes every record still buffered; a refused write is logged, never thrown (statistics only). */
  async flush(): Promise<void> {
    this.scheduled = false;
    if (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.lastWrite = performance.now();
      this.writing = this.writing.then(() => this.write(batch));
    }
    await this.writing;
  }

  /** The recognised cells looked up most in a workspace since an instant, most asked first. */
  async mostAsked(platform: Platform, workspaceId: string, since: Date, limit: number): Promise<AskedCell[]> {
    await this.flush();
    return this.db.rows<AskedCell>(MOST_ASKED, [platform, workspaceId, since.toISOString(), limit]);
  }

  private async write(batch: readonly LookupRecord[]): Promise<void> {
    try {
      await this.db.run(INSERT, columns(batch));
    } catch (error) {
      // Statistics only: a database that refuses them must not take the bot down with it.
      this.logger?.error("lookup statistics could not be saved", {
        where: "lookup-journal",
        lost: batch.length,
        error,
      });
    }
  }
}

/** A batch of records as one array per column, in INSERT's column order. */
function columns(batch: readonly LookupRecord[]): (string | null)[][] {
  return [
    batch.map((e) => e.channel.platform),
    batch.map((e) => e.channel.workspaceId),
    batch.map((e) => e.channel.channelId),
    batch.map((e) => e.status),
    batch.map((e) => e.serviceId),
    batch.map((e) => e.areaId),
    batch.map((e) => e.owner),
    batch.map((e) => e.at.toISOString()),
  ];
}
