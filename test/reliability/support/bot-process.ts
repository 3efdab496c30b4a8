import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** The signing secret and bot token every child bot shares with the fake Slack. */
export const CHILD_SECRET = "child-signing-secret-0123456789";
export const CHILD_TOKEN = "xoxb-child-bot-token";

/** How long a child bot may take to come up: it compiles TypeScript at start, slowly on a busy machine. */
const START_WITHIN_MS = 60_000;

/** A free TCP port on loopback (released just before the child binds it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh database path in its own temporary folder. */
export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), "srm-reliability-")), "srm.db");
}

/** Removes a database made by `tempDb`, with its folder (WAL, shared memory and lock files included). */
export function removeTempDb(path: string): void {
  rmSync(dirname(path), { recursive: true, force: true });
}

/** What a child bot runs with. */
export interface BotProcessOptions {
  readonly dbPath: string;
  /** The fake Slack's Web API base URL (SLACK_API_URL): the bot runs Slack in HTTP mode against it. */
  readonly apiUrl?: string;
  /** Other settings (Discord's, say), added to the environment as they are. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly admins?: readonly string[];
}

/**
 * `node bin/srm.js start` as a child process, exactly as an operator runs it (Slack in HTTP mode, or
 * whatever `settings` configure), with a minimal environment: nothing of the parent's settings leaks in.
 */
export class BotProcess {
  private output = "";
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  /** Resolves when the process has exited, however it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.stdout?.on("data", (c: Buffer) => {
      this.output += c.toString("utf8");
    });
    child.stderr?.on("data", (c: Buffer) => {
      this.output += c.toString("utf8");
    });
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
  }

  /** Spawns the bot and resolves once /readyz says it is ready; rejects (with its output) if it exits first. */
  static async start(o: BotProcessOptions): Promise<BotProcess> {
    const bot = await BotProcess.spawn(o);
    await bot.untilReady();
    return bot;
  }

  /** Spawns the bot without waiting for it to be ready. */
  static async spawn(o: BotProcessOptions): Promise<BotProcess> {
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? tmpdir(),
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      SRM_DB: o.dbPath,
      PORT: String(port),
      SRM_ADMINS: (o.admins ?? []).join(","),
      LOG_LEVEL: "info",
      ...(o.apiUrl
        ? { SLACK_BOT_TOKEN: CHILD_TOKEN, SLACK_SIGNING_SECRET: CHILD_SECRET, SLACK_API_URL: o.apiUrl }
        : {}),
      ...o.settings,
    };
    const child = spawn(process.execPath, [join(ROOT, "bin", "srm.js"), "start"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new BotProcess(child, port);
  }

  /** Resolves once /readyz says 200; rejects (with the output) if the bot exits first or takes too long. */
  async untilReady(): Promise<void> {
    await this.until(() => this.ready(), "ready");
  }

  /** Resolves once `path` answers at all (any status): the bot's HTTP server is up. */
  async untilServing(path = "/healthz"): Promise<void> {
    await this.until(async () => (await this.get(path)) !== null, `serving ${path}`);
  }

  private async until(condition: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = performance.now() + START_WITHIN_MS;
    while (!(await condition())) {
      if (this.exitInfo)
        throw new Error(`the bot exited before ${what} (${JSON.stringify(this.exitInfo)}):\n${this.log}`);
      if (performance.now() > deadline) {
        await this.kill();
        throw new Error(`the bot was not ${what} within ${START_WITHIN_MS} ms:\n${this.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** GET `path` on the bot's port: status and text, or null when nothing answers. */
  async get(path: string): Promise<{ status: number; text: string } | null> {
    try {
      const r = await fetch(`http://127.0.0.1:${this.port}${path}`, { signal: AbortSignal.timeout(1_000) });
      return { status: r.status, text: await r.text() };
    } catch {
      return null;
    }
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** The memory the process holds now (VmRSS from /proc), in MiB. */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
    if (!Number.isFinite(kib)) throw new Error(`no VmRSS for process ${this.pid}`);
    return kib / 1024;
  }

  /** Everything the bot printed (its JSON log lines). */
  get log(): string {
    return this.output;
  }

  /** Whether the process is still running. */
  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** The Slack endpoint of this bot. */
  get eventsUrl(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  /** Whether /readyz answers 200 now. */
  async ready(): Promise<boolean> {
    if (!this.alive) return false;
    try {
      const r = await fetch(`http://127.0.0.1:${this.port}/readyz`, { signal: AbortSignal.timeout(1_000) });
      return r.status === 200;
    } catch {
      return false;
    }
  }

  /** kill -9: no shutdown, no checkpoint, no lock released. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM: the clean stop; resolves to the exit code. */
  async stop(): Promise<number | null> {
    if (this.alive) this.child.kill("SIGTERM");
    return (await this.exited).code;
  }
}
