import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { addressOf, DatabaseUnreachable, isTransientConnectError, pgCode } from "./errors.js";

/** Options of `PgDb.connect`. */
export interface PgConnectOptions {
  /** How long to keep retrying a server that refuses or cannot be reached yet (default 30 s). */
  readonly retryForMs?: number;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Called before each new attempt, with the failure that made it necessary. */
  readonly onRetry?: (attempt: number, error: unknown) => void;
  /** Called when an idle pooled connection breaks (the pool replaces it); default: a process warning. */
  readonly onIdleError?: (error: unknown) => void;
  /**
   * How long the server lets a transaction wait with no statement running before it ends the session (default
   * 60 s): a replica frozen or cut off mid-transaction would otherwise hold the transaction lock, and every
   * other replica's writes, until the network gives up on it.
   */
  readonly idleInTransactionMs?: number;
}

/** The transaction the current async call chain runs in. */
interface Scope {
  readonly client: pg.PoolClient;
  depth: number;
}

/**
 * The one advisory lock every transaction takes, so transactions run one at a time across every replica,
 * as SQLite's BEGIN IMMEDIATE does on one file ("SRM" in ASCII; the migrator takes another).
 */
export const TRANSACTION_LOCK = 0x53524d;

// int8 (COUNT, SUM, BIGINT ids and times) and numeric arrive as text by default; the stores expect numbers.
const INT8 = 20;
const NUMERIC = 1700;
const numberTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
} as pg.CustomTypesConfig;

/** One PostgreSQL database: a pg Pool, and the transaction the current async call chain runs in. */
export class PgDb {
  private readonly scope = new AsyncLocalStorage<Scope>();

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects (retrying a refused/unreachable server for up to `retryForMs`), checks the server answers. */
  static async connect(url: string, options: PgConnectOptions = {}): Promise<PgDb> {
    const retryForMs = options.retryForMs ?? 30_000;
    const address = addressOf(url);
    const deadline = Date.now() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      const probe = new pg.Client({
        connectionString: url,
        types: numberTypes,
        connectionTimeoutMillis: Math.max(1_000, Math.min(10_000, deadline - Date.now())),
      });
      try {
        await probe.connect();
        await probe.query("SELECT 1");
        await probe.end();
        break;
      } catch (error) {
        await probe.end().catch((ended: unknown) => ended); // the probe failed already; its end adds nothing
        const detail = pgCode(error) || (error instanceof Error ? error.message : String(error));
        if (!isTransientConnectError(error)) throw new DatabaseUnreachable(address, describe(error), false);
        if (Date.now() >= deadline)
          throw new DatabaseUnreachable(
            address,
            `${detail} (${attempt} attempts over ${Math.round(retryForMs / 1000)} s)`,
            true,
          );
        options.onRetry?.(attempt, error);
        await sleep(Math.min(2_000, 100 * 2 ** attempt, Math.max(0, deadline - Date.now())));
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      types: numberTypes,
      max: options.poolSize ?? 10,
      keepAlive: true,
      idle_in_transaction_session_timeout: options.idleInTransactionMs ?? 60_000,
    });
    const onIdleError =
      options.onIdleError ??
      ((error: unknown) =>
        process.emitWarning(`A pooled PostgreSQL connection to ${address} broke: ${describe(error)}`));
    pool.on("error", onIdleError);
    return new PgDb(pool);
  }

  /** Every row of a query ($1, $2 … parameters). Inside `transaction` it runs on that transaction's client. */
  async rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  /** The first row, or undefined. */
  async one<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined> {
    return (await this.query(sql, params)).rows[0] as R | undefined;
  }

  /** Runs a statement; resolves to the number of rows it changed (rowCount). */
  async run(sql: string, params?: readonly unknown[]): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  /**
   * Implements the Transactions port (src/ports/async.ts): BEGIN, then pg_advisory_xact_lock(<one constant>)
   * so transactions are serialised like SQLite's BEGIN IMMEDIATE; nested calls use SAVEPOINTs. The current
   * client is carried by AsyncLocalStorage, so store methods called inside `fn` use it without a parameter.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return await this.savepoint(current, fn);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client's connection error (the server ended the session) is not the pool's to handle: it
    // fails the statement under way or the next one, and the client is destroyed on release.
    const lost = (error: Error) => {
      broken = error;
    };
    client.on("error", lost);
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [TRANSACTION_LOCK]);
      const result = await this.scope.run({ client, depth: 0 }, fn);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch (rollbackFailed) {
        // The connection is gone or unusable: destroy it rather than hand it to the next caller.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      }
      throw error;
    } finally {
      client.off("error", lost);
      client.release(broken);
    }
  }

  /** Ends the pool. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async savepoint<T>(scope: Scope, fn: () => Promise<T>): Promise<T> {
    const name = `srm_${++scope.depth}`;
    await scope.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await scope.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await scope.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await scope.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    } finally {
      scope.depth--;
    }
  }

  private async query(sql: string, params?: readonly unknown[]): Promise<pg.QueryResult> {
    const on = this.scope.getStore()?.client ?? this.pool;
    return await on.query(sql, params?.map(storable));
  }
}

/**
 * PostgreSQL's text cannot hold a NUL character (SQLite's can), and refusing it would refuse an answer or a
 * flag over an invisible character a platform passed on: it is stored as U+FFFD, the replacement character.
 */
function storable(value: unknown): unknown {
  return typeof value === "string" && value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}

/** An error as an operator reads it: the SQLSTATE or network code, then the driver's words (no URL in them). */
function describe(error: unknown): string {
  const code = pgCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
