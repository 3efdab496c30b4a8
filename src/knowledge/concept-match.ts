import type { Concept } from "../domain/concept.js";
import type { Correction, LookupResult } from "../domain/lookup-result.js";
import type { Area, Owner } from "../domain/matrix.js";
import type { ConceptAlias, OwnershipMatrix } from "./matrix.js";
import { indexOfRun } from "./text.js";

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
  let best: { alias: ConceptAlias; at: number } | null = null;
  for (const [i, w] of words.entries()) {
    for (const alias of aliasesAt(matrix, w)) {
      const longer = !best || alias.phrase.length > best.alias.phrase.length;
      const earlier =
        best && alias.phrase.length === best.alias.phrase.length && alias.order < best.alias.order;
      if (!longer && !earlier) continue;
      if (indexOfRun(words.slice(i, i + alias.phrase.length), alias.phrase) === 0) best = { alias, at: i };
    }
  }
  if (!best) return null;
  const concept = best.alias.concept;
  let rest = [...words.slice(0, best.at), ...words.slice(best.at + best.alias.phrase.length)];
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

/** Concept aliases that may start at a typed word: its own, and those of its singular. */
function aliasesAt(matrix: OwnershipMatrix, word: string): readonly ConceptAlias[] {
  const own = matrix.conceptAliasesStartingWith(word);
  const singular = word.endsWith("es")
    ? [
        ...matrix.conceptAliasesStartingWith(word.slice(0, -1)),
        ...matrix.conceptAliasesStartingWith(word.slice(0, -2)),
      ]
    : word.endsWith("s")
      ? matrix.conceptAliasesStartingWith(word.slice(0, -1))
      : [];
  return singular.length === 0 ? own : [...own, ...singular];
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
