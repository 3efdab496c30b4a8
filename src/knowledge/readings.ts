import type { Area, Condition, ResolvedCell, Service } from "../domain/matrix.js";
import type { ConditionPhrase, OwnershipMatrix } from "./matrix.js";
import type { Mention } from "./parse-query.js";
import { indexOfRun } from "./text.js";

/** A condition of one of a service's cells that the asked words name. */
export type ConditionHit = ConditionPhrase;

/**
 * Generic nouns that name a service only when nothing more specific is named: in "who encrypts ec2
 * volumes" the volumes are EC2's, and in "beanstalk instances" the instances are Beanstalk's.
 */
const GENERIC_SERVICE_WORDS = new Set([
  "instance",
  "instances",
  "volume",
  "volumes",
  "function",
  "functions",
  "bucket",
  "buckets",
  "objects",
  "queue",
  "queues",
  "topic",
  "topics",
  "distribution",
  "distributions",
  "subnet",
  "subnets",
  "vm",
  "virtual machine",
]);

/** The words a person asked, with plurals also read as their singular ("upgrades" names "upgrade"). */
export function askedWords(words: readonly string[]): Set<string> {
  const set = new Set(words);
  for (const w of words) {
    if (w.length > 3 && w.endsWith("es")) set.add(w.slice(0, -2));
    if (w.length > 3 && w.endsWith("s")) set.add(w.slice(0, -1));
  }
  return set;
}

/** The condition of a cell that the asked words name, preferring the most specific phrase. */
export function matchCondition(
  resolved: ResolvedCell,
  asked: ReadonlySet<string>,
): { condition: Condition; phrase: readonly string[] } | null {
  if (!resolved.cell.applies) return null;
  let best: { condition: Condition; phrase: readonly string[] } | null = null;
  for (const condition of resolved.cell.conditions) {
    for (const phrase of condition.match) {
      if (phrase.every((w) => asked.has(w)) && (!best || phrase.length > best.phrase.length)) {
        best = { condition, phrase };
      }
    }
  }
  return best;
}

/**
 * Every condition of the service's cells whose phrase the question says word for word, longest phrase
 * first. Used to re-read the question, so a phrase must stand together: "s3 sse kms" does not say
 * "sse s3".
 */
export function conditionHits(
  matrix: OwnershipMatrix,
  service: Service,
  words: readonly string[],
): ConditionHit[] {
  const hits: ConditionHit[] = [];
  for (const { area, condition, phrase } of matrix.conditionPhrases(service)) {
    if (indexOfRun(words, phrase) < 0) continue;
    const known = hits.findIndex((h) => h.area === area);
    if (known < 0) hits.push({ area, condition, phrase });
    else if (phrase.length > (hits[known] as ConditionHit).phrase.length)
      hits[known] = { area, condition, phrase };
  }
  return hits.sort((a, b) => b.phrase.length - a.phrase.length);
}

/**
 * Reads the mentions again where a condition of a named service explains their words: "rds single az"
 * is the single-AZ condition of high availability, not the Availability Zones of global infrastructure,
 * and in "lambda security groups without vpc" the VPC belongs to the condition, not to a second service
 * (nor, in "batch fargate", to the Fargate group: there Fargate is Batch's compute option).
 * A generic word that names a service ("instances") gives way to a specific one named beside it.
 */
export function absorbMentions(
  matrix: OwnershipMatrix,
  mentions: readonly Mention[],
  words: readonly string[],
): { mentions: Mention[]; forcedAreas: Area[] } {
  let kept = [...mentions];
  const specific = kept.filter((m) => m.kind === "service" && !GENERIC_SERVICE_WORDS.has(m.words.join(" ")));
  if (specific.length > 0)
    kept = kept.filter(
      (m) =>
        m.kind !== "service" ||
        !GENERIC_SERVICE_WORDS.has(m.words.join(" ")) ||
        specific.some((s) => s.kind === "service" && s.service.id === m.service.id),
    );
  const forcedAreas: Area[] = [];
  const services = kept.flatMap((m) => (m.kind === "service" ? [m.service] : []));
  for (const service of new Set(services)) {
    const hits = conditionHits(matrix, service, words);
    for (const hit of hits) {
      const inPhrase = (m: Mention, phrase: readonly string[]) =>
        m.words.length <= phrase.length && m.words.every((w) => phrase.includes(w));
      // An area keeps its words when one of its own conditions explains them as well.
      const explainedAtHome = (m: Mention) =>
        m.kind === "area" && hits.some((h) => h.area.id === m.area.id && inPhrase(m, h.phrase));
      const absorbed = kept.filter(
        (m) =>
          (m.kind === "area" &&
            m.area.id !== hit.area.id &&
            inPhrase(m, hit.phrase) &&
            !explainedAtHome(m)) ||
          (m.kind === "service" && m.service.id !== service.id && inPhrase(m, hit.phrase)) ||
          (m.kind === "group" && inPhrase(m, hit.phrase)),
      );
      if (absorbed.length === 0) continue;
      kept = kept.filter((m) => !absorbed.includes(m));
      if (absorbed.some((m) => m.kind === "area") && !forcedAreas.includes(hit.area))
        forcedAreas.push(hit.area);
    }
  }
  return { mentions: kept, forcedAreas };
}
