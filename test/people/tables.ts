import type { Async } from "../../src/ports/async.js";
import type { Db } from "../../src/store/database.js";
import { numbered } from "../../src/store/people-steps.js";
import type { PgDb } from "../../src/store/postgres/db.js";
import { pgScoreDifferences } from "../../src/store/postgres/recompute.js";
import { scoreDifferences } from "../../src/store/recompute.js";

/**
 * Raw access to every table of one engine's database, for tests that must see all of it: the schema's tables
 * and columns, rows written straight in, counts, and `srm db verify`'s score check. `?` placeholders on both.
 */
export interface Tables {
  /** Every table (the migration ledger aside) and its columns. */
  columns(): Record<string, string[]>;
  /** Runs an INSERT; the new row's id where the table has one. */
  insert(sql: string, params: unknown[]): number;
  /** The first column of the first row (a count, a sum), as a number. */
  count(sql: string, params: unknown[]): number;
  /** What `srm db verify` reports: stored scores that differ from a recomputation. */
  scoreDifferences(): string[];
}

/** Tables on SQLite. */
export class SqliteTables implements Tables {
  constructor(private readonly db: Db) {}
  columns(): Record<string, string[]> {
    const names = this.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      names.map((t) => [
        t,
        this.db.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(t) as string[],
      ]),
    );
  }
  insert(sql: string, params: unknown[]): number {
    return Number(this.db.prepare(sql).run(...params).lastInsertRowid);
  }
  count(sql: string, params: unknown[]): number {
    return Number(
      this.db
        .prepare(sql)
        .pluck()
        .get(...params),
    );
  }
  scoreDifferences(): string[] {
    return scoreDifferences(this.db);
  }
}

/** Tables on PostgreSQL. */
export class PgTables implements Async<Tables> {
  constructor(private readonly db: PgDb) {}
  async columns(): Promise<Record<string, string[]>> {
    const rows = await this.db.rows<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() " +
        "AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position",
    );
    const tables: Record<string, string[]> = {};
    for (const r of rows) tables[r.table_name] = [...(tables[r.table_name] ?? []), r.column_name];
    return tables;
  }
  async insert(sql: string, params: unknown[]): Promise<number> {
    const returning =
      /^INSERT INTO (rounds|competitions|practice_cards|exams|answers|question_flags|lookups) /.test(sql);
    if (!returning) {
      await this.db.run(numbered(sql), params);
      return 0;
    }
    const row = await this.db.one<{ id: number }>(`${numbered(sql)} RETURNING id`, params);
    return row?.id ?? 0;
  }
  async count(sql: string, params: unknown[]): Promise<number> {
    const row = await this.db.one<Record<string, unknown>>(numbered(sql), params);
    return Number(Object.values(row ?? {})[0] ?? 0);
  }
  scoreDifferences(): Promise<string[]> {
    return pgScoreDifferences(this.db);
  }
}
