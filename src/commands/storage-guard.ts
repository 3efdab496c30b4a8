import type { Logger, StorageHealth, StorageProblem } from "../ports.js";
import { notice, privateReply, type Reply } from "../views/card.js";

const STORAGE_FAILURE = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|CORRUPT|NOTADB)/;

/** What a person reads when nothing can be recorded until an operator acts. */
const PROBLEM_TEXT: Record<StorageProblem["kind"], string> = {
  replaced:
    "The bot's database file was removed or replaced; answers are not being recorded. An operator must restart the bot.",
  damaged:
    "The bot's database file is damaged; answers are not being recorded. An operator must restore it from a backup.",
};

function reason(code: string): string {
  if (code.startsWith("SQLITE_FULL")) return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the database file is read-only";
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "the database is busy";
  return "the database could not be written";
}

/**
 * Runs a command; a database that refuses to write (read-only file, full disk, a file removed or damaged
 * under the bot) is an operator's problem with a plain answer: the person is told nothing was saved, and
 * the log says why. Commands write in transactions, so nothing is half-written. Any other failure is
 * rethrown to the front end's boundary.
 */
export async function guardStorage(
  logger: Logger,
  what: string,
  run: () => Promise<Reply>,
  health?: StorageHealth,
): Promise<Reply> {
  // Checked before the command: a file removed since the last check must not take one more answer.
  health?.problem();
  try {
    return await run();
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? "");
    if (!STORAGE_FAILURE.test(code)) throw error;
    health?.failed(code);
    const problem = health?.problem() ?? null;
    if (problem)
      return privateReply(notice("warning", "The database could not save this", PROBLEM_TEXT[problem.kind]));
    logger.error("the database could not save a change", {
      where: "storage",
      what,
      code,
      error,
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
