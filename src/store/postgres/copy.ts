import Database from "better-sqlite3";
import { DatabaseInUse } from "../database-errors.js";
import { readMigrations } from "../migrate.js";
import { holdExclusiveLock } from "../run-lock.js";
import type { PgDb } from "./db.js";
import { applyPgMigrations } from "./migrate.js";

/** `srm db copy` cannot copy: the reason says what to do. */
export class CopyRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyRefused";
  }
}

/** Rows of one table on each side after the copy. */
export interface TableCount {
  readonly table: string;
  readonly sqlite: number;
  readonly postgres: number;
}

/** Where the copy comes from and goes to. */
export interface CopyPlan {
  /** The SQLite file (SRM_DB). */
  readonly sqlitePath: string;
  readonly sqliteMigrationsDir: string;
  /** The target, connected, and its URL (the migrator opens its own session). */
  readonly target: PgDb;
  readonly targetUrl: string;
  readonly postgresMigrationsDir: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies every table of a team's SQLite file into an empty PostgreSQL database, migrated first: parents
 * before children, all in one PostgreSQL transaction (nothing lands unless everything does), identity
 * sequences moved past the copied ids. Holds the SQLite file's run lock so no bot writes during the copy.
 * Refuses a non-empty target and a SQLite file at another schema version. Resolves to the row counts.
 */
export async function copySqliteToPostgres(plan: CopyPlan): Promise<TableCount[]> {
  const lock = lockedForCopy(plan.sqlitePath);
  const sqlite = new Database(plan.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    refuseOtherVersion(sqlite, plan);
    await applyPgMigrations(plan.targetUrl, plan.postgresMigrationsDir);
    const tables = tablesInForeignKeyOrder(sqlite);
    await refuseNonEmpty(plan.target, tables);
    sqlite.exec("BEGIN"); // one snapshot of the file for the whole copy
    await plan.target.transaction(async () => {
      for (const table of tables) await copyTable(sqlite, plan.target, table);
      await moveIdentitiesPast(plan.target);
    });
    const counts: TableCount[] = [];
    for (const table of tables) {
      const sqliteRows = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number })
        .n;
      const postgresRows =
        (await plan.target.one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`))?.n ?? 0;
      counts.push({ table, sqlite: sqliteRows, postgres: postgresRows });
    }
    sqlite.exec("COMMIT");
    return counts;
  } finally {
    sqlite.close();
    lock.release();
  }
}

function lockedForCopy(path: string): { release(): void } {
  try {
    return holdExclusiveLock(path);
  } catch (error) {
    if (!(error instanceof DatabaseInUse)) throw error;
    throw new CopyRefused(
      `A bot (or another srm process) is running on ${path}. Stop every bot on it first, so that no answer ` +
        "given during the copy is left behind, then copy again.",
    );
  }
}

function refuseOtherVersion(sqlite: Database.Database, plan: CopyPlan): void {
  const latest = readMigrations(plan.sqliteMigrationsDir).at(-1)?.version ?? 0;
  const hasLedger = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
  const version = hasLedger
    ? ((sqlite.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ??
      0)
    : 0;
  if (version < latest)
    throw new CopyRefused(
      `${plan.sqlitePath} is at schema version ${version}, and this srm-bot copies version ${latest}. ` +
        'Upgrade it first with "srm db migrate" (with SRM_DATABASE_URL unset, so it migrates the SQLite file), then copy again.',
    );
  if (version > latest)
    throw new CopyRefused(
      `${plan.sqlitePath} is at schema version ${version}, written by a newer srm-bot than this one (version ${latest}). ` +
        "Copy it with the srm-bot release that wrote it.",
    );
}

/** The tables to copy, every table after the tables its foreign keys point at. */
function tablesInForeignKeyOrder(sqlite: Database.Database): string[] {
  const names = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const parents = new Map(
    names.map((n) => [
      n,
      (
        sqlite.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(n) as string[]
      ).filter((p) => p !== n),
    ]),
  );
  const ordered: string[] = [];
  const visit = (name: string, path: readonly string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const parent of parents.get(name) ?? []) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const n of names) visit(n, []);
  return ordered;
}

async function refuseNonEmpty(target: PgDb, tables: readonly string[]): Promise<void> {
  const filled: string[] = [];
  for (const table of tables) {
    const exists = await target.one(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1",
      [table],
    );
    if (!exists)
      throw new CopyRefused(
        `The PostgreSQL database has no table ${table} after migrating: its schema is not this srm-bot's.`,
      );
    if (await target.one(`SELECT 1 FROM ${quote(table)} LIMIT 1`)) filled.push(table);
  }
  if (filled.length > 0)
    throw new CopyRefused(
      `The PostgreSQL database is not empty (${filled.join(", ")} hold rows); copying into it could mix two teams' data. ` +
        "Copy into a new, empty database (e.g. CREATE DATABASE srm_new), or drop this one's tables first if its data is not needed.",
    );
}

/** Rows per INSERT: many at once, under PostgreSQL's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 500;

async function copyTable(sqlite: Database.Database, target: PgDb, table: string): Promise<void> {
  const columns = sqlite
    .prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid")
    .pluck()
    .all(table) as string[];
  const insertOf = (rows: number) => {
    const values = Array.from(
      { length: rows },
      (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`,
    );
    return `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${values.join(", ")}`;
  };
  const full = insertOf(ROWS_PER_INSERT);
  let batch: unknown[][] = [];
  const rows = sqlite
    .prepare(`SELECT ${columns.map(quote).join(", ")} FROM ${quote(table)}`)
    .raw()
    .iterate() as Iterable<unknown[]>;
  // A NUL character, which PostgreSQL's text cannot hold, arrives as U+FFFD: PgDb stores it so, as the bot does.
  const insert = async (sql: string, values: unknown[][]) => {
    await target.run(sql, values.flat());
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length < ROWS_PER_INSERT) continue;
    await insert(full, batch);
    batch = [];
  }
  if (batch.length > 0) await insert(insertOf(batch.length), batch);
}

/** Each identity column's sequence continues after the largest copied id, so new rows never reuse one. */
async function moveIdentitiesPast(target: PgDb): Promise<void> {
  const identities = await target.rows<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of identities)
    await target.one(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
      [quote(table), column],
    );
}
