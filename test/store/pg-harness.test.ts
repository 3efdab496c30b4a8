import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { postgresBinaries } from "../support/postgres-server.js";

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the tests' PostgreSQL server", () => {
  it("without PostgreSQL's binaries the setup stops with the command that installs them", () => {
    const empty = mkdtempSync(join(tmpdir(), "srm-nopg-"));
    expect(() => postgresBinaries(empty)).toThrow(/Install them with: apt-get install -y postgresql$/);
    expect(postgresBinaries()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
  });

  it("a test run killed with SIGKILL leaves no server and no folder behind", async () => {
    const script = join(mkdtempSync(join(tmpdir(), "srm-pgkill-")), "start.mts");
    writeFileSync(
      script,
      `import { startTestPostgres } from ${JSON.stringify(join(import.meta.dirname, "../support/postgres-server.ts"))};\n` +
        "const server = await startTestPostgres();\nconsole.log(JSON.stringify(server));\nsetInterval(() => {}, 1000);\n",
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const server = await new Promise<{ url: string; folder: string }>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
      child.once("exit", (code) =>
        reject(new Error(`the child exited with ${code} before starting a server`)),
      );
    });
    const port = Number(new URL(server.url).port);
    expect(await listening(port)).toBe(true);
    expect(existsSync(server.folder)).toBe(true);
    child.kill("SIGKILL");
    // The watchdog polls once a second; a loaded machine may take several.
    for (let i = 0; i < 100 && ((await listening(port)) || existsSync(server.folder)); i++) await sleep(200);
    expect(await listening(port)).toBe(false);
    expect(existsSync(server.folder)).toBe(false);
  });
});
