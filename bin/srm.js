#!/usr/bin/env node
// Runs the compiled CLI (dist/, from npm run build) when it is there and not older than the TypeScript
// sources; otherwise the sources through tsx, a development dependency. A built install (the Docker image,
// the systemd recipe) therefore never needs tsx, and a checkout being edited never runs a stale build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// A reader that stops early (| head) closes the pipe; that ends the output, not the program with a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = join(root, "dist", "src", "cli.js");
const sources = join(root, "src", "cli.ts");

/** The newest modification time of the .ts files under the given folders (0 when there are none). */
function newestSource(folders) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const folder of folders) if (existsSync(folder)) walk(folder);
  return newest;
}

const hasBuild = existsSync(built);
const hasSources = existsSync(sources);
const buildIsCurrent =
  hasBuild &&
  (!hasSources || statSync(built).mtimeMs >= newestSource([join(root, "src"), join(root, "adapters")]));

let cli;
if (buildIsCurrent || !hasSources) {
  cli = await import(pathToFileURL(built).href);
} else {
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch (error) {
    if (error.code !== "ERR_MODULE_NOT_FOUND") throw error;
    process.stderr.write(
      hasBuild
        ? "srm: dist/ is older than src/ and tsx (a development dependency) is not installed. Run npm run build.\n"
        : "srm: there is no build (dist/) and tsx is not installed. Run npm ci && npm run build.\n",
    );
    process.exit(1);
  }
  tsx.register();
  cli = await import(pathToFileURL(sources).href);
}
const code = await cli.runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
