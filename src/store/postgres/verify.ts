import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Applied, DatabaseTooNew, readMigrations, refuseDivergence } from "../migrate.js";
import type { PgDb } from "./db.js";
import { POSTGRES_MIGRATIONS_FOLDER } from "./migrate.js";
import { pgScoreDifferences } from "./recompute.js";

/** What `srm db verify` found on a PostgreSQL database: empty lists when all is well. */
export interface PgVerification {
  /** The version the ledger records. */
  readonly version: number;
  /** The ledger behind the files, or the schema not what the migrations make (a hand-made change). */
  readonly schemaProblems: readonly string[];
  /** Score keys whose stored total differs from a recomputation. */
  readonly scoreDifferences: readonly string[];
}

/**
 * Checks a PostgreSQL database without changing it: its ledger against the migration files (refusing a
 * newer or diverged one as a start would), its tables, columns, constraints and indexes against what the
 * migrations create, and every stored score against a replay of the answers.
 */
export async function verifyPostgres(db: PgDb, url: string, dir: string): Promise<PgVerification> {
  const files = readMigrations(dir, POSTGRES_MIGRATIONS_FOLDER);
  const latest = files.at(-1)?.version ?? 0;
  const hasLedger = await db.one(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
  );
  if (!hasLedger)
    return {
      version: 0,
      schemaProblems: ['this database has no srm-bot schema: run "srm db migrate" to create it'],
      scoreDifferences: [],
    };
  const ledger = await db.rows<Applied>(
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
  );
  const version = Math.max(0, ...ledger.map((r) => r.version));
  if (version > latest) throw new DatabaseTooNew(version, latest);
  refuseDivergence(ledger, files, POSTGRES_MIGRATIONS_FOLDER);
  if (version < latest)
    return {
      version,
      schemaProblems: [
        `the database is at schema version ${version}, the files at ${latest}: run "srm db migrate"`,
      ],
      scoreDifferences: [],
    };
  const schemaProblems = shapeDifferences(await expectedShape(url, dir), await shapeOf(url, null));
  const scoreDifferences = await db.transaction(() => pgScoreDifferences(db));
  return { version, schemaProblems, scoreDifferences };
}

/** Every column (with type and nullability), constraint and index of a schema, one line each. */
type Shape = Map<string, string>;

const SHAPE_SQL = `
  SELECT 'column ' || table_name || '.' || column_name AS name,
         data_type || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END ||
         COALESCE(' DEFAULT ' || column_default, '') || CASE WHEN is_identity = 'YES' THEN ' IDENTITY' ELSE '' END AS definition
    FROM information_schema.columns WHERE table_schema = $1
  UNION ALL
  SELECT 'constraint ' || t.relname || '.' || c.conname, pg_get_constraintdef(c.oid)
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname = $1
  UNION ALL
  SELECT 'index ' || indexname, indexdef FROM pg_indexes WHERE schemaname = $1`;

/** The shape of `schema`, or of the connection's current schema when null; schema names taken out of definitions. */
async function shapeOf(url: string, schema: string | null, client?: pg.Client): Promise<Shape> {
  const own = client ?? new pg.Client({ connectionString: url });
  if (!client) await own.connect();
  try {
    const name =
      schema ?? ((await own.query<{ s: string }>("SELECT current_schema() AS s")).rows[0]?.s as string);
    const rows = (await own.query<{ name: string; definition: string }>(SHAPE_SQL, [name])).rows;
    return new Map(rows.map((r) => [r.name, r.definition.replaceAll(`${name}.`, "")]));
  } finally {
    if (!client) await own.end();
  }
}

/** The shape the migration files make, built in a scratch schema inside a transaction that is rolled back. */
async function expectedShape(url: string, dir: string): Promise<Shape> {
  const scratch = `srm_verify_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`CREATE SCHEMA ${scratch}`);
    await client.query(`SET LOCAL search_path TO ${scratch}`);
    for (const m of readMigrations(dir, POSTGRES_MIGRATIONS_FOLDER)) await client.query(m.sql);
    return await shapeOf(url, scratch, client);
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

function shapeDifferences(expected: Shape, actual: Shape): string[] {
  const problems: string[] = [];
  for (const [name, definition] of expected) {
    const found = actual.get(name);
    if (found === undefined) problems.push(`${name} is missing (${definition})`);
    else if (found !== definition)
      problems.push(`${name} is "${found}", the migrations make "${definition}"`);
  }
  for (const [name, definition] of actual)
    if (
      !expected.has(name) &&
      !name.startsWith("column schema_migrations.") &&
      !name.startsWith("constraint schema_migrations.") &&
      name !== "index schema_migrations_pkey"
    )
      problems.push(`${name} is not made by any migration (${definition})`);
  return problems.sort();
}
