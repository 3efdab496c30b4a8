import { createDiscordFrontEnd } from "../adapters/discord/index.js";
import { registerDiscordCommands } from "../adapters/discord/register.js";
import { handleHealth, type ReadinessCheck, startHealthServer } from "../adapters/http/health.js";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import type { Config, DiscordConfig } from "./config.js";
import { createLogger, secretsOf } from "./log.js";
import { buildApp } from "./main.js";
import type { FrontEnd, Logger } from "./ports.js";
import { RoutingAnnouncer } from "./routing-announcer.js";
import { startTicker } from "./schedule/ticker.js";
import { holdRunLock } from "./store/run-lock.js";

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
  const ticker = startTicker(() => app.engine.tick(), logger);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      logger.info("stopping: no new commands; finishing those in flight");
      for (const f of frontEnds) await settle(f.stop(), logger, `stopping ${f.platform}`);
      await ticker.stop();
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
