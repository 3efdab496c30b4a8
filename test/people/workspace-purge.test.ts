import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { openPostgres } from "../../src/store/postgres/migrate.js";
import { memoryApp, sink } from "../support/app.js";
import { channel, member, playRound, say } from "../support/people.js";
import { freshDatabaseUrl } from "../support/postgres.js";

async function cli(args: string[], env: Record<string, string>) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A SQLite file where W1 and W2 each played a channel question, and Ann took a quiz in W1. */
async function studiedFile(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), "srm-purge-"));
  folders.push(folder);
  const path = join(folder, "srm.db");
  const app = memoryApp({ SRM_DB: path });
  await playRound(app, ["ann", "bob"], ["cy"]);
  await playRound(app, ["ann"], [], channel("C9", "W2"));
  await say(app, member("ann"), "quiz");
  await app.close();
  return path;
}

const rowsIn = (path: string, workspace: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return ["rounds", "scores", "streaks"].map(
      (t) => db.prepare(`SELECT count(*) FROM ${t} WHERE workspace = ?`).pluck().get(workspace) as number,
    );
  } finally {
    db.close();
  }
};

describe("srm workspace purge", () => {
  it("deletes all study data of one workspace after --yes and prints the rows per table; others stay", async () => {
    const path = await studiedFile();
    const refused = await cli(["workspace", "purge", "slack", "W1"], { SRM_DB: path });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("add --yes to go ahead");
    expect(rowsIn(path, "W1")).toEqual([2, 9, 3]);

    const done = await cli(["workspace", "purge", "slack", "W1", "--yes"], { SRM_DB: path });
    expect(done.code).toBe(0);
    expect(done.out).toContain(`Purged slack workspace W1 from ${path}; rows deleted per table:`);
    expect(done.out).toMatch(/^ {2}answers\s+3$/m);
    expect(done.out).toMatch(/^ {2}rounds\s+2$/m);
    expect(rowsIn(path, "W1")).toEqual([0, 0, 0]);
    expect(rowsIn(path, "W2")).toEqual([1, 3, 1]);

    const again = await cli(["workspace", "purge", "slack", "W1", "--yes"], { SRM_DB: path });
    expect(again.code).toBe(1);
    expect(again.err).toContain("slack workspace W1 has no study data");
  });

  it("a bad platform, a bad id, an unknown option or a missing database is named, and nothing is deleted", async () => {
    const path = await studiedFile();
    const env = { SRM_DB: path };
    expect((await cli(["workspace", "purge", "teams", "W1", "--yes"], env)).err).toContain(
      '"teams" is not a platform: give slack, discord or terminal.',
    );
    expect((await cli(["workspace", "purge", "slack", "W1;drop", "--yes"], env)).err).toContain(
      '"W1;drop" is not a workspace id',
    );
    expect((await cli(["workspace", "purge", "slack", "W1", "--force"], env)).err).toContain(
      'unknown option "--force"',
    );
    expect((await cli(["workspace", "wipe"], env)).code).toBe(2);
    expect(rowsIn(path, "W1")).toEqual([2, 9, 3]);
    const missing = await cli(["workspace", "purge", "slack", "W1", "--yes"], {
      SRM_DB: join(tmpdir(), "none", "srm.db"),
    });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("there is no database at");
    expect((await cli(["workspace", "--help"], env)).out).toContain(
      "srm workspace purge <platform> <id> --yes",
    );
  });

  it("purges on PostgreSQL when SRM_DATABASE_URL is set", async () => {
    const url = await freshDatabaseUrl();
    const { db } = await openPostgres(url, loadConfig({}).postgresMigrationsDir);
    try {
      for (const ws of ["W1", "W2"]) {
        const round = await db.one<{ id: number }>(
          "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at) " +
            "VALUES ('slack', $1, 'C1', 'channel', 'q1', '{}', 'revealed', '2026-03-02T09:00:00.000Z') RETURNING id",
          [ws],
        );
        await db.run(
          "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
            "VALUES ($1, 'ann', 'Ann', '[\"A\"]', 1, 1, 1, '2026-03-02T09:01:00.000Z')",
          [round?.id],
        );
      }
    } finally {
      await db.close();
    }
    const done = await cli(["workspace", "purge", "slack", "W1", "--yes"], { SRM_DATABASE_URL: url });
    expect(done.err).toBe("");
    expect(done.out).toMatch(
      /^Purged slack workspace W1 from PostgreSQL at 127\.0\.0\.1:\d+\/\w+; rows deleted per table:$/m,
    );
    expect(done.out).toMatch(/^ {2}answers\s+1$/m);
    expect(done.out).toMatch(/^ {2}rounds\s+1$/m);
    const unknown = await cli(["workspace", "purge", "discord", "123", "--yes"], { SRM_DATABASE_URL: url });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("discord workspace 123 has no study data in PostgreSQL at");
    const left = await cli(["workspace", "purge", "slack", "W2", "--yes"], { SRM_DATABASE_URL: url });
    expect(left.out).toMatch(/^ {2}answers\s+1$/m);
  });
});
