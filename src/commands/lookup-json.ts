import type { LookupResult } from "../knowledge/lookup.js";
import { learnerSources, lookupReply, lookupSuggestions } from "../views/lookup-view.js";
import { renderPlain } from "../views/plain.js";

/** The stable machine-readable answer of `srm lookup --json`. */
export interface LookupJson {
  readonly status: "answer" | "overview" | "clarify" | "unknown";
  readonly owner: "aws" | "customer" | "shared" | null;
  readonly service: { readonly id: string; readonly name: string } | null;
  readonly area: { readonly id: string; readonly name: string } | null;
  readonly text: string;
  readonly sources: readonly string[];
  readonly suggestions: readonly string[];
}

/** The contract status of a lookup result. */
export function lookupStatus(result: LookupResult): LookupJson["status"] {
  switch (result.kind) {
    case "answer":
      return "answer";
    case "service-stack":
    case "area-table":
      return "overview";
    case "not-applicable":
    case "which-service":
    case "which-area":
      return "clarify";
    case "concept":
      return result.concept.owner ? "answer" : "overview";
    case "unknown":
      return "unknown";
  }
}

const ref = (x: { id: string; name: string } | null | undefined) => (x ? { id: x.id, name: x.name } : null);

/** What a lookup found, without its text, sources or suggestions. */
export type LookupSummary = Omit<LookupJson, "text" | "sources" | "suggestions">;

/**
 * The status, owner, service and area of a result, without rendering its text. Every lookup is summarised
 * for its statistics, so this builds only those four, not the sources and suggestions the contract adds.
 */
export function lookupSummary(result: LookupResult): LookupSummary {
  const status = lookupStatus(result);
  switch (result.kind) {
    case "answer":
      return { status, owner: result.owner, service: ref(result.service), area: ref(result.area) };
    case "not-applicable":
      return { status, owner: null, service: ref(result.service), area: ref(result.area) };
    case "service-stack":
      return { status, owner: null, service: ref(result.service), area: null };
    case "area-table":
    case "which-service":
      return { status, owner: null, service: null, area: ref(result.area) };
    case "which-area":
      return {
        status,
        owner: null,
        service: result.services.length === 1 ? ref(result.services[0]) : null,
        area: null,
      };
    case "concept":
      return { status, owner: result.concept.owner ?? null, service: null, area: null };
    case "unknown":
      return { status, owner: null, service: null, area: null };
  }
}

/** Builds the JSON contract from a lookup result. */
export function lookupJson(result: LookupResult): LookupJson {
  const j = lookupJsonWith(result, renderPlain(lookupReply(result)));
  // The contract's own order, so the printed JSON reads the way the README shows it.
  return {
    status: j.status,
    owner: j.owner,
    service: j.service,
    area: j.area,
    text: j.text,
    sources: j.sources,
    suggestions: j.suggestions,
  };
}

function lookupJsonWith(result: LookupResult, text: string): LookupJson {
  const base = { ...lookupSummary(result), text, suggestions: lookupSuggestions(result) };
  switch (result.kind) {
    case "answer":
      return {
        ...base,
        sources: learnerSources([...result.cell.sources, ...(result.condition?.sources ?? [])]),
      };
    case "not-applicable":
      return { ...base, sources: learnerSources(result.cell.sources) };
    case "concept":
      return { ...base, sources: learnerSources(result.concept.sources) };
    case "area-table":
      // A shared control's table leads with what AWS's page says of it, and cites that page.
      return { ...base, sources: result.area.sharedControl ? learnerSources([]) : [] };
    default:
      return { ...base, sources: [] };
  }
}
