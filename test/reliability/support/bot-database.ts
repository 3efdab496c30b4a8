import Database from "better-sqlite3";
import { loadConfig } from "../../../src/config.js";
import { openDatabase } from "../../../src/store/database.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { openPostgres } from "../../../src/store/postgres/migrate.js";
import { pgScoreDifferences } from "../../../src/store/postgres/recompute.js";
import { scoreDifferences } from "../../../src/store/recompute.js";
import { freshDatabaseUrl } from "../../support/postgres.js";
import { BotProcess, type BotProcessOptions, removeTempDb, tempDb } from "./bot-process.js";
import { SOAK } from "./scale.js";

/** The store engine a multi-process test runs its bots on. */
export type Engine = "sqlite" | "postgres";

/** How many replicas share one PostgreSQL database in the multi-process tests. */
export const POSTGRES_REPLICAS = 3;

/**
 * The engines a multi-process reliability test runs on, with how many `srm start` processes share the
 * database on each: SQLite's file is shared by the processes of one machine (a test runs one or two),
 * PostgreSQL by replicas on any number of machines (three). For `describe.each`.
 */
export function engines(sqliteProcesses: number): { engine: Engine; replicas: number }[] {
  return [
    { engine: "sqlite", replicas: sqliteProcesses },
    { engine: "postgres", replicas: POSTGRES_REPLICAS },
  ];
}

/**
 * The engines of a test too long for `npm test` on PostgreSQL: SQLite in every run, PostgreSQL (three
 * replicas) in the slow suite (`npm run test:slow`, which CI runs after `npm test`).
 */
export function enginesPostgresSlow(sqliteProcesses: number): { engine: Engine; replicas: number }[] {
  return engines(sqliteProcesses).filter((e) => SOAK || e.engine === "sqlite");
}

/**
 * One fresh, migrated database that child bots share (a SQLite file, or a database on the run's PostgreSQL
 * server), with the reads a test checks its promises by: the same SQL on both engines.
 */
export class BotDatabase {
  private constructor(
    readonly engine: Engine,
    private readonly dbPath: string,
    private readonly url: string | null,
    private pg: PgDb | null,
  ) {}

  /** A new database, migrated (as `srm db migrate` does) before any bot starts on it. */
  static async create(engine: Engine): Promise<BotDatabase> {
    const dbPath = tempDb();
    const migrationsDir = loadConfig({}).migrationsDir;
    if (engine === "sqlite") {
      openDatabase(dbPath, migrationsDir).db.close();
      return new BotDatabase(engine, dbPath, null, null);
    }
    const url = await freshDatabaseUrl();
    const { db } = await openPostgres(url, `${migrationsDir}/postgres`);
    return new BotDatabase(engine, dbPath, url, db);
  }

  /** A bot's settings for this database: SRM_DB, and SRM_DATABASE_URL on PostgreSQL. */
  options(o: Omit<BotProcessOptions, "dbPath">): BotProcessOptions {
    return {
      ...o,
      dbPath: this.dbPath,
      settings: { ...o.settings, ...(this.url ? { SRM_DATABASE_URL: this.url } : {}) },
    };
  }

  /** Starts one `srm start` on this database and waits until it is ready. */
  async start(o: Omit<BotProcessOptions, "dbPath">): Promise<BotProcess> {
    return await BotProcess.start(this.options(o));
  }

  /** Rows of a query written with $1, $2 … parameters (SQLite gets them as ?, in order). */
  async rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    if (this.pg) return await this.pg.rows<R>(sql, params);
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as R[];
    } finally {
      db.close();
    }
  }

  /** Runs a statement written with $1, $2 … parameters: the test's hand on the database (as an operator's would be). */
  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    if (this.pg) {
      await this.pg.run(sql, params);
      return;
    }
    const db = new Database(this.dbPath, { fileMustExist: true, timeout: 10_000 });
    try {
      db.prepare(sql.replace(/\$\d+/g, "?")).run(...params);
    } finally {
      db.close();
    }
  }

  /** A count: the `n` of the first row of a `SELECT COUNT(*) AS n …`. */
  async count(sql: string, params: readonly unknown[] = []): Promise<number> {
    return Number((await this.rows<{ n: number }>(sql, params))[0]?.n);
  }

  /** The scores that differ from a recomputation from the answers (none when they agree). */
  async scoreDifferences(): Promise<string[]> {
    if (this.pg) return await pgScoreDifferences(this.pg);
    const db = new Database(this.dbPath, { readonly: true, fileMustExist: true });
    try {
      return scoreDifferences(db);
    } finally {
      db.close();
    }
  }

  /** Closes the test's own connection and removes the SQLite file (a PostgreSQL database goes with the server). */
  async remove(): Promise<void> {
    await this.pg?.close();
    this.pg = null;
    removeTempDb(this.dbPath);
  }
}
