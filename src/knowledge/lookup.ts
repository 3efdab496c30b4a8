import type {
  ApplicableCell,
  Area,
  Condition,
  NotApplicableCell,
  Owner,
  ResolvedCell,
  Service,
  ServiceGroup,
} from "../domain/matrix.js";
import type { OwnershipMatrix } from "./matrix.js";
import { type Correction, MAX_QUERY_WORDS, type Mention, nearestNames, parseQuery } from "./parse-query.js";
import { words } from "./text.js";

/** One row of a comparison across services or areas. */
export interface OwnerRow {
  readonly service: Service;
  readonly area: Area;
  readonly resolved: ResolvedCell;
  /** The owner, or null where the area does not apply to the service. */
  readonly owner: Owner | null;
}

/** The answer to a lookup, before it is turned into words. */
export type LookupResult =
  | {
      readonly kind: "answer";
      readonly owner: Owner;
      readonly service: Service | null;
      readonly area: Area;
      readonly cell: ApplicableCell;
      /** The condition the question named, if any. */
      readonly condition: Condition | null;
      /** Words the question carried that did not change this answer. */
      readonly unusedWords: readonly string[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "not-applicable";
      readonly service: Service;
      readonly area: Area;
      readonly cell: NotApplicableCell;
      /** Where to look instead, as lookups. */
      readonly see: readonly { readonly service: Service; readonly area: Area | null }[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "service-stack";
      readonly service: Service;
      readonly rows: readonly OwnerRow[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "area-table";
      readonly area: Area;
      readonly rows: readonly OwnerRow[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "which-service";
      readonly question: string;
      readonly group: ServiceGroup | null;
      readonly services: readonly Service[];
      readonly area: Area | null;
      readonly rows: readonly OwnerRow[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "which-area";
      readonly services: readonly Service[];
      readonly areas: readonly Area[];
      readonly rows: readonly OwnerRow[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "unknown";
      readonly unknown: readonly string[];
      readonly understood: readonly string[];
      readonly suggestions: readonly string[];
      readonly reason: "unknown-words" | "nothing-named" | "too-long" | "empty";
      readonly corrections: readonly Correction[];
    };

/** Answers free-text ownership questions from the matrix. */
export class OwnershipLookup {
  constructor(readonly matrix: OwnershipMatrix) {}

  /** Reads `text` ("who patches the rds engine") and answers it, asks which was meant, or says what is unknown. */
  lookup(text: string): LookupResult {
    const count = words(text).length;
    if (count === 0) return unknown([], [], [], "empty", []);
    if (count > MAX_QUERY_WORDS) return unknown([], [], [], "too-long", []);
    const q = parseQuery(this.matrix, text);
    const understood = q.mentions.map(mentionName);
    if (q.unknown.length > 0) {
      const named = q.mentions.flatMap((m) =>
        m.kind === "area" ? [m.area.id] : m.kind === "service" ? [m.service.id] : [m.group.id],
      );
      const near = q.unknown.flatMap((w) => nearestNames(this.matrix, w, 3));
      const suggestions = [...new Set([...(named.length > 0 ? [named.join(" ")] : []), ...near])].slice(0, 5);
      return unknown(q.unknown, understood, suggestions, "unknown-words", q.corrections);
    }
    let services = unique(q.mentions.flatMap((m) => (m.kind === "service" ? [m.service] : [])));
    let areas = unique(q.mentions.flatMap((m) => (m.kind === "area" ? [m.area] : [])));
    const groups = unique(q.mentions.flatMap((m) => (m.kind === "group" ? [m.group] : [])));

    // "ec2 iam": a service named beside another service stands for its area.
    if (services.length >= 2 && areas.length === 0) {
      const plain = services.filter((s) => !s.area);
      if (plain.length >= 1) {
        areas = unique(services.flatMap((s) => (s.area ? [this.matrix.area(s.area) as Area] : [])));
        services = plain;
      }
    }
    areas = narrow(areas);

    let candidates: Service[] | null = null;
    let group: ServiceGroup | null = null;
    if (groups.length > 0) {
      candidates = groups
        .map((g) => g.members.map((id) => this.matrix.service(id) as Service))
        .reduce((acc, list) => acc.filter((s) => list.includes(s)));
      group = groups.length === 1 ? (groups[0] as ServiceGroup) : null;
      if (services.length > 0) {
        const pinned = candidates.filter((c) =>
          services.some((s) => c.id === s.id || c.id.split("-").includes(s.id)),
        );
        if (pinned.length > 0) {
          services = services.filter((s) => !pinned.some((p) => p.id.split("-").includes(s.id)));
          candidates = pinned;
        }
      }
      if (candidates.length === 1 && services.length === 0) {
        services = candidates;
        candidates = null;
      }
    }

    if (candidates && candidates.length > 0 && services.length === 0) {
      return this.whichService(
        group,
        candidates,
        areas.length === 1 ? (areas[0] as Area) : null,
        q.corrections,
      );
    }
    if (candidates && candidates.length === 0) {
      return unknown(
        [],
        understood,
        groups.map((g) => g.id),
        "nothing-named",
        q.corrections,
      );
    }
    if (candidates) services = unique([...services, ...candidates]);

    if (services.length === 0 && areas.length === 0) {
      const suggestions = q.leftover.flatMap((w) => nearestNames(this.matrix, w, 2)).slice(0, 5);
      return unknown(q.leftover, understood, suggestions, "nothing-named", q.corrections);
    }
    if (services.length === 1) {
      const service = services[0] as Service;
      if (areas.length === 0) return this.serviceStack(service, q.corrections);
      if (areas.length === 1)
        return this.answer(service, areas[0] as Area, q.words, q.leftover, q.corrections);
      const byCondition = areas.filter((a) => matchCondition(this.matrix.cell(service, a), q.words) !== null);
      if (byCondition.length === 1)
        return this.answer(service, byCondition[0] as Area, q.words, q.leftover, q.corrections);
      return {
        kind: "which-area",
        services: [service],
        areas,
        rows: areas.map((a) => row(this.matrix.cell(service, a))),
        corrections: q.corrections,
      };
    }
    if (services.length > 1) {
      if (areas.length === 1) {
        const area = areas[0] as Area;
        return {
          kind: "area-table",
          area,
          rows: services.map((s) => row(this.matrix.cell(s, area))),
          corrections: q.corrections,
        };
      }
      return { kind: "which-area", services, areas, rows: [], corrections: q.corrections };
    }
    if (areas.length === 1) return this.acrossServices(areas[0] as Area, q.leftover, q.corrections);
    return { kind: "which-area", services: [], areas, rows: [], corrections: q.corrections };
  }

  private answer(
    service: Service,
    area: Area,
    asked: readonly string[],
    leftover: readonly string[],
    corrections: readonly Correction[],
  ): LookupResult {
    const resolved = this.matrix.cell(service, area);
    const cell = resolved.cell;
    if (!cell.applies) {
      const see = cell.see.map((target) => {
        const [first, second] = target.split("/") as [string, string | undefined];
        if (second !== undefined)
          return { service: this.matrix.service(first) as Service, area: this.matrix.area(second) ?? null };
        const otherArea = this.matrix.area(first);
        if (otherArea) return { service, area: otherArea };
        return { service: this.matrix.service(first) as Service, area };
      });
      return { kind: "not-applicable", service, area, cell, see, corrections };
    }
    const hit = matchCondition(resolved, asked);
    const used = new Set(hit?.phrase ?? []);
    return {
      kind: "answer",
      owner: hit ? hit.condition.owner : cell.owner,
      service,
      area,
      cell,
      condition: hit?.condition ?? null,
      unusedWords: leftover.filter((w) => !used.has(w)),
      corrections,
    };
  }

  private serviceStack(service: Service, corrections: readonly Correction[]): LookupResult {
    return {
      kind: "service-stack",
      service,
      rows: this.matrix.areas.map((a) => row(this.matrix.cell(service, a))),
      corrections,
    };
  }

  private acrossServices(
    area: Area,
    leftover: readonly string[],
    corrections: readonly Correction[],
  ): LookupResult {
    const rows = this.matrix.services.map((s) => row(this.matrix.cell(s, area)));
    const owners = new Set(rows.map((r) => r.owner));
    if (owners.size === 1 && area.default?.applies && !owners.has(null)) {
      const cell = area.default;
      return {
        kind: "answer",
        owner: cell.owner,
        service: null,
        area,
        cell,
        condition: null,
        unusedWords: leftover,
        corrections,
      };
    }
    return { kind: "area-table", area, rows, corrections };
  }

  private whichService(
    group: ServiceGroup | null,
    services: readonly Service[],
    area: Area | null,
    corrections: readonly Correction[],
  ): LookupResult {
    return {
      kind: "which-service",
      question: group?.question ?? "Which of these services do you mean?",
      group,
      services,
      area,
      rows: area ? services.map((s) => row(this.matrix.cell(s, area))) : [],
      corrections,
    };
  }
}

function row(resolved: ResolvedCell): OwnerRow {
  return {
    service: resolved.service,
    area: resolved.area,
    resolved,
    owner: resolved.cell.applies ? resolved.cell.owner : null,
  };
}

/** The condition of a cell that the asked words name, preferring the most specific phrase. */
export function matchCondition(
  resolved: ResolvedCell,
  asked: readonly string[],
): { condition: Condition; phrase: readonly string[] } | null {
  if (!resolved.cell.applies) return null;
  const set = new Set(asked);
  let best: { condition: Condition; phrase: readonly string[] } | null = null;
  for (const condition of resolved.cell.conditions) {
    for (const phrase of condition.match) {
      if (phrase.every((w) => set.has(w)) && (!best || phrase.length > best.phrase.length)) {
        best = { condition, phrase };
      }
    }
  }
  return best;
}

/** Drops areas that a more specific named area covers ("patches" beside "guest os"). */
function narrow(areas: readonly Area[]): Area[] {
  return areas.filter((a) => !areas.some((b) => b !== a && a.narrower.includes(b.id)));
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function mentionName(m: Mention): string {
  if (m.kind === "service") return m.service.name;
  if (m.kind === "group") return m.group.name;
  return m.area.name;
}

function unknown(
  unknownWords: readonly string[],
  understood: readonly string[],
  suggestions: readonly string[],
  reason: "unknown-words" | "nothing-named" | "too-long" | "empty",
  corrections: readonly Correction[],
): LookupResult {
  return { kind: "unknown", unknown: unknownWords, understood, suggestions, reason, corrections };
}
