import type { Concept } from "./concept.js";
import type {
  ApplicableCell,
  Area,
  Condition,
  NotApplicableCell,
  Owner,
  ResolvedCell,
  Service,
  ServiceGroup,
} from "./matrix.js";

/** A word the query misspelled and the word it was read as. */
export interface Correction {
  readonly from: string;
  readonly to: string;
}

/** One row of a comparison across services or areas. */
export interface OwnerRow {
  readonly service: Service;
  readonly area: Area;
  readonly resolved: ResolvedCell;
  /** The owner, or null where the area does not apply to the service. */
  readonly owner: Owner | null;
}

/** Which words of a long question named which service, group or area. */
export interface ReadAs {
  readonly words: string;
  readonly name: string;
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
      /** Other services the name could mean, for which the same owner holds. */
      readonly alsoFor: readonly Service[];
      /** For an answer that names no service: the services whose owner differs from it. */
      readonly exceptions?: readonly OwnerRow[];
      /** Set for questions in many words: what their words were read as. */
      readonly readAs?: readonly ReadAs[];
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
      /** Set for questions in many words: what their words were read as. */
      readonly readAs?: readonly ReadAs[];
      readonly corrections: readonly Correction[];
    }
  | {
      readonly kind: "area-table";
      readonly area: Area;
      readonly rows: readonly OwnerRow[];
      /** Set for questions in many words: what their words were read as. */
      readonly readAs?: readonly ReadAs[];
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
      readonly kind: "concept";
      readonly concept: Concept;
      /** The concept's example lookups, each with the owner it gives (null where the owner depends). */
      readonly examples: readonly { readonly lookup: string; readonly owner: Owner | null }[];
      readonly related: readonly Area[];
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
