import { resolve } from "node:path";
import { type Config, checkedPostgresUrl, loadConfig } from "./config.js";
import { DatabaseUnusable } from "./store/database-errors.js";
import { backupPathProblem, databasePathProblem, refuse } from "./store/database-path.js";
import { DatabaseTooNew } from "./store/migrate.js";
import { CopyRefused, copySqliteToPostgres } from "./store/postgres/copy.js";
import { PgDb } from "./store/postgres/db.js";
import { BackupRefused, dumpPostgres, restoreCommand } from "./store/postgres/dump.js";
import { addressOf } from "./store/postgres/errors.js";
import { applyPgMigrations } from "./store/postgres/migrate.js";
import { verifyPostgres } from "./store/postgres/verify.js";

/** What a PostgreSQL `srm db` command needs from the CLI: settings, the working folder and where to write. */
export interface DbIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** The help of `srm db copy`, appended to `srm db --help`. */
export const DB_COPY_HELP = `copy --to <postgres-url>: copies the SQLite database (SRM_DB) into an empty PostgreSQL database,
         migrating it first, in one transaction; then prints the rows of every table on both sides and
         verifies the copy. Stop every bot on the SQLite file first (the copy refuses while one runs).

With SRM_DATABASE_URL set, migrate, verify and backup work on that PostgreSQL database: verify checks the
ledger and the schema against migrations/postgres and every score; backup runs pg_dump (custom format, for
pg_restore); restore prints the pg_restore command to run instead of replacing a shared database itself.`;

/** How a database is named to an operator: host, port and database, never the user or password. */
export function postgresName(url: string): string {
  return `PostgreSQL at ${addressOf(url)}${new URL(url).pathname}`;
}

/** Whether `srm db <args>` is a PostgreSQL command: copy always; the others when SRM_DATABASE_URL is set. */
export function runsOnPostgres(args: readonly string[], config: Config): boolean {
  const [action, file] = args;
  if (action === "copy") return true;
  if (config.postgres === null) return false;
  return (
    action === "migrate" || action === "verify" || ((action === "backup" || action === "restore") && !!file)
  );
}

/** `srm db copy --to <url>`, and `srm db migrate | verify | backup | restore` when SRM_DATABASE_URL is set. */
export async function postgresDbCommand(args: readonly string[], io: DbIo): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const [action, file] = args;
  try {
    if (action === "copy") return await copy(args.slice(1), config, io);
    const postgres = config.postgres;
    if (!postgres) return 2; // runsOnPostgres sends only copy here without SRM_DATABASE_URL
    if (action === "restore" && file) {
      io.err(
        `srm db restore: ${postgresName(postgres.url)} is shared by every replica, so srm does not replace it itself. ` +
          "Stop every replica, then restore the backup with pg_restore (give the password in PGPASSWORD or ~/.pgpass):\n" +
          `  ${restoreCommand(postgres.url, resolve(io.cwd, file))}\n` +
          'Then run "srm db verify" and start the replicas again.',
      );
      return 1;
    }
    if (action === "backup" && file) refuse(backupPathProblem(resolve(io.cwd, file)));
    const db = await PgDb.connect(postgres.url, { retryForMs: postgres.connectRetryMs, poolSize: 2 });
    try {
      if (action === "migrate") return await migrate(postgres.url, config, io);
      if (action === "verify") return await verify(db, postgres.url, config, io);
      if (action === "backup" && file) {
        const path = resolve(io.cwd, file);
        const { tool, bytes } = await dumpPostgres(db, postgres.url, path, io.env, { path: io.env.PATH });
        io.out(
          `Backed up ${postgresName(postgres.url)} to ${path} (${bytes} bytes, pg_dump ${tool.major}, custom format). ` +
            'Restore it with pg_restore ("srm db restore <file>" prints the command).',
        );
        return 0;
      }
      return 2;
    } finally {
      await db.close();
    }
  } catch (error) {
    if (
      !(
        error instanceof CopyRefused ||
        error instanceof BackupRefused ||
        error instanceof DatabaseUnusable ||
        error instanceof DatabaseTooNew
      )
    )
      throw error;
    io.err(`srm db ${action}: ${error.message}`);
    return 1;
  }
}

async function migrate(url: string, config: Config, io: DbIo): Promise<number> {
  const report = await applyPgMigrations(url, config.postgresMigrationsDir);
  if (report.checksummed.length > 0)
    io.out(`Recorded the checksums of ${report.checksummed.join(", ")} (applied by an earlier release).`);
  io.out(
    report.applied.length > 0
      ? `Applied ${report.applied.join(", ")}; ${postgresName(url)} is at schema version ${report.version}.`
      : `${postgresName(url)} is up to date (schema version ${report.version}).`,
  );
  return 0;
}

async function verify(db: PgDb, url: string, config: Config, io: DbIo): Promise<number> {
  const found = await verifyPostgres(db, url, config.postgresMigrationsDir);
  for (const p of found.schemaProblems) io.err(`schema: ${p}`);
  for (const d of found.scoreDifferences) io.err(`differs: ${d}`);
  if (found.schemaProblems.length > 0 || found.scoreDifferences.length > 0) {
    io.err(
      `not ok: ${postgresName(url)}: ${found.schemaProblems.length} schema problem(s), ` +
        `${found.scoreDifferences.length} score(s) differ from the answers.`,
    );
    return 1;
  }
  io.out(
    `ok: ${postgresName(url)} is at schema version ${found.version} exactly as its migrations make it, and every ` +
      "score equals a recomputation from the answers.",
  );
  return 0;
}

async function copy(args: readonly string[], config: Config, io: DbIo): Promise<number> {
  const to = args[0] === "--to" ? args[1] : args[0]?.startsWith("--to=") ? args[0].slice(5) : undefined;
  if (!to || args.length > (args[0] === "--to" ? 2 : 1)) {
    io.err(
      "srm db copy: expected --to <postgres-url>, e.g. srm db copy --to postgres://srm:<password>@db.internal:5432/srm",
    );
    return 2;
  }
  const url = checkedPostgresUrl("--to", to);
  // Reading is enough for a copy, so a read-only SQLite file may still be copied.
  const source = databasePathProblem(config.dbPath, { existing: true });
  if (source?.code !== "DatabaseReadOnly") refuse(source);
  const retryForMs =
    loadConfig({ ...io.env, SRM_DATABASE_URL: url }, io.cwd).postgres?.connectRetryMs ?? 30_000;
  const target = await PgDb.connect(url, { retryForMs, poolSize: 2 });
  try {
    const counts = await copySqliteToPostgres({
      sqlitePath: config.dbPath,
      sqliteMigrationsDir: config.migrationsDir,
      target,
      targetUrl: url,
      postgresMigrationsDir: config.postgresMigrationsDir,
    });
    io.out(`Copied ${config.dbPath} into ${postgresName(url)}. Rows per table:`);
    const width = Math.max(...counts.map((c) => c.table.length));
    for (const c of counts)
      io.out(
        `  ${c.table.padEnd(width)}  ${String(c.sqlite).padStart(8)} in SQLite  ${String(c.postgres).padStart(8)} in PostgreSQL${c.sqlite === c.postgres ? "" : "  DIFFERENT"}`,
      );
    const differing = counts.filter((c) => c.sqlite !== c.postgres);
    const verifyExit = await verify(target, url, config, io);
    if (differing.length > 0 || verifyExit !== 0) {
      io.err(
        `not ok: the copy does not match ${config.dbPath}` +
          (differing.length > 0 ? ` (${differing.map((c) => c.table).join(", ")} differ in rows)` : "") +
          ". Do not switch to it: drop the target database's tables and copy again, or report this as a bug.",
      );
      return 1;
    }
    io.out(`Set SRM_DATABASE_URL to it on every replica and start them; ${config.dbPath} is left as it was.`);
    return 0;
  } finally {
    await target.close();
  }
}
