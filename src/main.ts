import { createDiscordFrontEnd } from "../adapters/discord/index.js";
import { registerDiscordCommands } from "../adapters/discord/register.js";
import type { ReadinessCheck } from "../adapters/http/health.js";
import { type BotHttpServer, startHttpServer } from "../adapters/http/server.js";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import { type App, type AppEnvironment, openApp } from "./app.js";
import { type Content, loadContent } from "./content.js";
import { RoutingAnnouncer } from "./routing-announcer.js";

export { type App, type AppEnvironment, buildApp, openApp, type SqliteApp } from "./app.js";
export { type Content, loadContent };

import { TerminalAnnouncer, TerminalFrontEnd } from "../adapters/terminal/terminal.js";
import type { Config, DiscordConfig } from "./config.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import { createLogger, jsonLogger, scrubbed, secretsOf } from "./log.js";
import { matrixPage } from "./pages/matrix-page.js";
import type { ChannelRef, FrontEnd, Logger } from "./ports.js";
import { startTicker, type Ticker } from "./schedule/ticker.js";
import { ConnectionState, catchStrayFailures, connectWithRetries } from "./start-up.js";
import { holdRunLock, type RunLock } from "./store/run-lock.js";

/** The pages the bot's HTTP server answers: the ownership matrix at /matrix, built once from the content. */
function botPages(matrix: OwnershipMatrix): ReadonlyMap<string, string> {
  return new Map([["/matrix", matrixPage(matrix)]]);
}

/** Runs the terminal front end on a freshly built app until its input ends, then closes the store. */
export async function runTerminal(
  config: Config,
  io: {
    stdin: NodeJS.ReadableStream & { isTTY?: boolean };
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    /** Where SIGTERM and SIGINT arrive: they end the session as /quit does. */
    signals?: NodeJS.EventEmitter;
  },
): Promise<void> {
  const announcer = new TerminalAnnouncer(io.stdout);
  const logger = jsonLogger(config.logLevel, io.stderr);
  const lock = runLockFor(config);
  const app = await openAppHolding(lock, config, { announcer, logger });
  const ticker = startTicker(async () => soundStart(app), logger);
  const front = new TerminalFrontEnd({
    engine: app.engine,
    announcer,
    input: io.stdin,
    output: io.stdout,
    prompt: io.stdin.isTTY === true,
    errors: io.stderr,
  });
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info("received a stop signal", { signal });
    front.stop();
  };
  io.signals?.on("SIGTERM", onSignal);
  io.signals?.on("SIGINT", onSignal);
  let health: BotHttpServer | null = null;
  try {
    // Only when PORT is set: someone trying the terminal gets no surprise listener on port 3000.
    if (config.portSet) {
      const checks = () => [databaseCheck(app)];
      health = await startHttpServer({
        sources: { checks, metrics: app.metrics },
        pages: botPages(app.matrix),
        port: config.port,
        logger,
      });
    }
    await soundTick(app);
    await front.run();
    await app.engine.idle();
  } finally {
    io.signals?.off("SIGTERM", onSignal);
    io.signals?.off("SIGINT", onSignal);
    await ticker.stop();
    await health?.close();
    // The lock goes even when closing fails, or it would claim a bot is running on the database.
    try {
      await app.engine.settle();
      await app.storage.settled();
      await app.close();
    } finally {
      lock?.release();
    }
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
 * Starts the health server first (so /readyz can say what is still connecting), then every configured
 * front end on one engine, then the scheduler; a platform that cannot be reached is tried again for
 * SRM_CONNECT_TIMEOUT. Stops in order on SIGTERM or SIGINT at any moment, start-up included: stop taking
 * commands, finish those in flight, stop the scheduler, close the platform connections, then checkpoint
 * and close SQLite. Open rounds carry on after a restart.
 */
export async function startBot(config: Config, io: BotIo): Promise<RunningBot> {
  const secrets = secretsOf(config);
  const logger = createLogger({ level: config.logLevel, stream: io.stdout, secrets });
  // Before anything asynchronous starts: a stray rejection during start-up must not end the process.
  const releaseHandlers = catchStrayFailures(io.signals, logger);
  const router = new RoutingAnnouncer();
  const lock = runLockFor(config);
  const app = await openAppHolding(lock, config, { announcer: router, logger });
  const connections = new Map<FrontEnd, ConnectionState>();
  const checks = (): ReadinessCheck[] => [
    databaseCheck(app),
    ...[...connections].map(([f, c]) => ({
      name: f.platform,
      ready: () => c.ready() && (f.ready?.() ?? true),
      state: () => (c.ready() ? "disconnected" : c.state()),
    })),
  ];
  const frontEnds: FrontEnd[] = [];
  const stopped = new AbortController();
  let server: BotHttpServer | null = null;
  let ticker: Ticker | null = null;
  let connecting: Promise<unknown> = Promise.resolve();
  let firstTick: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | null = null;
  let finished = () => {};
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const stop = () => {
    stopping ??= (async () => {
      stopped.abort();
      logger.info("stopping: no new commands; finishing those in flight");
      await connecting;
      for (const f of frontEnds) await settle(f.stop(), logger, `stopping ${f.platform}`);
      await firstTick;
      // Each step runs whatever the one before it came to (a full disk, say): the lock is always released.
      await settle(ticker?.stop() ?? Promise.resolve(), logger, "stopping the scheduler");
      await settle(app.engine.settle(), logger, "finishing each channel's scheduled work");
      await settle(app.engine.idle(), logger, "finishing work in flight");
      await settle(server?.close() ?? Promise.resolve(), logger, "closing the HTTP server");
      await settle(
        app.storage.settled().then(() => undefined),
        logger,
        "saving what the database watch still holds",
      );
      await settle((async () => app.close())(), logger, "closing the database");
      lock?.release();
      logger.info("stopped cleanly");
      releaseHandlers();
      finished();
    })();
    return stopping;
  };
  const onSignal = (signal: string) => {
    logger.info("received a stop signal", { signal });
    void stop();
  };
  io.signals.once("SIGTERM", () => onSignal("SIGTERM"));
  io.signals.once("SIGINT", () => onSignal("SIGINT"));
  const running = (): RunningBot => ({ port: server?.port ?? null, done, stop });
  try {
    server = await startHttpServer({
      sources: { checks, metrics: app.metrics },
      pages: botPages(app.matrix),
      port: config.port,
      logger,
    });
    // A stop signal while the server was starting found no server to close.
    if (stopping !== null) {
      await server.close();
      return running();
    }
    if (config.slack)
      frontEnds.push(
        createSlackFrontEnd({
          engine: app.engine,
          config: config.slack,
          admins: config.admins,
          logger,
          server,
          deliveries: app.deliveries,
          installations: app.stores.installations,
        }),
      );
    // A Discord replica running a slice of the shards does the scheduled work of its shards' servers only.
    const serving = new Map<FrontEnd, (channel: ChannelRef) => boolean>();
    if (config.discord) {
      const discord = createDiscordFrontEnd({
        engine: app.engine,
        config: config.discord,
        admins: config.admins,
        logger,
        matrix: app.matrix,
      });
      frontEnds.push(discord);
      serving.set(discord, (channel) => discord.servesGuild(channel.workspaceId));
    }
    for (const f of frontEnds) {
      router.register(f.platform, f.announcer, serving.get(f));
      connections.set(f, new ConnectionState());
    }
    logger.info("serving health and metrics; connecting", { port: server.port });
    const attempts = [...connections].map(([f, state]) =>
      connectWithRetries(f, {
        state,
        timeoutMs: config.connectTimeoutS * 1000,
        stopped: stopped.signal,
        logger,
      }),
    );
    connecting = Promise.allSettled(attempts);
    await Promise.all(attempts);
  } catch (error) {
    const signalled = stopping !== null;
    await stop();
    if (signalled) return running();
    // The message is printed as it is: a library's may quote a setting with a secret in it.
    throw new Error(scrubbed((error as Error).message, secrets), { cause: error });
  }
  if (stopping !== null) return running();
  ticker = startTicker(async () => soundStart(app), logger);
  firstTick = soundTick(app).catch((error: unknown) =>
    logger.error("the first tick failed", { where: "tick", error }),
  );
  await firstTick;
  if (stopping !== null) return running();
  logger.info("srm-bot is ready", {
    platforms: frontEnds.map((f) => f.platform),
    port: server.port,
    database: config.postgres ? "postgres" : config.dbPath,
  });
  return running();
}

/**
 * The lock a SQLite file's processes hold, so a restore waits for them; none on PostgreSQL, where replicas
 * share the database by design and the server keeps it whole.
 */
function runLockFor(config: Config): RunLock | null {
  return config.postgres ? null : holdRunLock(config.dbPath);
}

/** Opens the app under a held run lock, releasing the lock if the database cannot be opened. */
async function openAppHolding(lock: RunLock | null, config: Config, env: AppEnvironment): Promise<App> {
  try {
    return await openApp(config, env);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** The scheduled work, skipped while the database file is gone or damaged (the watch has said so, once). */
/** The database's readiness: open, and still the sound file it was opened as. */
function databaseCheck(app: App): ReadinessCheck {
  return {
    name: "database",
    ready: () => app.database.ready(),
    state: () => app.database.state(),
  };
}

/** Runs everything due now and waits for it; nothing while the database file is not sound. */
async function soundTick(app: App): Promise<void> {
  if (app.storage.problem() === null) await app.engine.tick();
}

/** Starts each channel's due work (the scheduler's tick); nothing while the database file is not sound. */
function soundStart(app: App): void {
  if (app.storage.problem() === null) app.engine.startDue();
}

async function settle(step: Promise<void>, logger: Logger, what: string): Promise<void> {
  try {
    await step;
  } catch (error) {
    logger.error(`${what} failed`, { where: "stop", error });
  }
}

/** Registers the Discord commands (`srm discord register`). */
export async function registerDiscord(config: DiscordConfig, logger: Logger) {
  return registerDiscordCommands(config, logger);
}
