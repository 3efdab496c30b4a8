import { TerminalAnnouncer, TerminalFrontEnd } from "../adapters/terminal/terminal.js";
import { contrastDrills, ownershipDrills } from "./bank/drills.js";
import { loadScenarios } from "./bank/load-questions.js";
import { QuestionBank } from "./bank/question-bank.js";
import { DailyCommands } from "./commands/daily.js";
import type { Config } from "./config.js";
import { Engine } from "./engine.js";
import { ContentReader } from "./knowledge/content-file.js";
import { loadMatrix } from "./knowledge/load-matrix.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { jsonLogger } from "./log.js";
import { MetricsRegistry, meteredAnnouncer, meteredLogger } from "./metrics.js";
import type { Announcer, Clock, Logger } from "./ports.js";
import { systemClock } from "./ports.js";
import { Competitions } from "./quiz/competitions.js";
import { RoundService } from "./quiz/rounds.js";
import { Standings } from "./quiz/standings.js";
import { DailyPlanner } from "./schedule/daily-planner.js";
import { startTicker } from "./schedule/ticker.js";
import { CompetitionStore } from "./store/competition-store.js";
import { DailyStore } from "./store/daily-store.js";
import { holdRunLock } from "./store/run-lock.js";
import { type Db, openDatabase } from "./store/database.js";
import { SqliteLookupJournal } from "./store/lookup-journal.js";
import { RoundStore } from "./store/round-store.js";
import { ScoreStore } from "./store/score-store.js";
import { SettingsStore } from "./store/settings-store.js";

/** The content: the matrix and the question bank, validated together. */
export interface Content {
  readonly matrix: OwnershipMatrix;
  readonly bank: QuestionBank;
}

/** Loads and checks all content; throws ContentInvalid listing every problem with file and line. */
export function loadContent(contentDir: string): Content {
  const reader = new ContentReader(contentDir);
  const matrix = loadMatrix(contentDir, reader);
  const scenarios = loadScenarios(contentDir, matrix, reader);
  const bank = new QuestionBank(scenarios, [...ownershipDrills(matrix), ...contrastDrills(matrix)]);
  return { matrix, bank };
}

/** Everything a running srm-bot holds: the store, the content and the engine. */
export interface App {
  readonly config: Config;
  readonly db: Db;
  readonly matrix: OwnershipMatrix;
  readonly bank: QuestionBank;
  readonly engine: Engine;
  readonly metrics: MetricsRegistry;
  /** Checkpoints and closes the database. */
  close(): void;
}

/** The outside world the engine talks to. */
export interface AppEnvironment {
  readonly clock?: Clock;
  readonly announcer: Announcer;
  readonly logger: Logger;
  /** Where counts and timings go (a fresh registry when absent). */
  readonly metrics?: MetricsRegistry;
  /** Content already loaded (tests share one); loaded from config.contentDir when absent. */
  readonly content?: Content;
}

/** Builds the engine on its store and content. Throws ContentInvalid, ConfigError or DatabaseTooNew with a clear message. */
export function buildApp(config: Config, env: AppEnvironment): App {
  const clock = env.clock ?? systemClock;
  const metrics = env.metrics ?? new MetricsRegistry();
  const announcer = meteredAnnouncer(env.announcer, metrics);
  const logger = meteredLogger(env.logger, metrics);
  const { matrix, bank } = env.content ?? loadContent(config.contentDir);
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  const roundStore = new RoundStore(db);
  const scores = new ScoreStore(db);
  const competitionStore = new CompetitionStore(db);
  const settings = new SettingsStore(db);
  const rounds = new RoundService({
    rounds: roundStore,
    scores,
    competitions: competitionStore,
    settings,
    bank,
    clock,
    announcer,
    logger,
    metrics,
  });
  const standings = new Standings(scores, competitionStore, clock);
  const dailyStore = new DailyStore(db);
  const planner = new DailyPlanner({
    store: dailyStore,
    rounds,
    roundStore,
    standings,
    announcer,
    clock,
    logger,
    catchUpMinutes: config.catchUpMinutes,
  });
  const engine = new Engine({
    matrix,
    lookup: new OwnershipLookup(matrix),
    journal: new SqliteLookupJournal(db),
    bank,
    rounds,
    standings,
    daily: new DailyCommands(dailyStore, planner, clock),
    planner,
    competitions: new Competitions(competitionStore, clock),
    settings,
    announcer,
    clock,
    logger,
    admins: config.admins,
    metrics,
  });
  return {
    config,
    db,
    matrix,
    bank,
    engine,
    metrics,
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
  const announcer = new TerminalAnnouncer(io.stdout);
  const logger = jsonLogger(config.logLevel, io.stderr);
  const app = buildApp(config, { announcer, logger });
  const lock = holdRunLock(config.dbPath);
  const ticker = startTicker(() => app.engine.tick(), logger);
  try {
    await app.engine.tick();
    await new TerminalFrontEnd({
      engine: app.engine,
      announcer,
      admins: config.admins,
      input: io.stdin,
      output: io.stdout,
      prompt: io.stdin.isTTY === true,
      errors: io.stderr,
    }).run();
    await app.engine.idle();
  } finally {
    await ticker.stop();
    app.close();
    lock.release();
  }
}
