import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { sink } from "../support/app.js";
import { ROOT, srm } from "../support/srm-process.js";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "srm-envfile-"));
}

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("the .env file in the working folder", () => {
  it("srm reads its settings, as .env.example says: the database goes where .env's SRM_DB points", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, ".env"), "# local settings\nSRM_DB=./from-env-file/srm.db\nLOG_LEVEL=warn\n");
    const r = await srm(["db", "migrate"], { cwd });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, "from-env-file", "srm.db"))).toBe(true);
    expect(existsSync(join(cwd, "data"))).toBe(false);
  });

  it("a variable set in the environment wins over the same one in .env", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, ".env"), "SRM_DB=./from-env-file.db\n");
    const r = await cli(["db", "migrate"], cwd, { SRM_DB: join(cwd, "from-environment.db") });
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, "from-environment.db"))).toBe(true);
    expect(existsSync(join(cwd, "from-env-file.db"))).toBe(false);
  });

  it("a line that is not NAME=value stops srm with the file, the line and the fix", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, ".env"), 'SRM_ADMINS=U1\nLOG_LEVEL warn\nMOTD="two\nlines"\n');
    const r = await cli(["db", "migrate"], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(cwd, ".env")}: line 2 is not NAME=value ("LOG_LEVEL warn")`);
    expect(r.err).toContain("Write each setting as NAME=value");
    expect(existsSync(join(cwd, "data"))).toBe(false);
    const help = await cli(["help"], cwd);
    expect(help.code).toBe(0);
    expect(help.out).toContain("srm db migrate");
  });

  it("a quoted value over several lines is read, and does not count as a bad line", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, ".env"), 'MOTD="two\nlines"\nexport SRM_DB=./quoted.db\n');
    const r = await cli(["db", "migrate"], cwd);
    expect(r.err).toBe("");
    expect(existsSync(join(cwd, "quoted.db"))).toBe(true);
  });

  it(".env.example sets no database path, so an env file given to docker or systemd keeps theirs", () => {
    const example = readFileSync(join(ROOT, ".env.example"), "utf8");
    expect(example).not.toMatch(/^\s*(export\s+)?SRM_DB\s*=/m);
    expect(example).not.toMatch(/^\s*(export\s+)?SRM_CONTENT_DIR\s*=/m);
  });
});

describe("srm --version", () => {
  it("prints the version of the package, with --version and -v", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const long = await srm(["--version"], { cwd: folder() });
    expect(long.code).toBe(0);
    expect(long.out).toBe(`${version}\n`);
    expect((await cli(["-v"], folder())).out).toBe(`${version}\n`);
  });
});
