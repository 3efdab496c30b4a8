import type { QuestionBank } from "./bank/question-bank.js";
import { DailyCommands } from "./commands/daily.js";
import { ForgetReplies } from "./commands/forget-replies.js";
import { ExamReplies, FlagReplies } from "./commands/learning-replies.js";
import type { Config } from "./config.js";
import { type Content, loadContent } from "./content.js";
import { Engine } from "./engine.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { MetricsRegistry, meteredAnnouncer, meteredLogger } from "./metrics.js";
import { ForgetMe } from "./people/forget-me.js";
import type { Stores } from "./ports/stores.js";
import type { Announcer, Clock, DeliveryLog, Logger, Platform, StorageHealth } from "./ports.js";
import { systemClock } from "./ports.js";
import { CardReviews } from "./practice/card-reviews.js";
import { MockExams } from "./practice/exams.js";
import { Practice } from "./practice/practice.js";
import { MemoryScheduler } from "./practice/scheduler.js";
import { TeamMemory } from "./practice/team-memory.js";
import { Competitions } from "./quiz/competitions.js";
import { QuestionFlags } from "./quiz/flags.js";
import { RoundService } from "./quiz/rounds.js";
import { Standings } from "./quiz/standings.js";
import { ChannelHealth } from "./schedule/channel-health.js";
import { DailyPlanner } from "./schedule/daily-planner.js";
import { type Db, openDatabase } from "./store/database.js";
import { DatabaseFileWatch } from "./store/database-file.js";
import { openPostgres } from "./store/postgres/migrate.js";
import { postgresStores } from "./store/postgres/stores.js";
import { sqliteStores } from "./store/sqlite-stores.js";
import { flagCards } from "./views/flag-view.js";
import { roundCards } from "./views/round-view.js";

/** Everything a running srm-bot holds: the store, the content and the engine. */
export interface App {
  readonly config: Config;
  /** Every store, on the engine the configuration chose (SQLite or PostgreSQL). */
  readonly stores: Stores;
  /** Whether the database can be trusted now, for /readyz and the scheduler. */
  readonly database: OpenedDatabase["health"];
  readonly matrix: OwnershipMatrix;
  readonly bank: QuestionBank;
  readonly engine: Engine;
  /** Personal practice's use cases, for the commands that reach them directly (new cards, paths). */
  readonly practice: Practice;
  /** Private mock exams, as their commands reply. */
  readonly exams: ExamReplies;
  /** Flags on questions: learners flag, admins list and resolve. */
  readonly flags: FlagReplies;
  readonly metrics: MetricsRegistry;
  /** Whether the database is still the one opened, and sound (a SQLite file's watch; always sound on PostgreSQL). */
  readonly storage: AppStorage;
  /** Platform deliveries already handled (Slack's retries and replays), in the database. */
  readonly deliveries: DeliveryLog;
  /** Writes what is buffered, checkpoints and closes the database. */
  close(): Promise<void>;
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

/** An app on a SQLite file: the open handle too, for the commands and tests that read the file itself. */
export interface SqliteApp extends App {
  readonly db: Db;
  readonly storage: DatabaseFileWatch;
}

/** What the app needs of the storage under it beyond StorageHealth: to finish what it is saving. */
export interface AppStorage extends StorageHealth {
  /** Resolves once anything the watch is still saving (a rescued copy) is written. */
  settled(): Promise<unknown>;
}

/** An open database: its stores, its health and how it closes. */
export interface OpenedDatabase {
  readonly stores: Stores;
  readonly storage: AppStorage;
  readonly health: {
    /** Open and sound. */
    ready(): boolean;
    /** What /readyz says of it. */
    state(): string;
  };
  /** Writes what is buffered and closes the connection. */
  close(): Promise<void>;
}

/**
 * Builds the engine on a SQLite file and the content. Throws ContentInvalid, ConfigError or DatabaseTooNew
 * with a clear message.
 */
export function buildApp(config: Config, env: AppEnvironment): SqliteApp {
  const basics = basicsOf(config, env);
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  const storage = new DatabaseFileWatch(db, config.dbPath, basics.logger);
  const stores = sqliteStores(db, basics.clock, basics.logger, config.slack?.oauth?.secretKey);
  const app = assembleApp(config, env.announcer, basics, {
    stores,
    storage,
    health: {
      ready: () => db.open && storage.problem() === null,
      state: () => storage.problem()?.detail ?? (db.open ? "ready" : "closed"),
    },
    async close() {
      if (!db.open) return;
      try {
        await stores.close();
        // A file removed or damaged under the bot is left as it is for the operator.
        if (config.dbPath !== ":memory:" && storage.problem() === null) db.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        // A checkpoint refused (a full disk) still closes the file; the WAL is replayed at the next open.
        db.close();
      }
    },
  });
  return { ...app, db, storage };
}

/**
 * Builds the engine on the database the configuration names: PostgreSQL when SRM_DATABASE_URL is set
 * (connecting for up to SRM_DATABASE_CONNECT_SECONDS while the server comes up), else the SQLite file.
 */
export async function openApp(config: Config, env: AppEnvironment): Promise<App> {
  if (!config.postgres) return buildApp(config, env);
  const basics = basicsOf(config, env);
  const { logger } = basics;
  const { db } = await openPostgres(config.postgres.url, config.postgresMigrationsDir, {
    retryForMs: config.postgres.connectRetryMs,
    onRetry: (attempt, error) =>
      logger.warn("PostgreSQL is not answering yet; trying again", { attempt, error }),
  });
  const stores = postgresStores(db, basics.clock, logger, config.slack?.oauth?.secretKey);
  let open = true;
  return assembleApp(config, env.announcer, basics, {
    stores,
    storage: { problem: () => null, failed: () => {}, settled: async () => null },
    health: { ready: () => open, state: () => (open ? "ready" : "closed") },
    async close() {
      if (!open) return;
      open = false;
      try {
        await stores.close();
      } finally {
        await db.close();
      }
    },
  });
}

/** What an app is built with besides its database. */
interface Basics {
  readonly clock: Clock;
  readonly metrics: MetricsRegistry;
  /** The environment's logger, counting errors into `metrics`. */
  readonly logger: Logger;
  readonly content: Content;
}

/** The app's basics, content first: content that does not load refuses the start before any database opens. */
function basicsOf(config: Config, env: AppEnvironment): Basics {
  const content = env.content ?? loadContent(config.contentDir);
  const metrics = env.metrics ?? new MetricsRegistry();
  return { clock: env.clock ?? systemClock, metrics, logger: meteredLogger(env.logger, metrics), content };
}

/** The engine and its use cases on an open database. */
function assembleApp(config: Config, platforms: Announcer, basics: Basics, opened: OpenedDatabase): App {
  const { clock, metrics, logger } = basics;
  const { matrix, bank } = basics.content;
  const { stores, storage } = opened;
  const health = new ChannelHealth(stores.channelPauses, clock, logger);
  const announcer = health.watch(meteredAnnouncer(platforms, metrics));
  const lookup = new OwnershipLookup(matrix);
  const journal = stores.lookups;
  const memory = new MemoryScheduler();
  const reviews = new CardReviews({
    store: stores.practice,
    transactions: stores.transactions,
    scheduler: memory,
    clock,
  });
  const team = new TeamMemory({ store: stores.teamMemory, scheduler: memory, bank, clock });
  const heldOut = (platform: Platform, workspace: string) => stores.flags.heldOut(platform, workspace);
  const rounds = new RoundService({
    rounds: stores.rounds,
    transactions: stores.transactions,
    scores: stores.scores,
    competitions: stores.competitions,
    settings: stores.settings,
    bank,
    clock,
    announcer,
    cards: roundCards,
    logger,
    metrics,
    reveals: reviews,
    picker: team,
    heldOut,
  });
  const flags = new FlagReplies(
    new QuestionFlags({
      flags: stores.flags,
      rounds: stores.rounds,
      transactions: stores.transactions,
      rescore: stores.rescore,
      cards: flagCards,
      announcer,
      clock,
      logger,
      regraded: (round, answers) => reviews.regraded(round, answers),
      voided: (round, answers) => reviews.voided(round, answers),
    }),
  );
  const exams = new ExamReplies(
    new MockExams({
      exams: stores.exams,
      transactions: stores.transactions,
      cards: stores.practice,
      rounds,
      bank,
      clock,
      logger,
      heldOut,
    }),
    matrix,
  );
  const forget = new ForgetReplies(new ForgetMe({ people: stores.people, journal, clock, logger }));
  const practice = new Practice({
    store: stores.practice,
    transactions: stores.transactions,
    scheduler: memory,
    reviews,
    team,
    rounds,
    bank,
    matrix,
    lookup,
    journal,
    announcer,
    clock,
    logger,
    buttons: [exams, flags, forget],
  });
  const standings = new Standings(stores.scores, stores.competitions, clock);
  const planner = new DailyPlanner({
    store: stores.daily,
    transactions: stores.transactions,
    rounds,
    roundStore: stores.rounds,
    standings,
    announcer,
    clock,
    logger,
    catchUpMinutes: config.catchUpMinutes,
  });
  const engine = new Engine({
    matrix,
    lookup,
    journal,
    bank,
    rounds,
    standings,
    daily: new DailyCommands(stores.daily, planner, clock, health),
    planner,
    competitions: new Competitions(stores.competitions, clock),
    settings: stores.settings,
    practice,
    exams,
    flags,
    forget,
    announcer,
    clock,
    logger,
    admins: config.admins,
    metrics,
    storage,
    health,
  });
  return {
    config,
    stores,
    database: opened.health,
    matrix,
    bank,
    engine,
    practice,
    exams,
    flags,
    metrics,
    storage,
    deliveries: stores.deliveries,
    close: () => opened.close(),
  };
}
