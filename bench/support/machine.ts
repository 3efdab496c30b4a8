// The machine a benchmark ran on, printed at its top so that every figure travels with its context.
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/** Which mount (device and file system) holds `path`, from /proc/mounts; null where that is not readable. */
export function diskOf(path: string): string | null {
  let mounts: string[][];
  try {
    mounts = readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((l) => l.split(" "));
  } catch {
    return null;
  }
  let best: string[] | null = null;
  for (const m of mounts) {
    const at = m[1];
    if (at === undefined || !(path === at || path.startsWith(at.endsWith("/") ? at : `${at}/`))) continue;
    if (!best || at.length > (best[1] ?? "").length) best = m;
  }
  return best ? `${best[0]} (${best[2]}) mounted at ${best[1]}` : null;
}

/** One line about the machine and how busy it is right now (the load average counts other processes too). */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, load average ${load}`;
}

/** Prints the benchmark's title and the machine line. */
export function header(title: string): void {
  console.log(title);
  console.log(`  machine: ${machineLine()}`);
}
