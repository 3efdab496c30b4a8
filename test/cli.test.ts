import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli.js";
import { loadConfig } from "../src/config.js";
import { memoryApp, sink } from "./support/app.js";
import { playRound } from "./support/people.js";

async function cli(args: string[], env: Record<string, string> = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** A copy of questions/ that a test may break. */
function contentCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "srm-content-")), "questions");
  cpSync(loadConfig({}).contentDir, dir, { recursive: true });
  return dir;
}

describe("srm lookup", () => {
  it("answers from the shell", async () => {
    const r = await cli(["lookup", "ec2", "os-patching"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Customer: Amazon EC2 · Guest OS patching/);
  });

  it("--json prints the stable contract", async () => {
    const r = await cli(["lookup", "/srm", "ec2", "os-patching", "--json"]);
    const json = JSON.parse(r.out);
    expect(Object.keys(json).sort()).toEqual([
      "area",
      "headline_owner",
      "in_practice",
      "owner",
      "service",
      "sources",
      "split",
      "status",
      "suggestions",
      "text",
    ]);
    expect(json).toMatchObject({
      status: "answer",
      owner: "customer",
      service: { id: "ec2", name: "Amazon EC2" },
      area: { id: "guest-os-patching", name: "Guest OS patching" },
    });
    expect(json.text).toMatch(/^Customer: Amazon EC2/);
    expect(json.sources.length).toBeGreaterThan(0);
  });

  it("--json carries the exam's headline owner and, beside it, the cases where the customer acts", async () => {
    const plain = JSON.parse((await cli(["lookup", "rds", "engine", "patching", "--json"])).out);
    expect(plain).toMatchObject({ owner: "aws", headline_owner: "aws" });
    expect(plain.in_practice).toMatch(/maintenance window.*major version upgrade/);
    expect(plain.split).toContainEqual({
      condition: "major-version-upgrade",
      when: expect.stringMatching(/major engine version/),
      owner: "customer",
    });
    expect(plain.text.split("\n")[1]).toMatch(/^In practice: you choose the maintenance window/);
    const major = JSON.parse((await cli(["lookup", "rds", "major", "version", "upgrade", "--json"])).out);
    expect(major).toMatchObject({ owner: "customer", headline_owner: "aws", in_practice: null });
    const none = JSON.parse((await cli(["lookup", "ec2", "security", "groups", "--json"])).out);
    expect(none).toMatchObject({
      owner: "customer",
      headline_owner: "customer",
      in_practice: null,
      split: [],
    });
  });

  it("exits 0 for unknown and clarify answers too", async () => {
    const unknown = await cli(["lookup", "quantum-ledger", "--json"]);
    expect(unknown.code).toBe(0);
    expect(JSON.parse(unknown.out)).toMatchObject({
      status: "unknown",
      owner: null,
      service: null,
      area: null,
    });
    const clarify = await cli(["lookup", "ecs", "--json"]);
    expect(JSON.parse(clarify.out).status).toBe("clarify");
    const overview = await cli(["lookup", "rds", "--json"]);
    expect(JSON.parse(overview.out)).toMatchObject({ status: "overview", service: { id: "rds" } });
  });
});

describe("the srm command line", () => {
  it("--help explains each command; an unknown command exits 2 with usage", async () => {
    expect((await cli(["--help"])).out).toContain("srm lookup <words...> [--json]");
    expect((await cli(["lookup", "--help"])).out).toContain("--json prints");
    const bad = await cli(["frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "frobnicate"');
  });

  it("a wrong setting stops it with the setting's name and the fix", async () => {
    const r = await cli(["lookup", "ec2"], { LOG_LEVEL: "loud" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("LOG_LEVEL");
  });

  it("srm db migrate creates the database and says so", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const first = await cli(["db", "migrate"], { SRM_DB: db });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Applied 0001_lookups/);
    const second = await cli(["db", "migrate"], { SRM_DB: db });
    expect(second.out).toContain("is up to date");
  });

  it("srm db migrate refuses a database whose applied migration no longer matches its file, and says what to do", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    await cli(["db", "migrate"], { SRM_DB: db });
    const raw = new Database(db);
    raw.prepare("UPDATE schema_migrations SET checksum = ? WHERE version = 3").run("0".repeat(64));
    raw.close();
    const r = await cli(["db", "migrate"], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /srm: migrations\/0003_practice\.sql has changed since it was applied to this database/,
    );
  });

  it("srm db migrate records the checksums of a database migrated before they were kept", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    await cli(["db", "migrate"], { SRM_DB: db });
    const raw = new Database(db);
    raw.exec("ALTER TABLE schema_migrations DROP COLUMN checksum");
    raw.close();
    const r = await cli(["db", "migrate"], { SRM_DB: db });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /Recorded the checksums of 0001_lookups, .*_[a-z_]+ \(applied by an earlier release\)/,
    );
    expect(r.out).toContain("is up to date");
  });

  it("srm db verify confirms the scores, and names a score that drifted from the answers", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann"], []);
    await app.close();
    expect((await cli(["db", "verify"], { SRM_DB: db })).out).toContain("every score equals a recomputation");
    const raw = new Database(db);
    raw.prepare("UPDATE scores SET points = 99 WHERE user_id = 'ann' AND period = 'all'").run();
    raw.close();
    const r = await cli(["db", "verify"], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toContain("differs: slack|W1|all|ann");
  });

  it("srm start with no terminal and no platform settings says what to do", async () => {
    const r = await cli(["start"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("srm terminal");
  });
});

describe("srm questions check and malformed content", () => {
  it("passes on the shipped content and says what it checked", async () => {
    const r = await cli(["questions", "check"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ services, \d+ areas, \d+ cells checked/);
  });

  it("a wrong owner is reported with file, line and what is wrong", async () => {
    const dir = contentCopy();
    const file = join(dir, "matrix", "cells", "ec2.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => /^\s+owner: /.test(l));
    lines[at] = lines[at]?.replace(/owner: \w+/, "owner: amazon") ?? "";
    writeFileSync(file, lines.join("\n"));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`questions/matrix/cells/ec2.yaml:${at + 1}: `);
    expect(r.err).toContain("must be one of aws, customer, shared");
  });

  it("broken YAML stops start-up with the file and line", async () => {
    const dir = contentCopy();
    const file = join(dir, "matrix", "areas.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n  - id: [unclosed\n`);
    const r = await cli(["lookup", "ec2"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/questions\/matrix\/areas\.yaml:\d+: YAML syntax/);
  });

  it("a published id that no file holds any more is reported with the rename it looks like and the fix", async () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const text = readFileSync(file, "utf8");
    const id = /- id: (\S+)/.exec(text)?.[1] as string;
    writeFileSync(file, text.replace(`- id: ${id}\n`, `- id: ${id}-v2\n`));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${id}: published, but no file under questions/scenarios holds it any more (it looks renamed to "${id}-v2"`,
    );
    expect(r.err).toContain("give the question its old id back");
    const ledger = join(dir, "question-ids.txt");
    const print = new RegExp(`^${id} (\\w+)$`, "m").exec(readFileSync(ledger, "utf8"))?.[1] as string;
    writeFileSync(ledger, readFileSync(ledger, "utf8").replace(`${id} ${print}`, `${id} ${print} retired`));
    await cli(["questions", "lock"], { SRM_CONTENT_DIR: dir });
    const after = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(after.err).toBe("");
    expect(after.code).toBe(0);
    expect(readFileSync(ledger, "utf8")).toContain(`${id} ${print} retired\n`);
  });

  it("a YAML syntax error is reported once, at its line, with a hint", async () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l, i) => i > 40 && /^\s+explanation: /.test(l));
    lines[at] = (lines[at] as string).replace("explanation: ", "explanation: Note: ");
    writeFileSync(file, lines.join("\n"));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`questions/scenarios/compute-storage.yaml:${at + 1}: YAML syntax: `);
    expect(r.err).toContain('Hint: a text holding ": " or "#" must be in quotes');
    expect(r.err.match(/YAML syntax/g)).toHaveLength(1);
  });

  it("a misspelt service or area id suggests the nearest known one", async () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("cell: ec2/guest-os-patching", "cell: ec2x/guest-os-patching")
        .replace(/cell: ebs\/([\w-]+)/, "cell: ebs/$1s"),
    );
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown service "ec2x" (did you mean "ec2"?)');
    expect(r.err).toMatch(/unknown area "[\w-]+s" \(did you mean "[\w-]+"\?\)/);
  });

  it('text learners read that names a study-notes file or says "seed" is refused at its line', async () => {
    const dir = contentCopy();
    const file = join(dir, "scenarios", "compute-storage.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => /^\s+explanation: /.test(l));
    lines[at] = `${lines[at]} As seed 002_867d46c4eb4a7334.txt says.`;
    writeFileSync(file, lines.join("\n"));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `questions/scenarios/compute-storage.yaml:${at + 1}: learners read this text: name no study-notes file`,
    );
  });

  it("a content folder with only scenarios reuses the shipped matrix", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "srm-custom-")), "content");
    cpSync(join(loadConfig({}).contentDir, "scenarios"), join(dir, "scenarios"), { recursive: true });
    cpSync(join(loadConfig({}).contentDir, "question-ids.txt"), join(dir, "question-ids.txt"));
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok: \d+ scenario questions/);
    expect((await cli(["lookup", "ec2", "os-patching"], { SRM_CONTENT_DIR: dir })).out).toMatch(/^Customer/);
  });

  it("an alias used twice and a missing cell are both reported", async () => {
    const dir = contentCopy();
    const services = join(dir, "matrix", "services.yaml");
    writeFileSync(services, readFileSync(services, "utf8").replace("aliases: [s3,", "aliases: [s3, ec2,"));
    const cells = join(dir, "matrix", "cells", "sqs.yaml");
    writeFileSync(
      cells,
      readFileSync(cells, "utf8").replace(/\n {2}security-groups:/, "\n  xsecurity-groups:"),
    );
    const r = await cli(["questions", "check"], { SRM_CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/services\.yaml:\d+: alias "ec2" already names service ec2/);
    expect(r.err).toMatch(/sqs\.yaml:\d+: unknown area "xsecurity-groups"/);
  });
});
