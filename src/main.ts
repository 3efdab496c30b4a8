import { TerminalFrontEnd } from "../adapters/terminal/terminal.js";
import { type Config, loadConfig } from "./config.js";
import { Engine } from "./engine.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { type Clock, systemClock } from "./ports.js";
import { type Db, openDatabase } from "./store/database.js";
import { SqliteLookupJournal } from "./store/lookup-journal.js";

/** Everything a running srm-bot holds: the store, the content and the engine. */
export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly matrix: OwnershipMatrix;
  readonly engine: Engine;
  /** Checkpoints and closes the database. */
  close(): void;
}

/** Builds the engine on its store and content. Throws ContentInvalid, ConfigError or DatabaseTooNew with a clear message. */
export function buildApp(config: Config = loadConfig(), clock: Clock = systemClock): App {
  const matrix = loadMatrix(config.contentDir);
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  const engine = new Engine({
    lookup: new OwnershipLookup(matrix),
    journal: new SqliteLookupJournal(db),
    clock,
  });
  return {
    config,
    db,
    matrix,
    engine,
    close() {
      if (db.open) {
        if (config.dbPath !== ":memory:") db.pragma("wal_checkpoint(TRUNCATE)");
        db.close();
      }
    },
  };
}

/** Runs the terminal front end on a freshly built app until its input ends, then closes the store. */
export async function runTerminal(
  config: Config,
  io: {
    stdin: NodeJS.ReadableStream & { isTTY?: boolean };
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
  },
): Promise<void> {
  const app = buildApp(config);
  try {
    await new TerminalFrontEnd({
      engine: app.engine,
      input: io.stdin,
      output: io.stdout,
      prompt: io.stdin.isTTY === true,
      errors: io.stderr,
    }).run();
  } finally {
    app.close();
  }
}
