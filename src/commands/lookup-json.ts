import type { LookupResult } from "../knowledge/lookup.js";
import { learnerSources, lookupReply, lookupSuggestions } from "../views/lookup-view.js";
import { renderPlain } from "../views/plain.js";
import { TEXT_SYNTAX } from "./index.js";

/** The stable machine-readable answer of `srm lookup --json`. */
export interface LookupJson {
  readonly status: "answer" | "overview" | "clarify" | "unknown";
  readonly owner: "aws" | "customer" | "shared" | null;
  readonly service: { readonly id: string; readonly name: string } | null;
  readonly area: { readonly id: string; readonly name: string } | null;
  /** The cell's headline owner (the plain question's answer), even when a named case gave `owner`. */
  readonly headline_owner: "aws" | "customer" | "shared" | null;
  /** The line under the headline when AWS's detailed docs split the duty; null when there is none. */
  readonly in_practice: string | null;
  /** The cases whose owner differs from the headline owner of the cell; empty when there are none. */
  readonly split: readonly SplitCase[];
  readonly text: string;
  readonly sources: readonly string[];
  readonly suggestions: readonly string[];
}

/** One case of a cell that has another owner than its headline: "Automatic minor version upgrade is turned off". */
export interface SplitCase {
  readonly condition: string;
  readonly when: string;
  readonly owner: "aws" | "customer" | "shared";
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

/** What a lookup found, without its text, sources, suggestions or split. */
export type LookupSummary = Omit<
  LookupJson,
  "text" | "sources" | "suggestions" | "headline_owner" | "in_practice" | "split"
>;

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
  const j = lookupJsonWith(result, renderPlain(lookupReply(result), TEXT_SYNTAX));
  // The contract's own order, so the printed JSON reads the way the README shows it.
  return {
    status: j.status,
    owner: j.owner,
    service: j.service,
    area: j.area,
    headline_owner: j.headline_owner,
    in_practice: j.in_practice,
    split: j.split,
    text: j.text,
    sources: j.sources,
    suggestions: j.suggestions,
  };
}

function lookupJsonWith(result: LookupResult, text: string): LookupJson {
  const base = {
    ...lookupSummary(result),
    headline_owner: null,
    in_practice: null,
    split: [],
    text,
    suggestions: lookupSuggestions(result),
  };
  switch (result.kind) {
    case "answer": {
      const cell = result.cell;
      return {
        ...base,
        headline_owner: cell.owner,
        // The headline's own line, not a matched case's: a case is already the answer's owner.
        in_practice: result.condition ? null : (cell.inPractice ?? null),
        split: cell.conditions
          .filter((c) => c.owner !== cell.owner)
          .map((c) => ({ condition: c.id, when: c.when, owner: c.owner })),
        sources: learnerSources([...cell.sources, ...(result.condition?.sources ?? [])]),
      };
    }
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
