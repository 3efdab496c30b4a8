import type { AskedCell, Logger, LookupJournal, LookupRecord, Platform } from "../ports.js";
import type { Db } from "./database.js";
import type { SqliteGate } from "./sqlite-gate.js";

/**
 * The shortest time between two commits of lookup statistics. A commit costs far more than a row: each one
 * appends the pages of the table and its two indexes to the WAL (about 40 µs of CPU, more on a slow disk),
 * and the WAL is checkpointed into the database every thousand pages. Under load the records of many turns
 * of the event loop share one commit; a quiet bot still writes on the next turn.
 */
const MIN_COMMIT_INTERVAL_MS = 250;

/** Rows per INSERT statement: one statement carrying many rows costs about half as much per row. */
const ROWS_PER_INSERT = 16;

/** No column holds what a person typed or who they are: lookups are counted anonymously, by recognised cell. */
const COLUMNS = "(platform, workspace, channel, status, service_id, area_id, owner, asked_at)";
const ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";

/**
 * The lookups table behind the LookupJournal port. Records are written after the reply, in one transaction
 * on the next turn of the event loop, or at most one per 250 ms while lookups keep coming: a lookup's answer
 * never waits for its statistics, and a burst of lookups costs one commit instead of one each. A crash can
 * lose the records not yet written (at most the last 250 ms); they are statistics only.
 */
export class SqliteLookupJournal implements LookupJournal {
  private readonly insertOne;
  private readonly insertMany;
  private readonly top;
  private readonly writeAll;
  private pending: LookupRecord[] = [];
  private scheduled = false;
  private lastCommit = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly gate: SqliteGate,
    private readonly logger?: Logger,
  ) {
    this.insertOne = db.prepare(`INSERT INTO lookups ${COLUMNS} VALUES ${ROW}`);
    this.insertMany = db.prepare(
      `INSERT INTO lookups ${COLUMNS} VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => ROW).join(", ")}`,
    );
    this.top = db.prepare(
      "SELECT service_id AS serviceId, area_id AS areaId, COUNT(*) AS count FROM lookups " +
        "WHERE platform = ? AND workspace = ? AND asked_at >= ? AND service_id IS NOT NULL AND area_id IS NOT NULL " +
        "GROUP BY service_id, area_id ORDER BY count DESC, service_id, area_id LIMIT ?",
    );
    this.writeAll = db.transaction((records: LookupRecord[]) => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= records.length; i += ROWS_PER_INSERT)
        this.insertMany.run(records.slice(i, i + ROWS_PER_INSERT).flatMap(values));
      for (; i < records.length; i++) this.insertOne.run(values(records[i] as LookupRecord));
    });
  }

  record(e: LookupRecord): void {
    this.pending.push(e);
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastCommit + MIN_COMMIT_INTERVAL_MS - performance.now();
    // flush never rejects: a failure is logged there.
    if (wait <= 0) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), wait);
  }

  /** Writes every pending record now. */
  async flush(): Promise<void> {
    this.scheduled = false;
    if (this.pending.length === 0 || !this.db.open) return;
    const batch = this.pending;
    this.pending = [];
    this.lastCommit = performance.now();
    try {
      await this.gate.callOutside(() => this.writeAll(batch));
    } catch (error) {
      // Statistics only: a database that refuses them (read-only, full) must not take the bot down with it.
      this.logger?.error("lookup statistics could not be saved", {
        where: "lookup-journal",
        lost: batch.length,
        error,
      });
    }
  }

  async mostAsked(platform: Platform, workspaceId: string, since: Date, limit: number): Promise<AskedCell[]> {
    await this.flush();
    return this.gate.call(
      () => this.top.all(platform, workspaceId, since.toISOString(), limit) as AskedCell[],
    );
  }
}

/** One record as the values of a row, in COLUMNS order. */
function values(e: LookupRecord): (string | null)[] {
  return [
    e.channel.platform,
    e.channel.workspaceId,
    e.channel.channelId,
    e.status,
    e.serviceId,
    e.areaId,
    e.owner,
    e.at.toISOString(),
  ];
}
