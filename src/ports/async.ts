/**
 * A store port as the use cases see it: every method resolves later. `Async<S>` turns a store's methods
 * into ones returning promises of the same values, so one interface serves an engine that answers at once
 * (SQLite, in this process) and one across the network (PostgreSQL).
 */
export type Async<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : S[K];
};

/** Work that must commit together, across every store of one database. */
export interface Transactions {
  /**
   * Runs `fn` as one transaction: every store call it awaits commits with it or not at all, and no other
   * transaction writes in between (SQLite's BEGIN IMMEDIATE; on PostgreSQL a transaction-wide lock). A
   * call inside a running transaction joins it as a savepoint, rolled back alone if `fn` throws.
   */
  run<T>(fn: () => Promise<T>): Promise<T>;
}
