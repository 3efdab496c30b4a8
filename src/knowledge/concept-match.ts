import type { Concept } from "../domain/concept.js";
import type { Area, Owner } from "../domain/matrix.js";
import type { LookupResult } from "./lookup-result.js";
import type { OwnershipMatrix } from "./matrix.js";
import type { Correction } from "./parse-query.js";

/** A concept named in a question, and the words left once its phrase is taken out. */
export interface ConceptHit {
  readonly concept: Concept;
  readonly rest: readonly string[];
}

/**
 * The concept a question names, or null. Two ideas of the model named together ("security of the cloud vs
 * security in the cloud") are a question about the model as a whole, answered by its overview.
 */
export function findConcept(matrix: OwnershipMatrix, words: readonly string[]): ConceptHit | null {
  const first = longestConcept(matrix, words);
  if (!first) return null;
  const second = longestConcept(matrix, first.rest);
  const model = matrix.concepts.find((c) => !c.owner && !c.duty);
  if (!second || second.concept === first.concept || first.concept.duty || second.concept.duty || !model)
    return first;
  return { concept: model, rest: second.rest };
}

/** The concept whose longest alias appears in `words` as a run of words, or null when none does. */
function longestConcept(matrix: OwnershipMatrix, words: readonly string[]): ConceptHit | null {
  const index = aliasIndex(matrix);
  let best: { entry: AliasEntry; at: number } | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const candidates = [
      ...(index.get(w) ?? []),
      ...(w.endsWith("s") ? (index.get(w.slice(0, -1)) ?? []) : []),
    ];
    for (const entry of candidates) {
      if (
        best &&
        (entry.phrase.length < best.entry.phrase.length ||
          (entry.phrase.length === best.entry.phrase.length && entry.order >= best.entry.order))
      )
        continue;
      if (i + entry.phrase.length > words.length) continue;
      if (entry.phrase.every((p, k) => words[i + k] === p || words[i + k] === `${p}s`))
        best = { entry, at: i };
    }
  }
  if (!best) return null;
  const concept = best.entry.concept;
  let rest = [...words.slice(0, best.at), ...words.slice(best.at + best.entry.phrase.length)];
  // "fire suppression and power": a second phrase of the same concept is part of the same question.
  for (let again = true; again; ) {
    again = false;
    for (const alias of concept.aliases) {
      const phrase = alias.split(" ");
      const at = indexOfRun(rest, phrase);
      if (at < 0) continue;
      rest = [...rest.slice(0, at), ...rest.slice(at + phrase.length)];
      again = true;
    }
  }
  return { concept, rest };
}

/** One alias of a concept, split into words, with its place in the file (the earlier wins a tie). */
interface AliasEntry {
  readonly concept: Concept;
  readonly phrase: readonly string[];
  readonly order: number;
}

/** Every concept alias by its first word, worked out once per matrix: lookups read it on every question. */
const aliasIndexes = new WeakMap<OwnershipMatrix, Map<string, AliasEntry[]>>();

function aliasIndex(matrix: OwnershipMatrix): Map<string, AliasEntry[]> {
  let index = aliasIndexes.get(matrix);
  if (index) return index;
  index = new Map();
  let order = 0;
  for (const concept of matrix.concepts)
    for (const alias of concept.aliases) {
      const phrase = alias.split(" ");
      const first = phrase[0] as string;
      const list = index.get(first) ?? [];
      list.push({ concept, phrase, order: order++ });
      index.set(first, list);
    }
  aliasIndexes.set(matrix, index);
  return index;
}

function indexOfRun(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++)
    if (phrase.every((w, k) => words[i + k] === w || words[i + k] === `${w}s`)) return i;
  return -1;
}

/** The concept as a lookup result: its example lookups with the owner each gives, and its related areas. */
export function conceptResult(
  matrix: OwnershipMatrix,
  concept: Concept,
  corrections: readonly Correction[],
): LookupResult {
  const examples = concept.examples.map((lookup) => ({ lookup, owner: exampleOwner(matrix, lookup) }));
  const related = concept.related.flatMap((id) => {
    const area = matrix.area(id);
    return area ? [area] : [];
  });
  return { kind: "concept", concept, examples, related, corrections };
}

/** The owner an example lookup ("ec2 host-os", "physical-security") gives, or null where it depends. */
function exampleOwner(matrix: OwnershipMatrix, lookup: string): Owner | null {
  const [first, second] = lookup.split(" ") as [string, string | undefined];
  const service = matrix.service(first);
  const area: Area | undefined = matrix.area(second ?? first);
  if (!area) return null;
  if (service && second !== undefined) {
    const cell = matrix.cell(service, area).cell;
    return cell.applies ? cell.owner : null;
  }
  const owners = new Set(
    matrix.services.map((s) => {
      const cell = matrix.cell(s, area).cell;
      return cell.applies ? cell.owner : null;
    }),
  );
  const [only] = owners;
  return owners.size === 1 && only !== undefined ? only : null;
}
