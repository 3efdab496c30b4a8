import { describe, expect, it } from "vitest";
import { lookupJson } from "../../src/commands/lookup-json.js";
import type { LookupResult } from "../../src/knowledge/lookup.js";
import { realLookup, realMatrix } from "../support/app.js";

const lookup = realLookup();
const matrix = realMatrix();

function answer(text: string) {
  const r = lookup.lookup(text);
  if (r.kind !== "answer") throw new Error(`"${text}" gave ${r.kind}, not an answer:\n${lookupJson(r).text}`);
  return r;
}

function kindOf(text: string): LookupResult["kind"] {
  return lookup.lookup(text).kind;
}

describe("ownership lookups name the owner first", () => {
  it.each([
    ["ec2 os-patching", "ec2", "guest-os-patching", "customer"],
    ["EC2 guest OS patches", "ec2", "guest-os-patching", "customer"],
    ["who patches the guest operating system on ec2", "ec2", "guest-os-patching", "customer"],
    ["elastic compute cloud os patching", "ec2", "guest-os-patching", "customer"],
    ["s3 bucket policy", "s3", "public-access", "customer"],
    ["sg ec2", "ec2", "security-groups", "customer"],
    ["ec2 nacl", "ec2", "network-acls", "customer"],
    ["relational database service customer data", "rds", "customer-data", "customer"],
    ["rds hypervisor", "rds", "hypervisor", "aws"],
    ["lambda physical security", "lambda", "physical-security", "aws"],
    ["lambda host os", "lambda", "host-os", "aws"],
    ["dynamodb data classification", "dynamodb", "data-classification", "customer"],
    ["ecs on ec2 os patching", "ecs-ec2", "guest-os-patching", "customer"],
    ["ec2 launch type guest os", "ecs-ec2", "guest-os-patching", "customer"],
    ["fargate ecs container images", "ecs-fargate", "container-images", "customer"],
    ["ecs fargate ecr", "ecs-fargate", "container-images", "customer"],
    ["ecr image scanning", "ecr", "container-images", "customer"],
    ["ecr encryption at rest", "ecr", "encryption-at-rest", "shared"],
    ["kms compliance", "kms", "compliance", "shared"],
    ["who enables guardduty", "guardduty", "service-enablement", "customer"],
    ["guardduty findings", "guardduty", "findings-response", "customer"],
    ["ec2 guardduty", "ec2", "logging-monitoring", "customer"],
    ["who remediates findings on ec2", "ec2", "findings-response", "customer"],
  ])("%s", (text, service, area, owner) => {
    const r = answer(text);
    expect(r.service?.id).toBe(service);
    expect(r.area.id).toBe(area);
    expect(r.owner).toBe(owner);
    const json = lookupJson(r);
    expect(json.text.split("\n")[0]).toMatch(/^(AWS|Customer|Shared):/);
    expect(json.sources.length).toBeGreaterThan(0);
  });

  it("two services that each stand for an area read as the first one's cell in the last one's area", () => {
    const a = answer("kms iam");
    expect([a.service?.id, a.area.id]).toEqual(["kms", "access-management"]);
    const b = answer("iam guardduty");
    expect([b.service?.id, b.area.id]).toEqual(["iam", "logging-monitoring"]);
  });

  it("free phrasing ignores filler words and word order", () => {
    const a = answer("who patches the rds engine");
    expect([a.service?.id, a.area.id]).toEqual(["rds", "database-engine-patching"]);
    const b = answer("engine patching rds please");
    expect([b.service?.id, b.area.id]).toEqual(["rds", "database-engine-patching"]);
  });

  it('a typo is corrected and the reply says "did you mean"', () => {
    const r = answer("dynamdb encryption");
    expect(r.service?.id).toBe("dynamodb");
    expect(r.corrections).toEqual([{ from: "dynamdb", to: "dynamodb" }]);
    expect(lookupJson(r).text).toContain('"dynamdb" as "dynamodb"');
  });

  it("S3 encryption at rest mentions that AWS now encrypts every new object", () => {
    const r = answer("s3 encryption at rest");
    expect(r.owner).not.toBe("customer");
    expect(lookupJson(r).text).toMatch(/SSE-S3|2023/);
  });

  it("a condition in the question is answered for that condition", () => {
    const manual = answer("lambda runtime manual mode");
    expect(manual.condition).not.toBeNull();
    expect(manual.owner).toBe("customer");
    const major = answer("rds major version upgrade");
    expect(major.condition).not.toBeNull();
    expect(major.owner).toBe("customer");
    const plain = answer("rds engine patching");
    expect(plain.condition).toBeNull();
    expect(lookupJson(plain).text).toContain("Exceptions:");
  });
});

describe("overviews", () => {
  it("a service alone shows its stack grouped by owner", () => {
    const r = lookup.lookup("rds");
    expect(r.kind).toBe("service-stack");
    const json = lookupJson(r);
    expect(json.status).toBe("overview");
    expect(json.text).toMatch(/\nAWS: .*Physical security/);
    expect(json.text).toMatch(/\nCustomer: .*Customer data/);
  });

  it("an area with the same owner everywhere is answered directly", () => {
    const r = answer("hypervisor");
    expect(r.owner).toBe("aws");
    expect(r.service).toBeNull();
    expect(answer("physical security").owner).toBe("aws");
  });

  it("an area with a general rule answers with it and names the services that differ", () => {
    const r = answer("who is responsible for physical security");
    expect(r.owner).toBe("aws");
    expect(r.service).toBeNull();
    expect(r.exceptions?.map((x) => [x.service.id, x.owner])).toEqual([["outposts", "customer"]]);
    const text = lookupJson(r).text;
    expect(text.split("\n")[0]).toBe("AWS: Most services · Physical security");
    expect(text).toContain("AWS Outposts: Customer (/srm outposts physical-security)");
  });

  it("an area whose owner differs by service is a table across services", () => {
    const r = lookup.lookup("patching");
    expect(r.kind).toBe("area-table");
    if (r.kind !== "area-table") return;
    expect(r.rows).toHaveLength(matrix.services.length);
    expect(new Set(r.rows.map((x) => x.owner)).size).toBeGreaterThan(1);
  });

  it("several services with one area compare just those services", () => {
    const r = lookup.lookup("who patches the os on ec2 rds lambda");
    expect(r.kind).toBe("area-table");
    if (r.kind !== "area-table") return;
    expect(r.rows.map((x) => x.service.id)).toEqual(["ec2", "rds", "lambda"]);
    expect(r.rows[0]?.owner).toBe("customer");
    expect(r.rows[1]?.owner).not.toBe("customer");
    expect(r.rows[2]?.owner).toBe("aws");
  });
});

describe("words people use around the matrix's own names", () => {
  it.each([
    ["network infrastructure", "global-infrastructure", "aws"],
    ["network cables", "hardware", "aws"],
    ["who patches the hypervisor", "hypervisor", "aws"],
    ["who patches the underlying infrastructure of rds", "global-infrastructure", "aws"],
    ["eks control plane version upgrade", "runtime-patching", "customer"],
    ["rds single az", "high-availability", "customer"],
    ["batch fargate os patching", "guest-os-patching", "aws"],
    ["who patches the os in aws batch", "guest-os-patching", "customer"],
  ])('a qualifying word changes the answer: "%s" is %s, %s', (text, area, owner) => {
    const r = answer(text);
    expect(r.area.id).toBe(area);
    expect(r.owner).toBe(owner);
  });

  it.each([
    ["rds maintenance window", "maintenance-window"],
    ["lambda layers", "bundled-libraries"],
    ["ec2 instance store", "nvme-instance-store"],
    ["dynamodb global tables", "global-tables"],
  ])('a condition named without its area is answered: "%s"', (text, condition) => {
    expect(answer(text).condition?.id).toBe(condition);
  });

  it.each([
    "who backs up ebs volumes",
    "who classifies data in s3",
    "who manages ssh keys for ec2",
    "api gateway custom domains tls",
    "cloudfront origin access control",
    "who sets up mfa",
  ])('ordinary words do not block the answer: "%s"', (text) => {
    expect(kindOf(text)).toBe("answer");
  });

  it.each([
    "oracle database patching",
    "google cloud storage encryption",
    "who patches my on premises servers",
    "azure vm patching",
  ])('another vendor\'s product is unknown and no owner is stated: "%s"', (text) => {
    const json = lookupJson(lookup.lookup(text));
    expect(json.status).toBe("unknown");
    expect(json.owner).toBeNull();
  });
});

describe("exam phrasing", () => {
  it("a question in many words says which of its words were read as what", () => {
    const text = lookupJson(lookup.lookup("Which is the customer's responsibility when using RDS?")).text;
    expect(text).toContain('I read "rds" as Amazon RDS.');
  });

  it("a short lookup gets no such line", () => {
    expect(lookupJson(lookup.lookup("ec2 os patching")).text).not.toContain("I read");
  });
});

describe("ambiguous and unknown input", () => {
  it.each(["ecs", "eks", "database", "eks os patching", "fargate"])(
    '"%s" asks which service and shows each variant',
    (text) => {
      const r = lookup.lookup(text);
      expect(r.kind).toBe("which-service");
      const json = lookupJson(r);
      expect(json.status).toBe("clarify");
      expect(json.owner).toBeNull();
      expect(json.suggestions.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.each([
    ["ecs security groups", "customer", ["Amazon ECS on EC2", "Amazon ECS on Fargate"]],
    ["who is responsible for patching fargate", "shared", ["Amazon ECS on Fargate", "Amazon EKS on Fargate"]],
    ["ecs ecr", "customer", ["Amazon ECS on EC2", "Amazon ECS on Fargate"]],
  ])('"%s" is answered without asking, because every variant has the same owner', (text, owner, names) => {
    const r = lookup.lookup(text);
    expect(r.kind).toBe("answer");
    const json = lookupJson(r);
    expect(json.owner).toBe(owner);
    expect(json.text).toContain(`The same owner holds for ${names.join(" and ")}`);
  });

  it("ecs kms asks which launch type, because key management differs between them", () => {
    const r = lookup.lookup("ecs kms");
    expect(r.kind).toBe("which-service");
    if (r.kind !== "which-service") return;
    expect(new Set(r.rows.map((row) => row.owner)).size).toBeGreaterThan(1);
  });

  it("eks os patching shows the owner for each variant", () => {
    const r = lookup.lookup("eks os patching");
    if (r.kind !== "which-service") throw new Error(r.kind);
    const byId = Object.fromEntries(r.rows.map((x) => [x.service.id, x.owner]));
    expect(byId["eks-nodes-ec2"]).not.toBe("aws");
    expect(byId["eks-fargate"]).toBe("aws");
  });

  it.each(["quantum-ledger", "azure vm", "ec2 coffee brewing", "gcp compute engine", "xyzzy"])(
    '"%s" is unknown and never states an owner',
    (text) => {
      const json = lookupJson(lookup.lookup(text));
      expect(json.status).toBe("unknown");
      expect(json.owner).toBeNull();
      expect(json.text).toMatch(/I don't know|names no service/);
    },
  );

  it("an unknown word is named, and what was understood is offered as a suggestion", () => {
    const json = lookupJson(lookup.lookup("ec2 coffee brewing"));
    expect(json.text).toContain('"coffee"');
    expect(json.suggestions).toContain("ec2");
  });

  it("a near-miss unknown word gets the nearest known names", () => {
    const json = lookupJson(lookup.lookup("lambada"));
    expect(json.status === "unknown" ? json.suggestions : [json.service?.id]).toContain("lambda");
  });

  it("an area that does not apply says so and points where to look", () => {
    const na = matrix.services.flatMap((s) =>
      matrix.areas.filter((a) => !matrix.cell(s, a).cell.applies).map((a) => `${s.id} ${a.id}`),
    );
    expect(na.length).toBeGreaterThan(0);
    for (const text of na) {
      const r = lookup.lookup(text);
      expect(r.kind).toBe("not-applicable");
      const json = lookupJson(r);
      expect(json.status).toBe("clarify");
      expect(json.suggestions.length).toBeGreaterThan(0);
    }
  });

  it("an empty question asks for a service or an area", () => {
    expect(kindOf("")).toBe("unknown");
    expect(kindOf("the of and")).toBe("unknown");
  });
});

describe("every cell of the matrix is reachable by its ids", () => {
  it("'<service> <area>' answers that exact cell for every service and area", () => {
    let checked = 0;
    for (const s of matrix.services) {
      for (const a of matrix.areas) {
        const r = lookup.lookup(`${s.id} ${a.id}`);
        const cell = matrix.cell(s, a).cell;
        if (cell.applies) {
          expect(r.kind, `${s.id} ${a.id}`).toBe("answer");
          if (r.kind === "answer") {
            expect(r.service?.id).toBe(s.id);
            expect(r.area.id).toBe(a.id);
            expect(r.owner).toBe(cell.owner);
          }
        } else {
          expect(r.kind, `${s.id} ${a.id}`).toBe("not-applicable");
        }
        checked++;
      }
    }
    expect(checked).toBe(matrix.services.length * matrix.areas.length);
  });

  it("every service alias alone shows that service's stack", () => {
    for (const s of matrix.services) {
      for (const alias of s.aliases) {
        const r = lookup.lookup(alias);
        expect(r.kind, alias).toBe("service-stack");
        if (r.kind === "service-stack") expect(r.service.id, alias).toBe(s.id);
      }
    }
  });

  it("every area alias with a service names that area", () => {
    for (const a of matrix.areas) {
      for (const alias of a.aliases) {
        const r = lookup.lookup(`ec2 ${alias}`);
        const area = r.kind === "answer" || r.kind === "not-applicable" ? r.area.id : r.kind;
        expect(area, `ec2 ${alias}`).toBe(a.id);
      }
    }
  });
});
