import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The srm-bot checkout the tests run from. */
export const ROOT = join(import.meta.dirname, "..", "..");

/** What a finished `srm` process printed and how it ended. */
export interface SrmRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs `node bin/srm.js <args>` as an operator would, in `cwd`, with only the given settings in the
 * environment (nothing of the test runner's leaks in), feeding `input` to standard input.
 */
export function srm(
  args: readonly string[],
  o: { cwd: string; env?: Readonly<Record<string, string>>; input?: string; bin?: string },
): Promise<SrmRun> {
  const child = spawn(process.execPath, [o.bin ?? join(ROOT, "bin", "srm.js"), ...args], {
    cwd: o.cwd,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? tmpdir(),
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      ...o.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString("utf8");
  });
  child.stdin.end(o.input ?? "");
  return new Promise((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, out, err }));
  });
}
