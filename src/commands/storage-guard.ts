import type { Logger } from "../ports.js";
import { notice, privateReply, type Reply } from "../views/card.js";

const STORAGE_FAILURE = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED)/;

function reason(code: string): string {
  if (code.startsWith("SQLITE_FULL")) return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the database file is read-only";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "the database is busy";
  return "the database could not be written";
}

/**
 * Runs a command; a database that refuses to write (read-only file, full disk) is an operator's problem
 * with a plain answer: the person is told nothing was saved, and the log says why. Commands write in
 * transactions, so nothing is half-written. Any other failure is rethrown to the front end's boundary.
 */
export async function guardStorage(logger: Logger, what: string, run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? "");
    if (!STORAGE_FAILURE.test(code)) throw error;
    logger.error("the database could not save a change", {
      where: "storage",
      what,
      code,
      error: String(error),
    });
    return privateReply(
      notice(
        "warning",
        "The database could not save this",
        `Nothing was changed: ${reason(code)} (${code}). An operator should check the bot's log and its SRM_DB file; then try again.`,
      ),
    );
  }
}
