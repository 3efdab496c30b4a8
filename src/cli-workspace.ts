import { existsSync } from "node:fs";
import { type DbIo, postgresName } from "./cli-postgres.js";
import { loadConfig } from "./config.js";
import type { Platform } from "./domain/channel.js";
import type { DeletedRows } from "./ports/people-data.js";
import { openDatabase } from "./store/database.js";
import { SqlitePeopleData } from "./store/people-data.js";
import { PgDb } from "./store/postgres/db.js";
import { PgPeopleData } from "./store/postgres/people-data.js";

/** `srm workspace --help`. */
export const WORKSPACE_HELP = `srm workspace purge <platform> <id> --yes

Deletes every piece of study data one workspace holds, in one transaction: its questions and answers,
memory cards and reviews, practice sessions and settings, mock exams, flags, scores and streaks,
competitions, daily schedules, channel settings and pauses, and its lookup counts. Prints the rows deleted
per table. <platform> is slack, discord or terminal; <id> is the Slack team id (T...), the Discord server id,
user-<user id> for a Discord user's own study, or local for the terminal. Nothing is deleted without --yes;
take a backup first (srm db backup <file>). Works on SRM_DATABASE_URL when set, else on SRM_DB.`;

const PLATFORMS: readonly Platform[] = ["slack", "discord", "terminal"];
const WORKSPACE_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** `srm workspace purge <platform> <id> --yes`; resolves to the exit code. */
export async function workspaceCommand(args: readonly string[], io: DbIo): Promise<number> {
  const [action, platform = "", id = "", ...flags] = args;
  const refuse = (problem: string) => {
    io.err(`srm workspace purge: ${problem}\n\n${WORKSPACE_HELP}`);
    return 2;
  };
  if (action !== "purge") return refuse(`expected "purge <platform> <id> --yes", got "${action ?? ""}".`);
  if (!PLATFORMS.includes(platform as Platform))
    return refuse(`"${platform}" is not a platform: give slack, discord or terminal.`);
  if (!WORKSPACE_ID.test(id))
    return refuse(
      `"${id}" is not a workspace id: give it as the platform shows it, e.g. T0123ABCD or 81234567890.`,
    );
  const unknown = flags.filter((f) => f !== "--yes");
  if (unknown.length > 0) return refuse(`unknown option "${unknown[0]}".`);
  if (!flags.includes("--yes"))
    return refuse(
      `this deletes all study data of ${platform} workspace ${id} for good; add --yes to go ahead.`,
    );

  const config = loadConfig(io.env, io.cwd);
  let where: string;
  let deleted: DeletedRows | null;
  if (config.postgres) {
    where = postgresName(config.postgres.url);
    const db = await PgDb.connect(config.postgres.url, {
      retryForMs: config.postgres.connectRetryMs,
      poolSize: 1,
    });
    try {
      deleted = await new PgPeopleData(db).purgeWorkspace(platform as Platform, id);
    } finally {
      await db.close();
    }
  } else {
    where = config.dbPath;
    if (!existsSync(config.dbPath)) {
      io.err(`srm workspace purge: there is no database at ${config.dbPath} (SRM_DB); nothing was deleted.`);
      return 1;
    }
    const { db } = openDatabase(config.dbPath, config.migrationsDir);
    try {
      deleted = new SqlitePeopleData(db).purgeWorkspace(platform as Platform, id);
    } finally {
      db.close();
    }
  }
  if (deleted === null) {
    io.err(
      `srm workspace purge: ${platform} workspace ${id} has no study data in ${where}; nothing was deleted. ` +
        "Workspace ids are case-sensitive: check it.",
    );
    return 1;
  }
  const width = Math.max(...Object.keys(deleted).map((t) => t.length));
  io.out(`Purged ${platform} workspace ${id} from ${where}; rows deleted per table:`);
  for (const [table, n] of Object.entries(deleted)) io.out(`  ${table.padEnd(width)}  ${n}`);
  return 0;
}
