// Bots under measurement run in child processes, so that the fakes and the load do not share their CPU
// and each process's CPU time and memory are its own. A small request/reply protocol over the IPC channel.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";

/** What a child answers to: its own handlers, and `cpu`, `memory` and `stop` for every child. */
export type Handlers = Record<string, (arg: never) => unknown>;

interface Call {
  readonly id: number;
  readonly kind: string;
  readonly arg?: unknown;
}
type Answer =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string }
  | { readonly id: 0; readonly ready: true };

/** CPU time (user and system) the process has used so far, in microseconds. */
export function cpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}

/** In the child: answers the parent's calls until told to stop; `onStop` runs before the process exits. */
export function serve(handlers: Handlers, onStop: () => Promise<void> | void = () => {}): void {
  const send = (a: Answer) => process.send?.(a);
  const builtIn: Handlers = { cpu: () => cpuMicros(), memory: () => process.memoryUsage() };
  process.on("message", async (m: Call) => {
    if (m.kind === "stop") {
      await onStop();
      send({ id: m.id, ok: true, value: null });
      // Exiting writes the CPU profile when one was asked for.
      process.exit(0);
    }
    const handler = handlers[m.kind] ?? builtIn[m.kind];
    try {
      if (!handler) throw new Error(`no handler for "${m.kind}"`);
      send({ id: m.id, ok: true, value: await handler(m.arg as never) });
    } catch (error) {
      send({
        id: m.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
  // Should the parent die, the child must not linger holding its ports.
  process.on("disconnect", () => process.exit(1));
  send({ id: 0, ready: true });
}

/** The parent's handle on one child. */
export class Child {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    readonly role: string,
    private readonly child: ChildProcess,
  ) {
    child.on("message", (a: Answer) => {
      if ("ready" in a) return;
      const w = this.waiting.get(a.id);
      this.waiting.delete(a.id);
      if (a.ok) w?.resolve(a.value);
      else w?.reject(new Error(`${role}: ${a.error}`));
    });
    child.on("exit", (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`${role} exited (${code}) before answering`));
      this.waiting.clear();
    });
  }

  /**
   * Forks `file` with `args` and waits until it serves. With SRM_BENCH_CPU_PROF=<dir> in the environment the
   * child writes V8 CPU profiles into <dir>/<role>/ when it stops (the largest is its main thread); open one in
   * Chrome DevTools, or read it with `node --import tsx bench/support/profile-top.ts <file>`.
   */
  static async start(file: string, role: string, args: readonly string[] = []): Promise<Child> {
    const profileDir = process.env.SRM_BENCH_CPU_PROF;
    // tsx's ESM hooks only, as bin/srm.js runs the sources: its CommonJS hook would tax every require() that
    // libraries make at run time (discord.js requires lazily on each reply), which production does not pay.
    const execArgv = ["--import", "tsx/esm"];
    if (profileDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${join(profileDir, role)}`);
    const child = fork(file, [...args], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const handle = new Child(role, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${role} did not start within 60 s`)), 60_000);
      child.on("message", (a: Answer) => {
        if ("ready" in a) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${role} exited (${code}) while starting`));
      });
    });
    return handle;
  }

  /** The child's process id. */
  get pid(): number {
    return this.child.pid as number;
  }

  /** Calls one of the child's handlers and resolves with its answer. */
  call<T>(kind: string, arg?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, kind, arg } satisfies Call);
    });
  }

  /** CPU time the child has used so far, in microseconds. */
  cpu(): Promise<number> {
    return this.call<number>("cpu");
  }

  /** Stops the child and waits for it to exit; a child that hangs is ended after 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    this.call("stop").catch(() => {});
    await exited;
    clearTimeout(timer);
  }
}

/** How many answer rows a round has, and from how many people: a burst must record each person once. */
export function answerCounts(
  db: { prepare(sql: string): { get(...args: unknown[]): unknown } },
  round: number,
) {
  return db
    .prepare("SELECT COUNT(*) AS rows, COUNT(DISTINCT user_id) AS people FROM answers WHERE round_id = ?")
    .get(round);
}
