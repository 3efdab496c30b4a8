import type { Correction, LookupResult, OwnerRow } from "../domain/lookup-result.js";
import type { Area, ResolvedCell, Service, ServiceGroup } from "../domain/matrix.js";
import { type ConceptHit, conceptResult, findConcept } from "./concept-match.js";
import type { OwnershipMatrix } from "./matrix.js";
import { VENDOR_NAMES } from "./ordinary-words.js";
import { MAX_QUERY_WORDS, type Mention, nearestNames, type ParsedQuery, parseQuery } from "./parse-query.js";
import { absorbMentions, askedWords, conditionHits, matchCondition } from "./readings.js";
import { words } from "./text.js";

export type { LookupResult } from "../domain/lookup-result.js";

/** Answers free-text ownership questions from the matrix. */
export class OwnershipLookup {
  constructor(readonly matrix: OwnershipMatrix) {}

  /** Reads `text` ("who patches the rds engine") and answers it, asks which was meant, or says what is unknown. */
  lookup(text: string): LookupResult {
    const all = words(text);
    if (all.length === 0) return unknown([], [], [], "empty", []);
    if (all.length > MAX_QUERY_WORDS) return unknown([], [], [], "too-long", []);
    const hit = findConcept(this.matrix, all);
    const q = parseQuery(this.matrix, text);
    const result = this.resolve(q);
    if (hit) return this.withConcept(hit, result);
    return this.readBack(q, result);
  }

  /**
   * A question naming a concept ("shared controls", "penetration testing"): the concept answers when the
   * rest of the question names nothing, or when the question read without it cannot be answered ("rds
   * schema"); words nobody knows beside it still make the question unknown.
   */
  private withConcept(hit: ConceptHit, whole: LookupResult): LookupResult {
    const rest = parseQuery(this.matrix, hit.rest.join(" "));
    if (rest.unknown.length > 0 || rest.words.some((w) => VENDOR_NAMES.has(w))) {
      const r = this.resolve(rest);
      if (r.kind === "unknown") return { ...r, understood: [hit.concept.name, ...r.understood] };
    }
    if (rest.mentions.length === 0) return conceptResult(this.matrix, hit.concept, rest.corrections);
    // "ec2 penetration testing", "dynamodb table design": a duty stays the answer beside a service, or
    // beside an area it names as related; another area named beside it asks about that area instead.
    const related = new Set(hit.concept.related);
    if (hit.concept.duty && rest.mentions.every((m) => m.kind !== "area" || related.has(m.area.id)))
      return conceptResult(this.matrix, hit.concept, rest.corrections);
    // The question read without the concept's words: answered if it can be, else the concept answers.
    const without = this.resolve(rest);
    if (without.kind !== "unknown") return without;
    return whole.kind === "unknown" ? conceptResult(this.matrix, hit.concept, rest.corrections) : whole;
  }

  private readBack(q: ParsedQuery, result: LookupResult): LookupResult {
    // A question in many words (exam phrasing) says back which of its words named what, so the person
    // sees what was understood; a short lookup needs no such line.
    const named = q.mentions.reduce((n, m) => n + m.words.length, 0);
    if (q.words.length - named < 3) return result;
    if (result.kind !== "answer" && result.kind !== "service-stack" && result.kind !== "area-table")
      return result;
    return { ...result, readAs: q.mentions.map((m) => ({ words: m.words.join(" "), name: mentionName(m) })) };
  }

  private resolve(q: ParsedQuery): LookupResult {
    const understood = q.mentions.map(mentionName);
    if (q.unknown.length > 0) {
      const named = q.mentions.flatMap((m) =>
        m.kind === "area" ? [m.area.id] : m.kind === "service" ? [m.service.id] : [m.group.id],
      );
      const near = q.unknown.flatMap((w) => nearestNames(this.matrix, w, 3));
      const suggestions = [...new Set([...(named.length > 0 ? [named.join(" ")] : []), ...near])].slice(0, 5);
      return unknown(q.unknown, understood, suggestions, "unknown-words", q.corrections);
    }
    const asked = askedWords(q.words);
    const read = absorbMentions(this.matrix, q.mentions, q.words);
    let services = unique(read.mentions.flatMap((m) => (m.kind === "service" ? [m.service] : [])));
    let areas = unique([
      ...read.mentions.flatMap((m) => (m.kind === "area" ? [m.area] : [])),
      ...read.forcedAreas,
    ]);
    const groups = unique(read.mentions.flatMap((m) => (m.kind === "group" ? [m.group] : [])));

    // "ec2 iam", "ecs ecr": a service named beside another service, or beside a group of them, stands for
    // its area.
    const beside = services.length >= 2 || (services.length >= 1 && groups.length > 0);
    if (beside && areas.length === 0) {
      const plain = services.filter((s) => !s.area);
      if (plain.length >= 1 || groups.length > 0) {
        areas = unique(services.flatMap((s) => (s.area ? [this.matrix.area(s.area) as Area] : [])));
        services = plain;
      } else {
        // "iam cloudtrail": when every named service also stands for an area, the last one named is the area.
        const last = services[services.length - 1] as Service;
        areas = [this.matrix.area(last.area as string) as Area];
        services = services.slice(0, -1);
      }
    }
    areas = narrow(areas);
    // "ebs kms keys": a service that stands for a named area (KMS for keys) gives way to the other service.
    if (services.length >= 2 && areas.length > 0) {
      const rest = services.filter((s) => !(s.area && areas.some((a) => a.id === s.area)));
      if (rest.length >= 1) services = rest;
    }

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
      const area = areas.length === 1 ? (areas[0] as Area) : null;
      const same = area ? this.sameAnswer(candidates, area, asked, q.leftover, q.corrections) : null;
      return same ?? this.whichService(group, candidates, area, q.corrections);
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

    // "oracle database patching": another vendor's product with no AWS service named is not ours to answer.
    const vendors = q.words.filter((w) => VENDOR_NAMES.has(w));
    if (vendors.length > 0 && services.length === 0 && groups.length === 0)
      return unknown(vendors, understood, [], "unknown-words", q.corrections);
    if (services.length === 0 && areas.length === 0) {
      const suggestions = q.leftover.flatMap((w) => nearestNames(this.matrix, w, 2)).slice(0, 5);
      return unknown(q.leftover, understood, suggestions, "nothing-named", q.corrections);
    }
    if (services.length === 1) {
      const service = services[0] as Service;
      const hits = conditionHits(this.matrix, service, q.words);
      if (areas.length === 0) {
        // "rds maintenance window": a condition named without its area still answers.
        // A condition phrase must say more than the service's own name ("aurora serverless" is Aurora).
        const named = read.mentions.flatMap((m) =>
          m.kind === "service" && m.service === service ? m.words : [],
        );
        const best = hits.find((h) => h.phrase.some((w) => !named.includes(w)));
        const tied = hits.filter((h) => best && h !== best && h.phrase.length === best.phrase.length);
        if (best && tied.every((h) => h.condition.owner === best.condition.owner))
          return this.answer(service, best.area, asked, q.leftover, q.corrections);
        return this.serviceStack(service, q.corrections);
      }
      if (areas.length === 1) {
        const area = areas[0] as Area;
        // "who updates lambda dependencies": a condition of a narrower area than the one named, or of
        // another area where the named one does not apply, says which duty was meant.
        const applies = this.matrix.cell(service, area).cell.applies;
        const own = hits.some((h) => h.area === area);
        const better = own ? undefined : hits.find((h) => area.narrower.includes(h.area.id) || !applies);
        return this.answer(service, better?.area ?? area, asked, q.leftover, q.corrections);
      }
      const byCondition = areas.filter((a) => matchCondition(this.matrix.cell(service, a), asked) !== null);
      if (byCondition.length === 1)
        return this.answer(service, byCondition[0] as Area, asked, q.leftover, q.corrections);
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
    if (areas.length === 1) {
      const area = areas[0] as Area;
      // "root account mfa": a condition that only one service's cell has names that service.
      const named = this.matrix.services.filter((s) => matchCondition(this.matrix.cell(s, area), asked));
      if (named.length === 1) return this.answer(named[0] as Service, area, asked, q.leftover, q.corrections);
      return this.acrossServices(area, q.leftover, q.corrections);
    }
    return { kind: "which-area", services: [], areas, rows: [], corrections: q.corrections };
  }

  private answer(
    service: Service,
    area: Area,
    asked: ReadonlySet<string>,
    leftover: readonly string[],
    corrections: readonly Correction[],
    alsoFor: readonly Service[] = [],
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
      alsoFor,
      corrections,
    };
  }

  /**
   * The answer for an ambiguous name when every service it can mean gives the same owner ("who patches
   * fargate": ECS and EKS on Fargate agree), so there is nothing to ask; null where they differ.
   */
  private sameAnswer(
    services: readonly Service[],
    area: Area,
    asked: ReadonlySet<string>,
    leftover: readonly string[],
    corrections: readonly Correction[],
  ): LookupResult | null {
    const answers = services.map((s) => this.answer(s, area, asked, leftover, corrections));
    const first = answers[0];
    if (first?.kind !== "answer") return null;
    if (!answers.every((a) => a.kind === "answer" && a.owner === first.owner)) return null;
    return { ...first, alsoFor: services.slice(1) };
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
    // An area with a general rule answers with that rule (the exam's answer: physical security is AWS's)
    // and names the services that differ (an Outpost stands in the customer's building).
    if (area.default?.applies) {
      const cell = area.default;
      const exceptions = rows.filter((r) => r.owner !== null && r.owner !== cell.owner);
      return {
        kind: "answer",
        owner: cell.owner,
        service: null,
        area,
        cell,
        condition: null,
        unusedWords: leftover,
        alsoFor: [],
        ...(exceptions.length > 0 ? { exceptions } : {}),
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
