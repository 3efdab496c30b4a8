import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LEDGER_FILE, ledgerProblems, lockedLedger, readLedger, readRetired } from "./bank/id-ledger.js";
import { questionLocations } from "./bank/question-locations.js";
import { compareCommand, matrixCommand, PICTURE_HELP, stackCommand } from "./cli-pictures.js";
import { DB_COPY_HELP, postgresDbCommand, postgresName, runsOnPostgres } from "./cli-postgres.js";
import { WORKSPACE_HELP, workspaceCommand } from "./cli-workspace.js";
import { helpLines } from "./commands/help.js";
import { REGISTRY, TEXT_SYNTAX } from "./commands/index.js";
import { lookupJson } from "./commands/lookup-json.js";
import { stripPrefix } from "./commands/read.js";
import { ConfigError, loadConfig } from "./config.js";
import { contentHome } from "./content.js";
import { cmd, printText } from "./domain/text.js";
import { withEnvFile } from "./env-file.js";
import { ContentInvalid, formatProblem } from "./knowledge/content-file.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import { createLogger, secretsOf } from "./log.js";
import { loadContent, registerDiscord, runTerminal, startBot } from "./main.js";
import { packageRoot } from "./paths.js";
import { backupDatabase, RestoreRefused, restoreDatabase } from "./store/backup.js";
import { integrityProblems, openDatabase } from "./store/database.js";
import { DatabaseUnusable } from "./store/database-errors.js";
import { backupPathProblem, databasePathProblem, PathUnusable, refuse } from "./store/database-path.js";
import { SqliteFlagStore } from "./store/flag-store.js";
import { DatabaseTooNew } from "./store/migrate.js";
import { scoreDifferences } from "./store/recompute.js";
import { REASON_LABEL } from "./views/flag-view.js";
import { lookupReply } from "./views/lookup-view.js";
import { renderPlain } from "./views/plain.js";

/** Where the CLI writes, injected so tests can read it. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Where SIGTERM and SIGINT arrive (the process unless a test gives its own). */
  readonly signals?: NodeJS.EventEmitter;
}

const USAGE = `srm: the AWS Shared Responsibility Model study bot

Usage:
  srm start                      start the bot (the terminal front end when no Slack or Discord is configured)
  srm terminal                   the terminal front end, also with commands piped to standard input
  srm discord register            register the Discord slash commands (once, not at every start)
  srm lookup <words...> [--json] answer an ownership question, e.g. srm lookup ec2 os-patching
  srm stack <service> [--png <file>]   who owns each layer of a service; --png writes its picture
  srm compare <services...> [--png <file>]   2 to 5 services layer by layer; --png writes the picture
  srm matrix export --html <file>   the whole matrix as one self-contained HTML page (as served at /matrix)
  srm questions check            validate the ownership matrix and the question bank
  srm questions flags            list the questions learners flagged, as file:line: reason (count)
  srm db migrate                 create or upgrade the database (SRM_DB, default ./data/srm.db)
  srm db verify                  check the file is whole and every score equals a recomputation
  srm db backup <file>           copy the database, safely while the bot runs
  srm db restore <file>          replace the database with a backup (the bot must be stopped)
  srm db copy --to <postgres-url>   copy the SQLite database into an empty PostgreSQL database
  srm workspace purge <platform> <id> --yes   delete all study data of one workspace
  srm help                       this message; every command also takes --help
  srm --version                  the version of srm-bot

Settings are read from the environment and from .env in the working folder (the environment wins);
see .env.example.`;

const COMMAND_HELP: Record<string, string> = {
  start: `srm start

Starts srm-bot: Slack when SLACK_BOT_TOKEN is set (Socket Mode with SLACK_APP_TOKEN, HTTP mode with
SLACK_SIGNING_SECRET), Discord when DISCORD_TOKEN is set, both when both are, with /healthz, /readyz and
/metrics on PORT. With neither, it opens the terminal front end when standard input is a terminal.
Stops cleanly on SIGTERM or SIGINT.`,
  discord: `srm discord register

Registers the /srm and /srm-admin slash commands with Discord (npm run discord:register). With
DISCORD_GUILD_ID set they are registered in that one server and show at once (for development);
otherwise globally. Run it once after install and after each upgrade, not at every start.`,
  terminal: `srm terminal

Opens the terminal front end on the local database whether or not Slack or Discord are configured.
Commands may be piped in: printf '${TEXT_SYNTAX.command(cmd("ask", { text: "ec2 os-patching" }))}\\n' | srm terminal

The bot's commands (typed with or without the /srm):
${REGISTRY.commands
  .flatMap(helpLines)
  .map((line) => `  ${printText(line, TEXT_SYNTAX)}`)
  .join("\n")}`,
  lookup: `srm lookup <words...> [--json]

Answers who owns a responsibility, exactly as the bot would:
  srm lookup ec2 os-patching
  srm lookup who patches the rds engine
  srm lookup rds --json

--json prints {status, owner, service, area, text, sources, suggestions}.
The exit code is 0 for every answer; non-zero only when srm itself fails.`,
  questions: `srm questions check | srm questions lock | srm questions flags

check: validates every content file under questions/ against its schema, the matrix's own rules and the
       ledger of published question ids, printing file:line and what is wrong for each problem, then
       how many scenario questions and generated drills it checked.
lock:  adds every new scenario question id to questions/question-ids.txt (ids are never reused).
flags: prints every open flag learners raised in the database (SRM_DB), one line per question and reason,
       as file:line: reason (count), where file:line is where the question (or its matrix cell) is written.`,
  db: `srm db migrate | verify | backup <file> | restore <file> | copy --to <postgres-url>

migrate: creates the database file if needed and applies every pending migration.
verify:  checks every page of the file (integrity_check), then recomputes every score from the answers
         and reports any leaderboard total that differs (a database that does not exist is reported, not
         created).
backup:  copies the database to <file> with SQLite's online backup; safe while the bot runs.
restore: replaces the database with <file> after checking it; refused while a bot runs on it. The copy
         is checked and synced beside the database, then renamed over it: never half a database.
${DB_COPY_HELP}`,
  workspace: WORKSPACE_HELP,
};

/** Runs the srm command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  let io = given;
  const out = (s: string) => io.stdout.write(`${s}\n`);
  const err = (s: string) => io.stderr.write(`${s}\n`);
  const [command = "help", ...rest] = argv;
  if (command === "--version" || command === "-v" || command === "version") {
    out(packageVersion());
    return 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    const help = COMMAND_HELP[command] ?? PICTURE_HELP[command];
    out(help ?? USAGE);
    return help ? 0 : 2;
  }
  try {
    // Settings in ./.env count as if set in the environment; the environment wins where both set one.
    // Help needs no settings, so a broken .env does not hide it.
    if (!["help", "--help", "-h"].includes(command)) io = { ...io, env: withEnvFile(io.env, io.cwd) };
    switch (command) {
      case "help":
      case "--help":
      case "-h":
        out(USAGE);
        return 0;
      case "lookup":
        return lookupCommand(rest, io, out);
      case "stack":
        return stackCommand(rest, { env: io.env, cwd: io.cwd, out, err });
      case "compare":
        return compareCommand(rest, { env: io.env, cwd: io.cwd, out, err });
      case "matrix":
        return matrixCommand(rest, { env: io.env, cwd: io.cwd, out, err });
      case "questions":
        if (rest[0] === "lock") return questionsLock(io, out);
        if (rest[0] === "flags") return questionsFlags(io, out);
        if (rest[0] !== "check") {
          err(
            `srm questions: expected check, lock or flags, got "${rest[0] ?? ""}".\n\n${COMMAND_HELP.questions}`,
          );
          return 2;
        }
        return questionsCheck(io, out, err);
      case "db":
        if (runsOnPostgres(rest, loadConfig(io.env, io.cwd)))
          return await postgresDbCommand(rest, { env: io.env, cwd: io.cwd, out, err });
        if (rest[0] === "migrate") return dbMigrate(io, out);
        if (rest[0] === "verify") return dbVerify(io, out, err);
        if ((rest[0] === "backup" || rest[0] === "restore") && rest[1])
          return await dbCopy(rest[0], rest[1], io, out, err);
        err(
          `srm db: expected migrate, verify, backup <file>, restore <file> or copy --to <postgres-url>.\n\n${COMMAND_HELP.db}`,
        );
        return 2;
      case "workspace":
        return await workspaceCommand(rest, { env: io.env, cwd: io.cwd, out, err });
      case "start":
        return await start(io, out, err);
      case "terminal":
        return await terminal(io, out);
      case "discord":
        if (rest[0] !== "register") {
          err(`srm discord: expected "register".\n\n${COMMAND_HELP.discord}`);
          return 2;
        }
        return await discordRegister(io, out, err);
      default:
        err(`srm: unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof DatabaseTooNew ||
      error instanceof ContentInvalid ||
      error instanceof PathUnusable ||
      error instanceof DatabaseUnusable
    ) {
      err(`srm: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

function lookupCommand(args: readonly string[], io: CliIo, out: (s: string) => void): number {
  const json = args.includes("--json");
  const text = stripPrefix(args.filter((a) => a !== "--json").join(" "));
  const config = loadConfig(io.env, io.cwd);
  const lookup = new OwnershipLookup(loadMatrix(contentHome(config.contentDir, "matrix")));
  const result = lookup.lookup(text);
  out(json ? JSON.stringify(lookupJson(result), null, 2) : renderPlain(lookupReply(result), TEXT_SYNTAX));
  return 0;
}

function questionsCheck(io: CliIo, out: (s: string) => void, err: (s: string) => void): number {
  const config = loadConfig(io.env, io.cwd);
  try {
    const { matrix, bank } = loadContent(config.contentDir);
    const reused = ledgerProblems(
      bank.scenarios,
      readLedger(config.contentDir),
      readRetired(config.contentDir),
    );
    if (reused.length > 0) {
      for (const p of reused) err(`questions/${LEDGER_FILE}: ${p}`);
      err(`${reused.length} problem(s) found.`);
      return 1;
    }
    const cells = matrix.services.length * matrix.areas.length;
    out(
      `ok: ${matrix.services.length} services, ${matrix.areas.length} areas, ${cells} cells checked (matrix).`,
    );
    out(
      `ok: ${bank.scenarios.length} scenario questions and ${bank.drills.length} generated drills checked.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ContentInvalid)) throw error;
    for (const p of error.problems) err(formatProblem(p));
    err(`${error.problems.length} problem(s) found.`);
    return 1;
  }
}

/** Every open flag for content authors, one line per question and reason: "file:line: reason (count)". */
function questionsFlags(io: CliIo, out: (s: string) => void): number {
  const config = loadConfig(io.env, io.cwd);
  refuse(databasePathProblem(config.dbPath, { existing: true }));
  const { bank } = loadContent(config.contentDir);
  const where = questionLocations(config.contentDir, bank);
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  try {
    const counts = new SqliteFlagStore(db).counts();
    for (const c of counts)
      out(`${where(c.questionId)}: ${REASON_LABEL[c.reason].toLowerCase()} (${c.count})`);
    if (counts.length === 0) out("No open flags.");
    return 0;
  } finally {
    db.close();
  }
}

function questionsLock(io: CliIo, out: (s: string) => void): number {
  const config = loadConfig(io.env, io.cwd);
  const { bank } = loadContent(config.contentDir);
  const ledger = readLedger(config.contentDir);
  writeFileSync(
    join(config.contentDir, LEDGER_FILE),
    lockedLedger(bank.scenarios, ledger, readRetired(config.contentDir)),
  );
  out(`questions/${LEDGER_FILE} lists ${Math.max(ledger.size, bank.scenarios.length)} ids.`);
  return 0;
}

function dbMigrate(io: CliIo, out: (s: string) => void): number {
  const config = loadConfig(io.env, io.cwd);
  refuse(databasePathProblem(config.dbPath, { existing: false }));
  const { db, migrations } = openDatabase(config.dbPath, config.migrationsDir);
  db.close();
  if (migrations.checksummed.length > 0)
    out(`Recorded the checksums of ${migrations.checksummed.join(", ")} (applied by an earlier release).`);
  out(
    migrations.applied.length > 0
      ? `Applied ${migrations.applied.join(", ")}; ${config.dbPath} is at schema version ${migrations.version}.`
      : `${config.dbPath} is up to date (schema version ${migrations.version}).`,
  );
  return 0;
}

async function dbCopy(
  action: "backup" | "restore",
  file: string,
  io: CliIo,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  const path = resolve(io.cwd, file);
  if (action === "backup") {
    // Reading is enough for a backup, so a read-only database may still be copied.
    const source = databasePathProblem(config.dbPath, { existing: true });
    if (source?.code !== "DatabaseReadOnly") refuse(source);
    refuse(backupPathProblem(path));
  } else refuse(databasePathProblem(config.dbPath, { existing: false }));
  try {
    if (action === "backup") {
      const { pages } = await backupDatabase(config.dbPath, path);
      out(`Backed up ${config.dbPath} to ${path} (${pages} pages).`);
    } else {
      await restoreDatabase(path, config.dbPath, config.migrationsDir);
      out(`Restored ${config.dbPath} from ${path}.`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused || error instanceof DatabaseUnusable)) throw error;
    err(`srm db ${action}: ${error.message}`);
    return 1;
  }
}

function dbVerify(io: CliIo, out: (s: string) => void, err: (s: string) => void): number {
  const config = loadConfig(io.env, io.cwd);
  refuse(databasePathProblem(config.dbPath, { existing: true }));
  if (existsSync(config.dbPath)) {
    const damage = integrityProblems(config.dbPath);
    if (damage.length > 0) {
      for (const line of damage.slice(0, 20)) err(`damaged: ${line}`);
      err(
        `not ok: ${config.dbPath} is damaged (integrity_check found ${damage.length} problem(s)). ` +
          'Stop every bot on it, then restore the last backup with "srm db restore <file>".',
      );
      return 1;
    }
  }
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  try {
    const differences = scoreDifferences(db);
    if (differences.length === 0) {
      out(
        "ok: the file is whole (integrity_check), and every score equals a recomputation from the answers.",
      );
      return 0;
    }
    for (const d of differences) err(`differs: ${d}`);
    err(`${differences.length} score(s) differ from the answers.`);
    return 1;
  } finally {
    db.close();
  }
}

async function start(io: CliIo, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  // On PostgreSQL the SQLite file is never opened: its path is no reason to refuse.
  if (config.postgres === null) refuse(databasePathProblem(config.dbPath, { existing: false }));
  if (config.slack || config.discord) {
    try {
      const bot = await startBot(config, { stdout: io.stdout, signals: io.signals ?? process });
      await bot.done;
      return 0;
    } catch (error) {
      err(`srm start: ${(error as Error).message}`);
      return 1;
    }
  }
  if (!io.stdin.isTTY) {
    err(
      "srm start: no Slack or Discord is configured, and standard input is not a terminal. " +
        "Set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET) or DISCORD_TOKEN with DISCORD_APPLICATION_ID " +
        '(see .env.example), run it in a terminal, or use "srm terminal" to read commands from standard input.',
    );
    return 1;
  }
  return terminal(io, out);
}

async function discordRegister(
  io: CliIo,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  if (!config.discord) {
    err(
      "srm discord register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (DISCORD_GUILD_ID registers in one server for development).",
    );
    return 1;
  }
  try {
    const logger = createLogger({ level: config.logLevel, stream: io.stderr, secrets: secretsOf(config) });
    const r = await registerDiscord(config.discord, logger);
    out(
      r.scope === "guild"
        ? `Registered ${r.count} commands in server ${config.discord.guildId}; they show at once.`
        : `Registered ${r.count} commands globally; Discord may take up to an hour to show them everywhere.`,
    );
    return 0;
  } catch (error) {
    err(`srm discord register: ${(error as Error).message}`);
    return 1;
  }
}

async function terminal(io: CliIo, out: (s: string) => void): Promise<number> {
  const config = loadConfig(io.env, io.cwd);
  if (config.postgres) out(`Database: ${postgresName(config.postgres.url)}`);
  else {
    refuse(databasePathProblem(config.dbPath, { existing: false }));
    out(`Database: ${config.dbPath}`);
  }
  await runTerminal(config, { ...io, signals: io.signals ?? process });
  return 0;
}

/** The version in srm-bot's package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
