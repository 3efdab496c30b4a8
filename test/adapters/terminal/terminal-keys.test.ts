import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { TerminalAnnouncer, TerminalFrontEnd } from "../../../adapters/terminal/terminal.js";
import { databaseInUse } from "../../../src/store/run-lock.js";
import { memoryApp, sink } from "../../support/app.js";
import { ROOT } from "../../support/srm-process.js";

/** A terminal session on an in-memory app; `keys` is written as typed, or as lines when piped. */
async function session(keys: string, o: { atTerminal?: boolean } = {}) {
  const app = memoryApp();
  const input = new PassThrough();
  const output = sink();
  const announcer = new TerminalAnnouncer(output);
  // The terminal's channel messages go to its own output, as in `srm terminal`.
  app.announcer.post = (channel, card) => announcer.post(channel, card);
  app.announcer.update = (channel, ref, card) => announcer.update(channel, ref, card);
  const done = new TerminalFrontEnd({
    engine: app.engine,
    input,
    output,
    announcer,
    prompt: o.atTerminal ?? false,
  }).run();
  input.write(keys);
  if (!o.atTerminal) input.end();
  await done;
  await app.engine.idle();
  return { app, text: output.text() };
}

function answers(app: ReturnType<typeof memoryApp>) {
  return app.db.prepare("SELECT user_id, response FROM answers ORDER BY user_id").all();
}

describe("the terminal's drawn buttons", () => {
  it("typing a button's number presses it: the question of the day is answered with [2]", async () => {
    const { app, text } = await session(["/srm daily now", "/as alice", "2", ""].join("\n"));
    expect(text).toContain("[1] A   [2] B");
    expect(text).toContain("Locked in: B");
    expect(answers(app)).toEqual([{ user_id: "alice", response: expect.stringContaining("B") }]);
  });

  it("typing a button's label, in any case, presses it", async () => {
    const { app, text } = await session(["/srm daily now", "/as bob", "c", ""].join("\n"));
    expect(text).toContain("Locked in: C");
    expect(answers(app)).toEqual([{ user_id: "bob", response: expect.stringContaining("C") }]);
  });

  it("the buttons of a private question are pressed by number, and a number with no button says so", async () => {
    const { text } = await session(["/srm quiz", "9", "1", ""].join("\n"));
    expect(text).toContain("There is no button 9; the buttons drawn last are 1 to");
    expect(text).toMatch(/Correct|Not quite|The answer/);
  });
});

describe("the terminal at a keyboard", () => {
  it("the up arrow brings back the last command, and backspace edits the line", async () => {
    const { text } = await session("/srm rds\r\x1b[A\r/srm ec2 os-patchingx\x7f\r\x04", { atTerminal: true });
    expect(text.split("Amazon RDS: who owns what").length - 1).toBe(2);
    expect(text).toContain("Customer: Amazon EC2 · Guest OS patching");
  });

  it("Ctrl-C at the prompt ends the session as Ctrl-D does", async () => {
    const { text } = await session("/srm rds\r\x03/srm ec2 os-patching\r", { atTerminal: true });
    expect(text).toContain("Amazon RDS: who owns what");
    expect(text).not.toContain("Customer: Amazon EC2");
  });

  it("SIGTERM to a running srm terminal closes the database, lets go of its lock and exits 0", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "srm-terminal-")), "srm.db");
    const child = spawn(process.execPath, [join(ROOT, "bin", "srm.js"), "terminal"], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", SRM_DB: db },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Standard input stays open: the session is waiting for the next command when the signal comes.
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString("utf8");
        if (out.includes("srm-bot terminal.")) resolve();
      }),
    );
    // While it runs, the database is held: nobody may take its lock exclusively (as a restore would).
    expect(databaseInUse(db)).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(databaseInUse(db)).toBe(false);
    // Checkpointed: everything is in the database file, no write-ahead log is left.
    expect(existsSync(`${db}-wal`)).toBe(false);
  });
});
