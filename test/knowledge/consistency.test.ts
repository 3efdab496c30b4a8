import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Owner } from "../../src/domain/matrix.js";
import { ContentInvalid } from "../../src/knowledge/content-file.js";
import { loadMatrix } from "../../src/knowledge/load-matrix.js";
import { realContent } from "../support/app.js";

const { matrix, bank } = realContent();

/** Services of the same kind, and the areas where AWS's documentation gives them the same split. */
const SAME_KIND: readonly { name: string; services: string[]; areas: string[] }[] = [
  {
    name: "services on EC2 instances the customer runs",
    services: ["ec2", "ecs-ec2", "eks-nodes-ec2", "tier-iaas"],
    areas: [
      "guest-os-patching",
      "runtime-patching",
      "application-code",
      "encryption-in-transit",
      "key-management",
      "security-groups",
      "network-configuration",
      "backup-configuration",
      "scaling",
      "logging-monitoring",
      "configuration-management",
      "patch-management",
    ],
  },
  {
    name: "EC2-based services and Elastic Beanstalk's instances",
    services: ["ec2", "ecs-ec2", "eks-nodes-ec2", "tier-iaas", "elastic-beanstalk"],
    areas: ["encryption-in-transit", "security-groups", "logging-monitoring", "patch-management"],
  },
  {
    name: "managed relational databases",
    services: ["rds", "aurora"],
    areas: [
      "guest-os-patching",
      "database-engine-patching",
      "encryption-in-transit",
      "key-management",
      "backup-configuration",
      "backup-machinery",
      "high-availability",
      "logging-monitoring",
      "configuration-management",
      "patch-management",
    ],
  },
  {
    name: "serverless compute",
    services: ["lambda", "ecs-fargate", "eks-fargate"],
    areas: [
      "guest-os-patching",
      "application-code",
      "logging-monitoring",
      "patch-management",
      "container-images",
    ],
  },
  {
    name: "serverless services that add capacity on their own",
    services: ["lambda", "sqs", "sns", "api-gateway", "s3"],
    areas: ["guest-os-patching", "scaling", "application-code", "logging-monitoring"],
  },
];

function ownerOf(serviceId: string, areaId: string): Owner | null {
  const service = matrix.services.find((s) => s.id === serviceId);
  const area = matrix.areas.find((a) => a.id === areaId);
  if (!service || !area) throw new Error(`unknown cell ${serviceId}/${areaId}`);
  const { cell } = matrix.cell(service, area);
  return cell.applies ? cell.owner : null;
}

describe("headlines that agree across services of the same kind", () => {
  for (const group of SAME_KIND) {
    it(`${group.name} give the same owner wherever they share the split`, () => {
      const disagreements = group.areas.flatMap((area) => {
        const owners = group.services.map((s) => `${s}: ${ownerOf(s, area)}`);
        return new Set(group.services.map((s) => ownerOf(s, area))).size > 1
          ? [`${area} (${owners.join(", ")})`]
          : [];
      });
      expect(disagreements).toEqual([]);
    });
  }

  it("no contrast drill offers a distractor with the same owner as its key, or one of the key's own kind", () => {
    const contrasts = bank.drills.filter((q) => q.id.startsWith("contrast-"));
    expect(contrasts.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const q of contrasts) {
      const key = q.choices.findIndex((c) => c.correct);
      const keyCell = q.cells[key];
      if (!keyCell) throw new Error(`${q.id} has no key cell`);
      const keyOwner = ownerOf(keyCell.service, keyCell.area);
      q.cells.forEach((cell, i) => {
        if (i === key) return;
        if (ownerOf(cell.service, cell.area) === keyOwner)
          problems.push(`${q.id}: ${cell.service} is ${keyOwner} too`);
        const kin = SAME_KIND.some(
          (g) =>
            g.areas.includes(cell.area) &&
            g.services.includes(cell.service) &&
            g.services.includes(keyCell.service),
        );
        if (kin) problems.push(`${q.id}: ${cell.service} has the same split as ${keyCell.service}`);
      });
    }
    expect(problems).toEqual([]);
  });
});

describe("the exam's answer as the headline", () => {
  it.each([
    ["rds", "database-engine-patching", "aws"],
    ["rds", "guest-os-patching", "aws"],
    ["aurora", "database-engine-patching", "aws"],
    ["aurora", "guest-os-patching", "aws"],
    ["lambda", "runtime-patching", "aws"],
    ["lambda", "scaling", "aws"],
    ["sqs", "scaling", "aws"],
    ["api-gateway", "scaling", "aws"],
    ["eks-nodes-ec2", "guest-os-patching", "customer"],
  ])("%s %s is %s, with an In practice line for the cases that differ", (service, area, owner) => {
    expect(ownerOf(service, area)).toBe(owner);
    const s = matrix.services.find((x) => x.id === service);
    const a = matrix.areas.find((x) => x.id === area);
    if (!s || !a) throw new Error("unknown cell");
    const { cell } = matrix.cell(s, a);
    expect(cell.applies && cell.inPractice).toBeTruthy();
  });
});

describe("the In practice line", () => {
  it("a cell whose headline is AWS but whose case is the customer's does not load without one", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "srm-content-")), "questions");
    cpSync(loadConfig({}).contentDir, dir, { recursive: true });
    const file = join(dir, "matrix", "cells", "rds.yaml");
    const lines = readFileSync(file, "utf8").split("\n");
    const cellAt = lines.indexOf("  database-engine-patching:");
    const at = lines.findIndex((l, i) => i > cellAt && l.startsWith("    in_practice: "));
    expect(cellAt).toBeGreaterThan(0);
    lines.splice(at, 1);
    writeFileSync(file, lines.join("\n"));
    try {
      loadMatrix(dir);
      expect.unreachable("the cell without its In practice line loaded");
    } catch (error) {
      expect(error).toBeInstanceOf(ContentInvalid);
      expect((error as ContentInvalid).message).toContain(
        `rds.yaml:${cellAt + 2}: the headline says aws but condition "auto-minor-disabled" says customer`,
      );
    }
  });
});

describe("drills on a headline with an In practice line", () => {
  it("refute Shared with the plain answer and the customer's cases, never with 'alone'", () => {
    const drill = bank.get("drill-rds-database-engine-patching");
    const shared = drill?.choices.find((c) => c.text.startsWith("Shared"));
    expect(drill?.choices.find((c) => c.correct)?.text).toBe("AWS");
    expect(shared?.why).toMatch(
      /^Not shared: on Amazon RDS, .* as the plain question means it\. In practice: you choose the maintenance window/,
    );
    expect(shared?.why).not.toMatch(/alone/);
    expect(drill?.explanation).toMatch(/^AWS\. In practice: you choose the maintenance window/);
  });
});
