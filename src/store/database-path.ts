import { accessSync, constants, type Stats, statSync } from "node:fs";
import { dirname } from "node:path";

/** What is wrong with a database path (SRM_DB) or a backup path, found before SQLite is asked to open it. */
export type PathProblemCode =
  | "DatabaseIsFolder"
  | "DatabaseNotAFile"
  | "DatabaseReadOnly"
  | "DatabaseFolderReadOnly"
  | "DatabaseUnderFile"
  | "DatabaseMissing"
  | "BackupIsFolder"
  | "BackupFolderMissing"
  | "BackupFolderReadOnly";

/** A path srm cannot use, with the path (or folder) it is about. */
export interface PathProblem {
  readonly code: PathProblemCode;
  readonly path: string;
  /** The folder the problem is in, where that differs from `path`. */
  readonly folder?: string;
}

/** Each problem, named for an operator with the fix; one table so every command words it alike. */
const MESSAGES: Record<PathProblemCode, (p: PathProblem) => string> = {
  DatabaseIsFolder: (p) =>
    `SRM_DB is ${p.path}, which is a folder, not a database file. Point SRM_DB at a file, e.g. SRM_DB=${p.path.replace(/\/$/, "")}/srm.db.`,
  DatabaseNotAFile: (p) =>
    `SRM_DB is ${p.path}, which is not a regular file. Point SRM_DB at a database file, e.g. SRM_DB=./data/srm.db.`,
  DatabaseReadOnly: (p) =>
    `SRM_DB is ${p.path}, which is read-only, and srm-bot saves every answer to it. Make it writable by the user srm runs as (chown or chmod u+w, or mount the volume read-write), or point SRM_DB at a writable copy.`,
  DatabaseFolderReadOnly: (p) =>
    `SRM_DB is ${p.path}, and its folder ${p.folder ?? dirname(p.path)} is read-only; SQLite creates the database and its -wal and -shm files there. Make the folder writable by the user srm runs as (or mount the volume read-write), or point SRM_DB at a file in a writable folder.`,
  DatabaseUnderFile: (p) =>
    `SRM_DB is ${p.path}, but ${p.folder ?? dirname(p.path)} is a file, not a folder, so the database cannot be created there. Point SRM_DB at a path inside a folder.`,
  DatabaseMissing: (p) =>
    `There is no database at ${p.path} (SRM_DB); nothing was created. Check SRM_DB, or run "srm db migrate" to create a new database there.`,
  BackupIsFolder: (p) =>
    `The backup path ${p.path} is a folder. Give a file name for the backup, e.g. ${p.path.replace(/\/$/, "")}/srm-backup.db.`,
  BackupFolderMissing: (p) =>
    `The folder ${p.folder ?? dirname(p.path)} for the backup ${p.path} does not exist. Create it first (mkdir -p ${p.folder ?? dirname(p.path)}), or choose a file in a folder that exists.`,
  BackupFolderReadOnly: (p) =>
    `The folder ${p.folder ?? dirname(p.path)} for the backup ${p.path} is read-only. Choose a folder the user srm runs as can write to.`,
};

/** A path problem as an error, so a command can stop with it; `srm` prints the message without a stack. */
export class PathUnusable extends Error {
  constructor(readonly problem: PathProblem) {
    super(MESSAGES[problem.code](problem));
    this.name = "PathUnusable";
  }
}

/**
 * Why srm-bot could not open `path` as its database, or null when it can. `existing` is for commands that
 * only read a database (verify, backup): a missing file is a problem there, not something to create.
 */
export function databasePathProblem(path: string, o: { existing: boolean }): PathProblem | null {
  if (path === ":memory:") return null;
  const stat = statOrNull(path);
  if (stat === "not-a-folder") return underFile(path);
  if (stat !== null) {
    if (stat.isDirectory()) return { code: "DatabaseIsFolder", path };
    if (!stat.isFile()) return { code: "DatabaseNotAFile", path };
    if (!writable(path)) return { code: "DatabaseReadOnly", path };
    return writable(dirname(path)) ? null : { code: "DatabaseFolderReadOnly", path, folder: dirname(path) };
  }
  if (o.existing) return { code: "DatabaseMissing", path };
  // The file and perhaps some folders are created: the nearest folder that exists must take them.
  let folder = dirname(path);
  let found = statOrNull(folder);
  while (found === null && dirname(folder) !== folder) {
    folder = dirname(folder);
    found = statOrNull(folder);
  }
  if (found === "not-a-folder") return underFile(path);
  if (found !== null && !found.isDirectory()) return { code: "DatabaseUnderFile", path, folder };
  return writable(folder) ? null : { code: "DatabaseFolderReadOnly", path, folder };
}

/** Why a backup cannot be written to `target`, or null when it can (an existing file is refused elsewhere). */
export function backupPathProblem(target: string): PathProblem | null {
  const stat = statOrNull(target);
  if (stat !== null && stat !== "not-a-folder" && stat.isDirectory())
    return { code: "BackupIsFolder", path: target };
  const folder = dirname(target);
  const parent = statOrNull(folder);
  if (parent === null || parent === "not-a-folder" || !parent.isDirectory())
    return { code: "BackupFolderMissing", path: target, folder };
  return writable(folder) ? null : { code: "BackupFolderReadOnly", path: target, folder };
}

/** Throws PathUnusable when `problem` is not null. */
export function refuse(problem: PathProblem | null): void {
  if (problem !== null) throw new PathUnusable(problem);
}

function underFile(path: string): PathProblem {
  let folder = dirname(path);
  while (dirname(folder) !== folder && statOrNull(folder) === "not-a-folder") folder = dirname(folder);
  return { code: "DatabaseUnderFile", path, folder };
}

function statOrNull(path: string): Stats | "not-a-folder" | null {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    if (code === "ENOTDIR") return "not-a-folder";
    throw error;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EPERM: an immutable file or folder, which even root cannot write; EROFS: a read-only mount.
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return false;
    throw error;
  }
}
