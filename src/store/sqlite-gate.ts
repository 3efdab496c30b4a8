import { AsyncLocalStorage } from "node:async_hooks";
import type { Transactions } from "../ports/async.js";
import type { Db } from "./database.js";

/** A port as a SQLite store implements it: the same methods, answering at once instead of later. */
export type Sync<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : P[K];
};

/** Whose transaction holds the connection: a fresh object per transaction, carried through its awaits. */
type Holder = object;

/**
 * The one door to a SQLite connection for async use cases. better-sqlite3 runs each statement at once, but a
 * use case's transaction now spans awaits, and another request's statements must not land inside it (they
 * would be rolled back with it, or commit its half-done work). So a transaction holds the connection until
 * it ends, and a call from outside it waits; a call from inside (carried by AsyncLocalStorage) goes ahead.
 */
export class SqliteGate implements Transactions {
  private readonly context = new AsyncLocalStorage<Holder>();
  private holder: Holder | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private savepoints = 0;

  constructor(private readonly db: Db) {}

  /** Runs one synchronous store call: at once, unless another request's transaction holds the connection. */
  call<T>(fn: () => T): Promise<T> {
    if (this.holder === null || this.context.getStore() === this.holder) return settle(fn);
    return this.queued(() => settle(fn));
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder !== null && this.context.getStore() === this.holder) return this.savepoint(fn);
    return this.queued(async () => {
      const mine: Holder = {};
      this.holder = mine;
      try {
        // IMMEDIATE takes the write lock at once, so two processes on the file never interleave a write.
        this.db.exec("BEGIN IMMEDIATE");
        const result = await this.context.run(mine, fn);
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      } finally {
        this.holder = null;
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
    const next = this.tail.then(fn);
    this.tail = next.then(
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
