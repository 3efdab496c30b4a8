import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { applyMigrations } from "../../src/store/migrate.js";

const root = join(import.meta.dirname, "..", "..");
const { migrationsDir } = loadConfig({});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("the practice store", () => {
  it("ts-fsrs is imported only under src/practice/", () => {
    const offenders = ["src", "adapters"]
      .flatMap((d) => sourceFiles(join(root, d)))
      .map((p) => relative(root, p))
      .filter((f) => !f.startsWith("src/practice/"))
      .filter((f) =>
        /(?:^|\n)\s*(?:import|export)[^;]*?from\s+["']ts-fsrs["']/.test(readFileSync(join(root, f), "utf8")),
      );
    expect(offenders).toEqual([]);
  });

  it.each([
    [
      "a person's due cards",
      "SELECT id FROM practice_cards WHERE platform = ? AND workspace = ? AND user_id = ? AND due <= ? ORDER BY due, id",
    ],
    [
      "a person's card of an item",
      "SELECT id FROM practice_cards WHERE platform = ? AND workspace = ? AND user_id = ? AND item_kind = ? AND item_id = ?",
    ],
    ["a card's latest review", "SELECT id FROM practice_reviews WHERE card_id = ? ORDER BY id DESC LIMIT 1"],
    ["a round's reviews", "SELECT id FROM practice_reviews WHERE round_id = ?"],
    [
      "a channel's active members",
      "SELECT DISTINCT a.user_id FROM rounds r JOIN answers a ON a.round_id = r.id WHERE r.platform = ? AND r.workspace = ? AND r.channel = ? AND r.kind = 'channel' AND a.answered_at >= ?",
    ],
  ])("%s use an index, not a full scan", (_name, sql) => {
    const { db } = openDatabase(":memory:", migrationsDir);
    const args = [...sql.matchAll(/\?/g)].map(() => "x");
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
      .map((r) => r.detail)
      .join("\n");
    expect(plan).not.toMatch(/SCAN (practice_cards|practice_reviews|rounds|answers|r|a)\b(?! USING)/);
    expect(plan).not.toContain("TEMP B-TREE FOR ORDER BY");
    db.close();
  });

  it("channel settings written before the practice migration get rotation and no digest", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-practice-"));
    for (const f of readdirSync(migrationsDir).filter((n) => n < "0003"))
      copyFileSync(join(migrationsDir, f), join(dir, f));
    const db = new Database(":memory:");
    applyMigrations(db, dir);
    db.prepare(
      "INSERT INTO channel_settings (platform, workspace, channel, speed_bonus) VALUES ('slack', 'W1', 'C1', 1)",
    ).run();
    applyMigrations(db, migrationsDir);
    expect(
      db.prepare("SELECT speed_bonus, question_pick, weekly_digest FROM channel_settings").get(),
    ).toEqual({
      speed_bonus: 1,
      question_pick: "rotation",
      weekly_digest: 0,
    });
    db.close();
  });
});

describe("the practice words of /srm", () => {
  it("read as practice, review, cram, sure and drill; anything else stays a lookup", () => {
    const read = (text: string) => {
      const r = REGISTRY.read(text);
      return r.ok ? { command: r.command.name, args: r.args } : { usage: r.usage, problem: r.problem };
    };
    expect(read("/srm practise")).toEqual({ command: "practice", args: {} });
    expect(read("review")).toEqual({ command: "review", args: {} });
    expect(read("cram ecs on fargate")).toEqual({ command: "cram", args: { service: "ecs on fargate" } });
    expect(read("cram")).toEqual({ command: "cram", args: {} });
    expect(read("sure CERTAIN")).toEqual({ command: "sure", args: { level: "certain" } });
    expect(read("sure")).toEqual({ usage: "sure", problem: "Say how sure you were" });
    expect(read("drill")).toEqual({ usage: "drill", problem: "Name a service and an area" });
    expect(read("drill ec2 os-patching")).toEqual({ command: "drill", args: { service: "ec2 os-patching" } });
    expect(read("reviews of ec2")).toEqual({ command: "ask", args: { text: "reviews of ec2" } });
  });
});
