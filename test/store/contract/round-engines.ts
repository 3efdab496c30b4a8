import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.js";
import type { Async, Transactions } from "../../../src/ports/async.js";
import type { Clock } from "../../../src/ports.js";
import { type Db, openDatabase } from "../../../src/store/database.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { openPostgres } from "../../../src/store/postgres/migrate.js";
import { ManualClock } from "../../support/app.js";
import { freshDatabaseUrl } from "../../support/postgres.js";

/**
 * Both store engines for the round, score, competition, flag and rescore contract tests, in the shape of the
 * shared harness (test/support/store-engines.ts) until it is on this branch. SQLite runs on a file, its
 * stores' methods answered through promises, its transactions BEGIN IMMEDIATE … COMMIT.
 */
export interface OpenStores<S> {
  readonly stores: S;
  readonly transactions: Transactions;
  readonly clock: ManualClock;
  close(): Promise<void>;
}

/** A bag of synchronous stores (or one) answered through promises. */
function served<S>(stores: S): Async<S> {
  return new Proxy(stores as object, {
    get(target, key) {
      const value = (target as Record<string | symbol, unknown>)[key];
      if (value && typeof value === "object") return served(value);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  }) as Async<S>;
}

/** One entry per engine ("sqlite", "postgres"); each open() gives fresh, migrated, empty stores. */
export function storeEngines<S>(make: {
  sqlite: (db: Db, clock: Clock) => unknown;
  postgres: (db: PgDb, clock: Clock) => S;
}): { name: string; open(): Promise<OpenStores<S>> }[] {
  return [
    {
      name: "sqlite",
      async open() {
        const dir = mkdtempSync(join(tmpdir(), "srm-contract-"));
        const { db } = openDatabase(join(dir, "srm.db"), loadConfig({}).migrationsDir);
        const clock = new ManualClock();
        const transactions: Transactions = {
          async run(fn) {
            db.exec("BEGIN IMMEDIATE");
            try {
              const out = await fn();
              db.exec("COMMIT");
              return out;
            } catch (error) {
              db.exec("ROLLBACK");
              throw error;
            }
          },
        };
        const close = async () => {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        };
        return { stores: served(make.sqlite(db, clock)) as S, transactions, clock, close };
      },
    },
    {
      name: "postgres",
      async open() {
        const { db } = await openPostgres(await freshDatabaseUrl(), loadConfig({}).postgresMigrationsDir);
        const clock = new ManualClock();
        const transactions: Transactions = { run: (fn) => db.transaction(fn) };
        return { stores: make.postgres(db, clock), transactions, clock, close: () => db.close() };
      },
    },
  ];
}
