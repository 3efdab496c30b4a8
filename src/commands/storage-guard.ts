import type { Logger, StorageHealth, StorageProblem } from "../ports.js";
import { type StorageFailure, sqliteCode, storageFailure } from "../store/database-errors.js";
import { notice, privateReply, type Reply } from "../views/card.js";

/** What a person reads when nothing can be recorded until an operator acts. */
const PROBLEM_TEXT: Record<StorageProblem["kind"], string> = {
  replaced:
    "The bot's database file was removed or replaced; answers are not being recorded. An operator must restart the bot.",
  damaged:
    "The bot's database file is damaged; answers are not being recorded. An operator must restore it from a backup.",
};

const REASON: Record<StorageFailure, string> = {
  full: "the disk is full",
  "read-only": "the database file is read-only",
  busy: "the database is busy",
  unwritable: "the database could not be written",
  damaged: "the database could not be written",
  io: "the database could not be written",
};

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
    const code = sqliteCode(error);
    const failure = storageFailure(code);
    if (!failure) throw error;
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
        `Nothing was changed: ${REASON[failure]} (${code}). An operator should check the bot's log and its SRM_DB file; then try again.`,
      ),
    );
  }
}
