import { RecentMap } from "../domain/recent-map.js";
import type { LookupResult, OwnershipLookup } from "../knowledge/lookup.js";
import { stackImage, withImage } from "../pictures/card-image.js";
import { layersOfRows } from "../pictures/stack.js";
import type { Reply } from "../views/card.js";
import { lookupReply } from "../views/lookup-view.js";
import { type LookupSummary, lookupSummary } from "./lookup-json.js";

/** A lookup's reply and what its statistics record. */
export interface LookupAnswer {
  readonly summary: LookupSummary;
  readonly reply: Reply;
}

/** How many recent phrasings keep their answer; a few hundred cover what a team asks over and over. */
const REMEMBERED = 500;

/** Phrasings longer than this are answered afresh each time, so the memory stays small whatever is typed. */
const LONGEST_REMEMBERED = 200;

/**
 * Answers lookups, remembering the answers to recent phrasings. A lookup is a pure function of its text and
 * the content loaded at start, so the same phrasing gets the same reply object back without parsing,
 * matching or rendering again; front ends may keep their own rendering of a reply beside it. Replies are
 * readonly throughout, which is what makes sharing one between requests safe.
 */
export class LookupReplies {
  /** The answers to the most recently asked phrasings. */
  private readonly recent = new RecentMap<string, LookupAnswer>(REMEMBERED);

  constructor(
    private readonly lookup: OwnershipLookup,
    /** Adds what the rest of the engine offers beside an answer ("Quiz me on this"). */
    private readonly decorate: (result: LookupResult, reply: Reply) => Reply = (_result, reply) => reply,
  ) {}

  /** The answer to one phrasing. */
  answer(text: string): LookupAnswer {
    const known = this.recent.get(text);
    if (known) return known;
    const result = this.lookup.lookup(text);
    const answer = { summary: lookupSummary(result), reply: this.decorate(result, pictured(result)) };
    if (text.length <= LONGEST_REMEMBERED) this.recent.set(text, answer);
    return answer;
  }
}

/** A lookup's reply; a service's whole stack also carries the picture of its layers. */
export function pictured(result: LookupResult): Reply {
  const reply = lookupReply(result);
  return result.kind === "service-stack"
    ? withImage(reply, stackImage(result.service, layersOfRows(result.rows)))
    : reply;
}
