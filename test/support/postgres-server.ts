import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A PostgreSQL server started for one test run from the machine's own binaries. */
export interface TestPostgres {
  /** A superuser URL on 127.0.0.1 (trust authentication: the server lives only as long as the run). */
  readonly url: string;
  /** The temporary folder holding the cluster, its socket and log; removed by `stop`. */
  readonly folder: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** The newest `<root>/<major>/bin` holding initdb (Debian's layout); refuses with the install command. */
export function postgresBinaries(root = "/usr/lib/postgresql"): string {
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = majors[0];
  if (newest === undefined)
    throw new Error(
      `The PostgreSQL tests need the server binaries (initdb, postgres, pg_ctl) in ${root}/<version>/bin, ` +
        "and none are installed. Install them with: apt-get install -y postgresql",
    );
  return join(root, newest, "bin");
}

/** A port on 127.0.0.1 that nobody listens on right now. */
async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb refuses root: as root the server's files and processes belong to the `postgres` OS user. */
const asRoot = process.getuid?.() === 0;

function command(bin: string, file: string, args: readonly string[]): [string, string[]] {
  const path = join(bin, file);
  return asRoot ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, [...args]];
}

async function exec(bin: string, file: string, args: readonly string[]): Promise<void> {
  const [cmd, argv] = command(bin, file, args);
  await run(cmd, argv, { timeout: 60_000 });
}

/**
 * Settings for throwaway test data only: no fsync and no full-page writes (a crash loses the run, never a
 * team's data), enough connections for several bot processes and parallel test files.
 */
const TEST_SETTINGS = [
  "listen_addresses=127.0.0.1",
  "fsync=off",
  "synchronous_commit=off",
  "full_page_writes=off",
  "max_connections=300",
  "shared_buffers=64MB",
  "log_min_messages=warning",
] as const;

/**
 * Starts one server: initdb into a fresh temporary folder, then pg_ctl on a free port. A watchdog process
 * stops it with the folder as soon as this process is gone, so a killed test run leaves no server behind.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinaries();
  const root = mkdtempSync(join(tmpdir(), "srm-pg-"));
  chmodSync(root, 0o755);
  if (asRoot) chownSync(root, ...(await postgresIds()));
  const data = join(root, "data");
  await exec(bin, "initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [`-p ${port}`, `-k ${root}`, ...TEST_SETTINGS.map((s) => `-c ${s}`)].join(" ");
    try {
      await exec(bin, "pg_ctl", [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        data,
        "-l",
        join(root, "server.log"),
        "-o",
        options,
      ]);
    } catch (error) {
      lastError = error; // most likely the port was taken between the probe and the start: try another
      continue;
    }
    const watchdog = startWatchdog(bin, data, root);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      folder: root,
      stop: async () => {
        await exec(bin, "pg_ctl", ["stop", "-m", "fast", "-w", "-D", data]);
        watchdog.kill();
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
  rmSync(root, { recursive: true, force: true });
  throw new Error(`The test PostgreSQL server did not start (see its log in ${root}/server.log)`, {
    cause: lastError,
  });
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run("id", ["-u", "postgres"]);
  const { stdout: group } = await run("id", ["-g", "postgres"]);
  return [Number(stdout.trim()), Number(group.trim())];
}

/** A detached shell that polls this process and, once it has ended, stops the server immediately. */
function startWatchdog(bin: string, data: string, root: string): ChildProcess {
  const [cmd, argv] = command(bin, "pg_ctl", ["stop", "-m", "immediate", "-D", data]);
  const stopCommand = [cmd, ...argv].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const script = join(root, "watchdog.sh");
  writeFileSync(
    script,
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done\n` +
      `if [ -f '${data}/postmaster.pid' ]; then ${stopCommand} >/dev/null 2>&1; fi\n` +
      `rm -rf '${root}'\n`,
  );
  const child = spawn("sh", [script], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}
