import { loadConfig } from "../../../src/config.js";
import type { Async, Transactions } from "../../../src/ports/async.js";
import type { Clock } from "../../../src/ports.js";
import type { Db } from "../../../src/store/database.js";
import { openDatabase } from "../../../src/store/database.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { openPostgres } from "../../../src/store/postgres/migrate.js";
import { ManualClock } from "../../support/app.js";
import { freshDatabaseUrl } from "../../support/postgres.js";
import { served } from "./rows.js";

/**
 * Both store engines for the contract tests until the shared harness (test/support/store-engines.ts) is on this
 * branch; it follows that harness's shape. SQLite stores are served through promises; SQLite's `transactions`
 * runs `fn` as it is (one process, nothing runs in between that the tests need to hold off).
 */
export type MutableClock = ManualClock;
/** Fresh, migrated, empty stores of one engine. */
export interface OpenStores<S> {
  readonly stores: S;
  readonly transactions: Transactions;
  readonly clock: MutableClock;
  close(): Promise<void>;
}

/** One entry per engine ("sqlite", "postgres"); each open() gives fresh, migrated, empty stores. */
export function storeEngines<S>(make: {
  sqlite: (db: Db, clock: Clock) => S;
  postgres: (db: PgDb, clock: Clock) => S | Async<S>;
}): { name: string; open(): Promise<OpenStores<Async<S>>> }[] {
  return [
    {
      name: "sqlite",
      async open() {
        const { db } = openDatabase(":memory:", loadConfig({}).migrationsDir);
        const clock = new ManualClock();
        return {
          stores: served(make.sqlite(db, clock) as S & object),
          transactions: { run: (fn) => fn() },
          clock,
          close: async () => {
            db.close();
          },
        };
      },
    },
    {
      name: "postgres",
      async open() {
        const { db } = await openPostgres(await freshDatabaseUrl(), loadConfig({}).postgresMigrationsDir);
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
