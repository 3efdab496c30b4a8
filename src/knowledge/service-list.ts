import type { Service } from "../domain/matrix.js";
import type { OwnershipMatrix } from "./matrix.js";
import { words } from "./text.js";

/** How many services a comparison takes. */
export const COMPARED = { fewest: 2, most: 5 } as const;

/** Words that join the names in "ec2 vs fargate" or "ec2, rds and lambda" and name nothing themselves. */
const JOINERS = new Set(["vs", "v", "versus", "and", "or", "with", "to", "against", "compare", "compared"]);

/** The services a comparison names, or why it cannot be drawn. */
export type ServiceList =
  | {
      readonly ok: true;
      readonly services: readonly Service[];
      /** Typos read as the name they are closest to ("lamda" as "lambda"). */
      readonly corrections: readonly { readonly from: string; readonly to: string }[];
    }
  | { readonly ok: false; readonly problem: "too-few"; readonly services: readonly Service[] }
  | { readonly ok: false; readonly problem: "too-many"; readonly services: readonly Service[] }
  | {
      readonly ok: false;
      readonly problem: "unknown";
      /** The words that name no service, as typed (after normalization). */
      readonly unknown: readonly string[];
      /** Service ids close to the unknown words. */
      readonly suggestions: readonly string[];
    }
  | { readonly ok: false; readonly problem: "area"; readonly area: string };

/**
 * Reads "ec2 rds lambda", "ec2 vs fargate" or "iaas, paas and serverless" as the services to compare. A word
 * naming several services (fargate, eks) stands for each of them, so the picture shows every variant rather
 * than guessing one; a service named twice counts once.
 */
export function parseServiceList(matrix: OwnershipMatrix, text: string): ServiceList {
  const typed = words(text);
  const found: Service[] = [];
  const unknown: string[] = [];
  const corrections: { from: string; to: string }[] = [];
  const add = (s: Service | undefined) => {
    if (s && !found.includes(s)) found.push(s);
  };
  for (let i = 0; i < typed.length; ) {
    const word = typed[i] as string;
    const starting = (w: string) =>
      matrix.aliasesStartingWith(w).find((e) => e.words.slice(1).every((x, k) => typed[i + 1 + k] === x));
    let entry = starting(word);
    if (!entry && !JOINERS.has(word)) {
      // A typo of a one-word name is read as that name, and the reply says so, as lookups do.
      const corrected = matrix.names.correct(word);
      const fixed = corrected ? starting(corrected) : undefined;
      if (corrected && fixed?.words.length === 1) {
        entry = fixed;
        corrections.push({ from: word, to: corrected });
      }
    }
    if (entry) {
      if (entry.target.kind === "area") return { ok: false, problem: "area", area: entry.target.area.name };
      if (entry.target.kind === "service") add(entry.target.service);
      else for (const id of entry.target.group.members) add(matrix.service(id));
      i += entry.words.length;
      continue;
    }
    if (!JOINERS.has(word)) unknown.push(word);
    i++;
  }
  if (unknown.length > 0) {
    const suggestions = [...new Set(unknown.flatMap((w) => matrix.names.nearest(w, 3)))].filter((id) =>
      matrix.service(id),
    );
    return { ok: false, problem: "unknown", unknown, suggestions };
  }
  if (found.length < COMPARED.fewest) return { ok: false, problem: "too-few", services: found };
  if (found.length > COMPARED.most) return { ok: false, problem: "too-many", services: found };
  return { ok: true, services: found, corrections };
}
