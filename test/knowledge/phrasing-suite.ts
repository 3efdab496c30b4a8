import { readFileSync } from "node:fs";
import type { Owner } from "../../src/domain/matrix.js";
import type { LookupResult, OwnershipLookup } from "../../src/knowledge/lookup.js";
import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";

/** What a phrasing should get, as written in phrasings.txt. */
export type Expected =
  | { kind: "answer"; services: string[] | "*"; areas: string[]; condition: string | null }
  | { kind: "not-applicable"; service: string; area: string }
  | { kind: "stack"; service: string }
  | { kind: "table"; area: string }
  | { kind: "concept"; id: string }
  | { kind: "clarify" }
  | { kind: "unknown" };

/** One line of the suite. */
export interface Phrasing {
  readonly line: number;
  readonly question: string;
  readonly expected: Expected;
}

/** How one phrasing was answered. */
export type Verdict = "right" | "wrong-owner" | "asked-back" | "unknown" | "other";

/** Reads the suite file. */
export function readPhrasings(path: string): Phrasing[] {
  const out: Phrasing[] = [];
  for (const [i, raw] of readFileSync(path, "utf8").split("\n").entries()) {
    const text = raw.trim();
    if (!text || text.startsWith("#")) continue;
    const bar = text.indexOf(" | ");
    if (bar < 0) throw new Error(`phrasings.txt:${i + 1}: expected "<expected> | <question>"`);
    out.push({
      line: i + 1,
      question: text.slice(bar + 3),
      expected: parseExpected(text.slice(0, bar), i + 1),
    });
  }
  return out;
}

function parseExpected(spec: string, line: number): Expected {
  if (spec === "clarify" || spec === "unknown") return { kind: spec };
  if (spec.startsWith("stack:")) return { kind: "stack", service: spec.slice(6) };
  if (spec.startsWith("table:")) return { kind: "table", area: spec.slice(6) };
  if (spec.startsWith("concept:")) return { kind: "concept", id: spec.slice(8) };
  const na = spec.startsWith("na:");
  const m = /^([a-z0-9|*-]+)\/([a-z,-]+)(?:#([a-z0-9-]+))?$/.exec(na ? spec.slice(3) : spec);
  if (!m) throw new Error(`phrasings.txt:${line}: cannot read "${spec}"`);
  const [, services, areas, condition] = m as unknown as [string, string, string, string | undefined];
  if (na) return { kind: "not-applicable", service: services, area: areas };
  return {
    kind: "answer",
    services: services === "*" ? "*" : services.split("|"),
    areas: areas.split(","),
    condition: condition ?? null,
  };
}

/** The owner the matrix gives an expected answer in one of its areas. */
export function expectedOwner(
  matrix: OwnershipMatrix,
  e: Extract<Expected, { kind: "answer" }>,
  areaId: string,
): Owner {
  const area = matrix.area(areaId);
  if (!area) throw new Error(`unknown area ${areaId}`);
  const serviceId = e.services === "*" ? null : e.services[0];
  if (serviceId === null || serviceId === undefined) {
    if (!area.default?.applies) throw new Error(`*/${areaId}: the area has no single owner`);
    return area.default.owner;
  }
  const service = matrix.service(serviceId);
  if (!service) throw new Error(`unknown service ${serviceId}`);
  const cell = matrix.cell(service, area).cell;
  if (!cell.applies) throw new Error(`${serviceId}/${areaId} does not apply`);
  if (!e.condition) return cell.owner;
  const condition = cell.conditions.find((c) => c.id === e.condition);
  if (!condition) throw new Error(`${serviceId}/${areaId} has no condition ${e.condition}`);
  return condition.owner;
}

/** Grades one lookup against what the suite expects. */
export function grade(matrix: OwnershipMatrix, lookup: OwnershipLookup, p: Phrasing): Verdict {
  const r: LookupResult = lookup.lookup(p.question);
  const e = p.expected;
  if (r.kind === "answer") {
    // One owner for an area across every service answers "the area across services".
    if (e.kind === "table") return r.service === null && r.area.id === e.area ? "right" : "other";
    if (e.kind !== "answer") return e.kind === "unknown" || e.kind === "clarify" ? "wrong-owner" : "other";
    // An answer in another area than the ones expected is judged by the first expected area's owner.
    const area = e.areas.includes(r.area.id) ? r.area.id : (e.areas[0] as string);
    if (r.owner !== expectedOwner(matrix, e, area)) return "wrong-owner";
    // An answer for every service (no service named in it) is right for each service it covers.
    const serviceOk = e.services === "*" || r.service === null || e.services.includes(r.service.id);
    const conditionOk = e.condition === null || r.condition?.id === e.condition;
    return serviceOk && e.areas.includes(r.area.id) && conditionOk ? "right" : "other";
  }
  if (r.kind === "unknown") return e.kind === "unknown" ? "right" : "unknown";
  if (r.kind === "which-service" || r.kind === "which-area")
    return e.kind === "clarify" ? "right" : "asked-back";
  if (r.kind === "service-stack") return e.kind === "stack" && r.service.id === e.service ? "right" : "other";
  if (r.kind === "area-table") return e.kind === "table" && r.area.id === e.area ? "right" : "other";
  if (r.kind === "concept") return e.kind === "concept" && r.concept.id === e.id ? "right" : "other";
  return e.kind === "not-applicable" && r.service.id === e.service && r.area.id === e.area
    ? "right"
    : "other";
}
