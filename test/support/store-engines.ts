import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import type { Async, Transactions } from "../../src/ports/async.js";
import type { Clock } from "../../src/ports.js";
import { type Db, openDatabase } from "../../src/store/database.js";
import type { PgDb } from "../../src/store/postgres/db.js";
import { openPostgres } from "../../src/store/postgres/migrate.js";
import { SqliteGate, type Sync, served } from "../../src/store/sqlite-gate.js";
import { ManualClock } from "./app.js";
import { freshDatabaseUrl } from "./postgres.js";

/** Fresh, migrated, empty stores on one engine, for one test. */
export interface OpenStores<S> {
  readonly stores: S;
  readonly transactions: Transactions;
  /** The clock the stores were given; tests move it. */
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/** One engine a contract test runs on. */
export interface StoreEngine<S> {
  readonly name: "sqlite" | "postgres";
  open(): Promise<OpenStores<Async<S>>>;
}

const migrationsDir = loadConfig({}).migrationsDir;

/**
 * One entry per engine: the same stores built on a fresh SQLite file (served async through the gate, as
 * the bot serves them) and on a fresh PostgreSQL database of the run's server. A contract test runs its
 * assertions on each (`describe.each(storeEngines(...))`): that the two behave alike is what it proves.
 */
export function storeEngines<S extends object>(make: {
  /** The SQLite stores; a synchronous one is served through the gate (a store taking the gate itself is used as it is). */
  sqlite: (db: Db, clock: Clock, gate: SqliteGate) => { [K in keyof S]: Sync<S[K]> | S[K] };
  postgres: (db: PgDb, clock: Clock) => { [K in keyof S]: S[K] | Async<S[K]> };
}): StoreEngine<S>[] {
  return [
    {
      name: "sqlite",
      async open() {
        const folder = mkdtempSync(join(tmpdir(), "srm-contract-"));
        const { db } = openDatabase(join(folder, "srm.db"), migrationsDir);
        const gate = new SqliteGate(db);
        const clock = new ManualClock();
        const built = make.sqlite(db, clock, gate);
        const stores = Object.fromEntries(
          Object.entries(built).map(([k, store]) => [k, servedIfSync(store as object, gate)]),
        ) as Async<S>;
        return {
          stores,
          transactions: gate,
          clock,
          async close() {
            db.close();
            rmSync(folder, { recursive: true, force: true });
          },
        };
      },
    },
    {
      name: "postgres",
      async open() {
        const { db } = await openPostgres(await freshDatabaseUrl(), join(migrationsDir, "postgres"));
        const clock = new ManualClock();
        return {
          stores: make.postgres(db, clock) as Async<S>,
          transactions: { run: (fn) => db.transaction(fn) },
          clock,
          close: () => db.close(),
        };
      },
    },
  ];
}

/** A SQLite store whose methods answer at once is served through the gate; one already async is kept. */
function servedIfSync(store: object, gate: SqliteGate): object {
  const proto = Object.getPrototypeOf(store) as object;
  const asyncAlready = Object.getOwnPropertyNames(proto).some(
    (name) => name !== "constructor" && Reflect.get(proto, name)?.constructor?.name === "AsyncFunction",
  );
  return asyncAlready ? store : served(store, gate);
}
