import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lookupJson } from "../../src/commands/lookup-json.js";
import { loadConfig } from "../../src/config.js";
import { ContentInvalid, formatProblem } from "../../src/knowledge/content-file.js";
import { loadContent } from "../../src/main.js";
import { realLookup } from "../support/app.js";

const lookup = realLookup();

function concept(text: string) {
  const r = lookup.lookup(text);
  if (r.kind !== "concept")
    throw new Error(`"${text}" gave ${r.kind}, not a concept:\n${lookupJson(r).text}`);
  return r;
}

function contentCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "srm-concepts-")), "questions");
  cpSync(loadConfig({}).contentDir, dir, { recursive: true });
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadContent(dir);
  } catch (error) {
    if (error instanceof ContentInvalid) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe("the model's own concepts answer as themselves", () => {
  it.each([
    ["security of the cloud", "security-of-the-cloud", "aws"],
    ["what is aws responsible for", "security-of-the-cloud", "aws"],
    ["security in the cloud", "security-in-the-cloud", "customer"],
    ["what is the customer responsible for", "security-in-the-cloud", "customer"],
    ["shared controls", "shared-controls", "shared"],
    ["inherited controls", "inherited-controls", "aws"],
    ["customer specific controls", "customer-specific-controls", "customer"],
    ["who handles environmental controls", "environmental-controls", "aws"],
    ["database schema", "database-schema", "customer"],
    ["who designs the schema on rds", "database-schema", "customer"],
    ["penetration testing", "penetration-testing", "customer"],
    ["do i need approval for a pen test", "penetration-testing", "customer"],
    ["ip spoofing", "ip-spoofing-packet-sniffing", "aws"],
    ["who protects against packet sniffing", "ip-spoofing-packet-sniffing", "aws"],
  ])("%s", (text, id, owner) => {
    const r = concept(text);
    expect(r.concept.id).toBe(id);
    const json = lookupJson(r);
    expect(json.status).toBe("answer");
    expect(json.owner).toBe(owner);
    expect(json.text.split("\n")[0]).toContain(
      `${r.concept.name}: ${{ aws: "AWS", customer: "Customer", shared: "Shared" }[owner]}`,
    );
    expect(json.sources.length).toBeGreaterThan(0);
    expect(json.suggestions.length).toBeGreaterThan(0);
    expect(json.text).toContain(`/srm ${json.suggestions[0]}`);
  });

  it('"model" alone is not taken for the shared responsibility model, so "foundation model" stays Bedrock\'s', () => {
    const r = lookup.lookup("foundation model");
    expect(r.kind === "service-stack" && r.service.id).toBe("bedrock");
  });

  it("the shared responsibility model itself is an overview with no single owner", () => {
    for (const text of [
      "shared responsibility model",
      "srm model",
      "what is the shared responsibility model",
    ]) {
      const json = lookupJson(lookup.lookup(text));
      expect(json.status, text).toBe("overview");
      expect(json.owner, text).toBeNull();
      expect(json.text.split("\n")[0], text).toMatch(/^The shared responsibility model: how AWS/);
      expect(json.sources).toContain("https://aws.amazon.com/compliance/shared-responsibility-model/");
    }
  });

  it("two ideas of the model asked together get the model's overview", () => {
    expect(concept("security of the cloud vs security in the cloud").concept.id).toBe(
      "shared-responsibility-model",
    );
    expect(concept("inherited controls and shared controls").concept.id).toBe("shared-responsibility-model");
  });

  it("a concept's examples show the owner each lookup gives", () => {
    const text = lookupJson(concept("security of the cloud")).text;
    expect(text).toContain("/srm ec2 host-os: AWS");
    expect(lookupJson(concept("shared controls")).text).toContain("/srm ec2 guest-os-patching: Customer");
  });

  it("a word nobody knows beside a concept is still unknown, and the concept is named as understood", () => {
    const r = lookup.lookup("shared controls frobnicate");
    expect(r.kind).toBe("unknown");
    if (r.kind !== "unknown") return;
    expect(r.unknown).toEqual(["frobnicate"]);
    expect(r.understood).toContain("Shared controls");
  });

  it("a concept never takes a question that names a service or an area it can answer", () => {
    expect(lookup.lookup("patching").kind).toBe("area-table");
    const stack = lookup.lookup("ec2 shared responsibility");
    expect(stack.kind === "service-stack" && stack.service.id).toBe("ec2");
    const cell = lookup.lookup("security in the cloud for ec2 os patching");
    expect(cell.kind === "answer" && [cell.service?.id, cell.area.id, cell.owner]).toEqual([
      "ec2",
      "guest-os-patching",
      "customer",
    ]);
  });

  it("a duty named beside a service is still the duty; beside an unrelated area, that area answers", () => {
    expect(concept("ec2 penetration testing").concept.id).toBe("penetration-testing");
    expect(concept("dynamodb table design").concept.id).toBe("database-schema");
    expect(concept("environmental controls in aws data centers").concept.id).toBe("environmental-controls");
    const table = lookup.lookup("environmental controls encryption");
    expect(table.kind === "area-table" && table.area.id).toBe("encryption-at-rest");
  });

  it.each([
    ["firmware", "hardware"],
    ["decommissioning storage devices", "hardware"],
    ["availability zone security", "global-infrastructure"],
    ["edge location security", "global-infrastructure"],
  ])("%s is answered by its area, owned by AWS", (text, area) => {
    const r = lookup.lookup(text);
    expect(r.kind === "answer" && [r.service, r.area.id, r.owner]).toEqual([null, area, "aws"]);
  });
});

describe("areas AWS names shared controls", () => {
  it.each(["patch management", "configuration management"])(
    "%s across services leads with the shared control and its source before the comparison",
    (text) => {
      const r = lookup.lookup(text);
      // A table, or one owner for most services with the exceptions listed.
      expect(r.kind === "area-table" || (r.kind === "answer" && r.service === null)).toBe(true);
      const json = lookupJson(r);
      const lines = json.text.split("\n");
      expect(lines[1]).toMatch(/^AWS names .+ a shared control/);
      expect(lines[1]).toContain("https://aws.amazon.com/compliance/shared-responsibility-model/");
      expect(json.sources).toEqual(["https://aws.amazon.com/compliance/shared-responsibility-model/"]);
    },
  );

  it("awareness and training, one shared owner for every service, says it is a shared control first", () => {
    const json = lookupJson(lookup.lookup("awareness and training"));
    expect(json.owner).toBe("shared");
    expect(json.text.split("\n")[1]).toMatch(/^AWS names awareness and training a shared control/);
  });

  it("a table of an area that is not a shared control, or one service's cell, carries no such line", () => {
    expect(lookupJson(lookup.lookup("encryption at rest")).text).not.toContain("shared control:");
    expect(lookupJson(lookup.lookup("ec2 patching")).text).not.toContain("AWS names");
  });
});

describe("questions check reads the concepts file", () => {
  it("reports an example lookup that does not exist, with file and line", () => {
    const dir = contentCopy();
    const path = join(dir, "matrix", "concepts.yaml");
    const text = readFileSync(path, "utf8");
    writeFileSync(
      path,
      text.replace("[rds customer-data, aurora customer-data", "[rds customer-dta, aurora customer-data"),
    );
    const line =
      text.split("\n").findIndex((l) => l.includes("[rds customer-data, aurora customer-data")) + 1;
    expect(problemsOf(dir)).toEqual([
      `questions/matrix/concepts.yaml:${line}: example "rds customer-dta": unknown area "customer-dta" (did you mean "customer-data"?)`,
    ]);
  });

  it("reports a concept alias that already names an area", () => {
    const dir = contentCopy();
    const path = join(dir, "matrix", "concepts.yaml");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("[shared controls, shared control,", "[shared controls, patching,"),
    );
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^questions\/matrix\/concepts\.yaml:\d+: alias "patching" already names a service or area/,
      ),
    ]);
  });

  it("reports a concept that breaks the schema", () => {
    const dir = contentCopy();
    const path = join(dir, "matrix", "concepts.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("    owner: shared\n", "    owner: everyone\n"));
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^questions\/matrix\/concepts\.yaml:\d+: .*owner: must be one of aws, customer, shared/,
      ),
    ]);
  });
});
