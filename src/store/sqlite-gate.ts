import { AsyncLocalStorage } from "node:async_hooks";
import type { Transactions } from "../ports/async.js";
import type { Db } from "./database.js";

/** A port as a SQLite store implements it: the same methods, answering at once instead of later. */
export type Sync<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : P[K];
};

/** Whose transaction holds the connection: a fresh object per transaction, carried through its awaits. */
type Holder = object;

/** The queue of one database file in this process: whose transaction holds it, and what waits. */
interface Lane {
  readonly context: AsyncLocalStorage<Holder>;
  holder: Holder | null;
  tail: Promise<unknown>;
}

const lanes = new Map<string, Lane>();

/**
 * One lane per file for every connection this process opens on it. A second connection's write while the
 * first holds the file's write lock would wait inside SQLite, blocking the very event loop the first needs
 * to finish its transaction (until busy_timeout gives up); in one lane it waits its turn instead. Another
 * process on the file has its own event loop, so SQLite's own locking serves it as before.
 */
function laneOf(db: Db): Lane {
  const fresh = (): Lane => ({
    context: new AsyncLocalStorage<Holder>(),
    holder: null,
    tail: Promise.resolve(),
  });
  if (db.memory) return fresh();
  let lane = lanes.get(db.name);
  if (!lane) {
    lane = fresh();
    lanes.set(db.name, lane);
  }
  return lane;
}

/**
 * The one door to a SQLite connection for async use cases. better-sqlite3 runs each statement at once, but a
 * use case's transaction now spans awaits, and another request's statements must not land inside it (they
 * would be rolled back with it, or commit its half-done work). So a transaction holds the connection until
 * it ends, and a call from outside it waits; a call from inside (carried by AsyncLocalStorage) goes ahead.
 */
export class SqliteGate implements Transactions {
  private readonly lane: Lane;
  private savepoints = 0;

  constructor(private readonly db: Db) {
    this.lane = laneOf(db);
  }

  /** Runs one synchronous store call: at once, unless another request's transaction holds the connection. */
  call<T>(fn: () => T): Promise<T> {
    if (this.lane.holder === null || this.lane.context.getStore() === this.lane.holder) return settle(fn);
    return this.queued(() => settle(fn));
  }

  /**
   * Runs one store call as if from no transaction, even when called from inside one: for work that must not
   * commit or roll back with the caller's transaction (statistics written later, on a timer).
   */
  callOutside<T>(fn: () => T): Promise<T> {
    return this.lane.context.exit(() => this.call(fn));
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.lane.holder !== null && this.lane.context.getStore() === this.lane.holder)
      return this.savepoint(fn);
    return this.queued(async () => {
      const mine: Holder = {};
      this.lane.holder = mine;
      try {
        // IMMEDIATE takes the write lock at once, so two processes on the file never interleave a write.
        this.db.exec("BEGIN IMMEDIATE");
        const result = await this.lane.context.run(mine, fn);
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      } finally {
        this.lane.holder = null;
      }
    });
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `srm_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      throw error;
    }
  }

  /** Runs `fn` after every transaction and call queued before it. */
  private queued<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lane.tail.then(fn);
    this.lane.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Serves a synchronous SQLite store through its async port: each method answers through the gate, so it
 * waits while another request's transaction holds the connection.
 */
export function served<P extends object>(store: Sync<P>, gate: SqliteGate): P {
  const port: Record<string, unknown> = {};
  for (
    let proto = Object.getPrototypeOf(store);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method: unknown = Reflect.get(store, name);
      if (name === "constructor" || name in port || typeof method !== "function") continue;
      port[name] = (...args: unknown[]) => gate.call(() => Reflect.apply(method, store, args));
    }
  }
  return port as P;
}
