// A PostgreSQL server for the benchmarks: started from the machine's own binaries in a temporary folder (the
// same harness the tests use), one database per measurement, and the server's own CPU time, read from /proc,
// so that a figure shows what the database cost as well as what the bot's process did.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { startTestPostgres, type TestPostgres } from "../../test/support/postgres-server.js";

/** One benchmark server: databases made on demand, its CPU time, and its stop. */
export interface BenchPostgres {
  /** A fresh empty database on the server; its URL. */
  database(name: string): Promise<string>;
  /**
   * From the next connection to the database on, every statement slower than `ms` writes its plan (EXPLAIN
   * ANALYZE, through auto_explain) to the server's log, for `slowPlans`.
   */
  explainSlowerThan(name: string, ms: number): Promise<void>;
  /** The slowest plan of each statement auto_explain logged so far, slowest first, at most `limit`. */
  slowPlans(limit: number): string[];
  /** Drops a database made by `database` (its connections must be closed). */
  drop(name: string): Promise<void>;
  /** CPU time (user and system) the server's processes have used so far, in microseconds. */
  cpuMicros(): number;
  /** The server's settings that bear on commit cost, as one line. */
  readonly settings: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICK_MICROS = 10_000;

/** utime, stime, cutime, cstime of one process, in ticks; zeros for a process that is gone. */
function times(pid: number): [number, number, number, number] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const at = (i: number) => Number(fields[i - 3]);
    return [at(14), at(15), at(16), at(17)];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [0, 0, 0, 0];
    throw error;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Starts a server for the benchmark (fsync off, synchronous_commit off: see the test harness's settings). */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server: TestPostgres = await startTestPostgres();
  const postmaster = Number(
    readFileSync(join(server.folder, "data", "postmaster.pid"), "utf8").split("\n")[0],
  );
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  admin.on("error", (e) => console.error("admin connection:", e));
  const version = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]
    ?.v;
  const urlOf = (name: string) => server.url.replace(/\/postgres$/, `/${name}`);
  return {
    settings: `PostgreSQL ${version}, fsync=off, synchronous_commit=off, full_page_writes=off, shared_buffers=64MB`,
    async database(name) {
      await admin.query(`CREATE DATABASE ${name}`);
      return urlOf(name);
    },
    async explainSlowerThan(name, ms) {
      for (const setting of [
        "session_preload_libraries = 'auto_explain'",
        `auto_explain.log_min_duration = ${Math.round(ms)}`,
        "auto_explain.log_analyze = on",
        "auto_explain.log_buffers = on",
      ])
        await admin.query(`ALTER DATABASE ${name} SET ${setting}`);
    },
    slowPlans(limit) {
      const log = readFileSync(join(server.folder, "server.log"), "utf8");
      const slowest = new Map<string, { ms: number; text: string }>();
      for (const entry of log.split(/\n(?=\d{4}-\d\d-\d\d )/)) {
        const ms = /duration: ([\d.]+) ms\s+plan:/.exec(entry);
        const query = /Query Text: ([^\n]*)/.exec(entry);
        if (!ms || !query) continue;
        const key = query[1] as string;
        const took = Number(ms[1]);
        if ((slowest.get(key)?.ms ?? -1) < took) slowest.set(key, { ms: took, text: entry });
      }
      return [...slowest.values()]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, limit)
        .map((p) => p.text);
    },
    async drop(name) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    cpuMicros() {
      // The postmaster's own time and that of its children already ended (cutime, cstime), plus the time of
      // the children alive now (backends, the WAL writer, autovacuum).
      const [u, s, cu, cs] = times(postmaster);
      let ticks = u + s + cu + cs;
      for (const child of childrenOf(postmaster)) {
        const [cu2, cs2] = times(child);
        ticks += cu2 + cs2;
      }
      return ticks * TICK_MICROS;
    },
    async stop() {
      if (process.env.SRM_BENCH_PG_LOG)
        console.error(
          readFileSync(join(server.folder, "server.log"), "utf8").split("\n").slice(-40).join("\n"),
        );
      await admin.end();
      await server.stop();
    },
  };
}
