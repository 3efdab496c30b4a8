#!/usr/bin/env node
// Runs the compiled CLI when this is a built install (dist/ without src/), else the TypeScript sources.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// A reader that stops early (| head) closes the pipe; that ends the output, not the program with a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let cli;
if (existsSync(join(root, "src", "cli.ts"))) {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import("../src/cli.ts");
} else {
  cli = await import("../dist/src/cli.js");
}
const code = await cli.runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
