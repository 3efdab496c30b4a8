/** The database cannot be used as it is: each subclass says why and what an operator does about it. */
export class DatabaseUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnusable";
  }
}

/** The database file is gone, but the folder shows one was created there before. */
export class DatabaseMissing extends DatabaseUnusable {
  constructor(path: string, marker: string, rescued: readonly string[]) {
    super(
      `${path} is missing, but srm-bot created a database there before (${marker} says so). ` +
        "Starting on an empty database would lose every answer and score. " +
        (rescued.length > 0
          ? `The bot saved a copy of what it held when the file went: "srm db restore ${rescued.at(-1)}" puts it back. `
          : 'Restore the last backup with "srm db restore <file>". ') +
        `To start afresh on purpose instead, delete ${marker} and start again.`,
    );
    this.name = "DatabaseMissing";
  }
}

/** The database file is damaged (a page or the header cannot be read). */
export class DatabaseDamaged extends DatabaseUnusable {
  constructor(path: string, detail: string) {
    super(
      `${path} is damaged (${detail}). Stop every bot on it, then restore the last backup with ` +
        `"srm db restore <file>" (or rescue what can be read with "sqlite3 ${path} .recover").`,
    );
    this.name = "DatabaseDamaged";
  }
}

/** The database file (or its folder) cannot be written: the bot would read, but lose every answer. */
export class DatabaseReadOnly extends DatabaseUnusable {
  constructor(path: string, code: string) {
    super(
      `${path} cannot be written (${code}): answers would be lost. Make the file and its folder writable ` +
        "by the user the bot runs as (and check the disk is not mounted read-only), then start again.",
    );
    this.name = "DatabaseReadOnly";
  }
}

/** Another process holds the database: a running bot (for a restore) or a restore (for a bot). */
export class DatabaseInUse extends DatabaseUnusable {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseInUse";
  }
}

/** The SQLite result code of an error, or "" when it has none. */
export function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** Whether a SQLite error says the file is damaged or is not a database at all. */
export function isDamage(code: string): boolean {
  return code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB";
}

/** Whether a write broke a UNIQUE constraint or index: another writer stored the same key first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Whether SQLite could not write the file or its folder (read-only, or it cannot be opened). */
export function isUnwritable(code: string): boolean {
  return code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN");
}

/** Whether another connection holds the lock SQLite needed. */
export function isBusy(code: string): boolean {
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

/** Why the database could not save a change, when that is an operator's problem and not a bug. */
export type StorageFailure = "full" | "read-only" | "busy" | "unwritable" | "damaged" | "io";

/** The storage failure a SQLite result code means, or null when the code is not about the storage. */
export function storageFailure(code: string): StorageFailure | null {
  if (code.startsWith("SQLITE_FULL")) return "full";
  if (code.startsWith("SQLITE_READONLY")) return "read-only";
  if (isBusy(code)) return "busy";
  if (code.startsWith("SQLITE_CANTOPEN")) return "unwritable";
  if (isDamage(code)) return "damaged";
  if (code.startsWith("SQLITE_IOERR")) return "io";
  return null;
}
