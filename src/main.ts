import { createDiscordFrontEnd } from "../adapters/discord/index.js";
import { registerDiscordCommands } from "../adapters/discord/register.js";
import { handleHealth, type ReadinessCheck, startHealthServer } from "../adapters/http/health.js";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import { type Content, loadContent } from "./content.js";
import { RoutingAnnouncer } from "./routing-announcer.js";

export { type Content, loadContent };

import { TerminalAnnouncer, TerminalFrontEnd } from "../adapters/terminal/terminal.js";
import type { QuestionBank } from "./bank/question-bank.js";
import { DailyCommands } from "./commands/daily.js";
import type { Config, DiscordConfig } from "./config.js";
import { Engine } from "./engine.js";
import { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { createLogger, jsonLogger, secretsOf } from "./log.js";
import { MetricsRegistry, meteredAnnouncer, meteredLogger } from "./metrics.js";
import type { Announcer, Clock, FrontEnd, Logger } from "./ports.js";
import { systemClock } from "./ports.js";
import { CardReviews } from "./practice/card-reviews.js";
import { Practice } from "./practice/practice.js";
import { MemoryScheduler } from "./practice/scheduler.js";
import { TeamMemory } from "./practice/team-memory.js";
import { Competitions } from "./quiz/competitions.js";
import { RoundService } from "./quiz/rounds.js";
import { Standings } from "./quiz/standings.js";
import { ChannelHealth } from "./schedule/channel-health.js";
import { DailyPlanner } from "./schedule/daily-planner.js";
import { startTicker } from "./schedule/ticker.js";
import { ChannelPauseStore } from "./store/channel-pause-store.js";
import { CompetitionStore } from "./store/competition-store.js";
import { DailyStore } from "./store/daily-store.js";
import { type Db, openDatabase } from "./store/database.js";
import { SqliteLookupJournal } from "./store/lookup-journal.js";
import { PracticeStore } from "./store/practice-store.js";
import { RoundStore } from "./store/round-store.js";
import { holdRunLock } from "./store/run-lock.js";
import { ScoreStore } from "./store/score-store.js";
import { SettingsStore } from "./store/settings-store.js";
import { TeamMemoryStore } from "./store/team-memory-store.js";

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
  const logger = meteredLogger(env.logger, metrics);
  const { matrix, bank } = env.content ?? loadContent(config.contentDir);
  const { db } = openDatabase(config.dbPath, config.migrationsDir);
  const health = new ChannelHealth(new ChannelPauseStore(db), clock, logger);
  const announcer = health.watch(meteredAnnouncer(env.announcer, metrics));
  const roundStore = new RoundStore(db);
  const scores = new ScoreStore(db);
  const competitionStore = new CompetitionStore(db);
  const settings = new SettingsStore(db);
  const lookup = new OwnershipLookup(matrix);
  const journal = new SqliteLookupJournal(db, logger);
  const practiceStore = new PracticeStore(db);
  const memory = new MemoryScheduler();
  const reviews = new CardReviews({ store: practiceStore, scheduler: memory, clock });
  const team = new TeamMemory({ store: new TeamMemoryStore(db), scheduler: memory, bank, clock });
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
    reveals: reviews,
    picker: team,
  });
  const practice = new Practice({
    store: practiceStore,
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
    lookup,
    journal,
    bank,
    rounds,
    standings,
    daily: new DailyCommands(dailyStore, planner, clock, health),
    planner,
    competitions: new Competitions(competitionStore, clock),
    settings,
    practice,
    announcer,
    clock,
    logger,
    admins: config.admins,
    metrics,
    health,
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
        journal.flush();
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
  const ticker = startTicker(async () => app.engine.startDue(), logger);
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
    await app.engine.settle();
    app.close();
    lock.release();
  }
}

/** The process-level things `runBot` listens to and writes to. */
export interface BotIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where SIGTERM and SIGINT arrive (the process, or a test's emitter). */
  readonly signals: NodeJS.EventEmitter;
}

/** A started bot: resolves `done` after a stop signal has shut it down cleanly. */
export interface RunningBot {
  readonly port: number | null;
  readonly done: Promise<void>;
  /** Shuts down as SIGTERM would. */
  stop(): Promise<void>;
}

/**
 * Starts every configured front end on one engine, the health server, and the scheduler; stops them in
 * order on SIGTERM or SIGINT: stop taking commands, finish those in flight, stop the scheduler, close the
 * platform connections, then checkpoint and close SQLite. Open rounds carry on after a restart.
 */
export async function startBot(config: Config, io: BotIo): Promise<RunningBot> {
  const logger = createLogger({ level: config.logLevel, stream: io.stdout, secrets: secretsOf(config) });
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger });
  const lock = holdRunLock(config.dbPath);
  const frontEnds: FrontEnd[] = [];
  const checks = (): ReadinessCheck[] => [
    { name: "database", ready: () => app.db.open },
    ...frontEnds.map((f) => ({ name: f.platform, ready: () => f.ready?.() ?? true })),
  ];
  const health = { checks, metrics: app.metrics };
  const slackHttp = config.slack?.mode === "http";
  if (config.slack) {
    const routes = ["/healthz", "/readyz", "/metrics"].map((path) => ({
      path,
      handler: (req: Parameters<typeof handleHealth>[1], res: Parameters<typeof handleHealth>[2]) =>
        void handleHealth(health, req, res),
    }));
    frontEnds.push(
      createSlackFrontEnd({
        engine: app.engine,
        config: config.slack,
        admins: config.admins,
        logger,
        port: config.port,
        routes,
      }),
    );
  }
  if (config.discord)
    frontEnds.push(
      createDiscordFrontEnd({
        engine: app.engine,
        config: config.discord,
        admins: config.admins,
        logger,
        matrix: app.matrix,
      }),
    );
  for (const f of frontEnds) router.register(f.platform, f.announcer);

  let server: Awaited<ReturnType<typeof startHealthServer>> | null = null;
  const ticker = startTicker(async () => app.engine.startDue(), logger);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      logger.info("stopping: no new commands; finishing those in flight");
      for (const f of frontEnds) await settle(f.stop(), logger, `stopping ${f.platform}`);
      await ticker.stop();
      await app.engine.settle();
      await app.engine.idle();
      if (server) await server.close();
      app.close();
      lock.release();
      logger.info("stopped cleanly");
    })();
    return stopping;
  };
  try {
    if (!slackHttp) server = await startHealthServer(health, config.port);
    await Promise.all(frontEnds.map((f) => f.start()));
  } catch (error) {
    await stop();
    throw error;
  }
  await app.engine.tick();
  // A library that rejects outside any handler (a malformed gateway event, say) is logged, not fatal.
  io.signals.on("unhandledRejection", (reason: unknown) =>
    logger.error("an unexpected failure outside any handler", { where: "process", error: String(reason) }),
  );
  const done = new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      logger.info("received a stop signal", { signal });
      void stop().then(resolve);
    };
    io.signals.once("SIGTERM", () => onSignal("SIGTERM"));
    io.signals.once("SIGINT", () => onSignal("SIGINT"));
  });
  logger.info("srm-bot is ready", {
    platforms: frontEnds.map((f) => f.platform),
    port: server?.port ?? config.port,
    database: config.dbPath,
  });
  return { port: server?.port ?? null, done, stop };
}

async function settle(step: Promise<void>, logger: Logger, what: string): Promise<void> {
  try {
    await step;
  } catch (error) {
    logger.error(`${what} failed`, { error: String(error) });
  }
}

/** Registers the Discord commands (`srm discord register`). */
export async function registerDiscord(config: DiscordConfig, logger: Logger) {
  return registerDiscordCommands(config, logger);
}
