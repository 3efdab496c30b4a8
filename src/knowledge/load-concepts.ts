import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Concept } from "../domain/concept.js";
import type { Area, Cell, Owner, Service } from "../domain/matrix.js";
import { type ContentReader, didYouMean } from "./content-file.js";

interface RawConcepts {
  concepts: {
    id: string;
    name: string;
    aliases: string[];
    duty?: boolean;
    owner?: Owner;
    definition: string;
    aws?: string;
    customer?: string;
    examples: string[];
    related?: string[];
    sources: string[];
  }[];
}

/** What a concept's examples and aliases are checked against. */
export interface ConceptContext {
  readonly services: readonly Service[];
  readonly areas: readonly Area[];
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, Cell>>;
  /** Every alias phrase of a service, group or area: a concept may not take one. */
  readonly aliases: ReadonlySet<string>;
}

/**
 * Reads matrix/concepts.yaml (optional: a matrix without it has no concepts) and checks that every example
 * names a lookup that exists and no alias takes a phrase that already names a service, group or area.
 */
export function loadConcepts(dir: string, context: ConceptContext, reader: ContentReader): Concept[] {
  const path = join(dir, "concepts.yaml");
  if (!existsSync(path)) return [];
  const file = reader.read<RawConcepts>(path, "concepts.schema.json");
  if (!file) return [];
  const serviceIds = new Set(context.services.map((s) => s.id));
  const areaIds = new Set(context.areas.map((a) => a.id));
  const ids = new Set<string>();
  const taken = new Map<string, string>();
  file.data.concepts.forEach((c, i) => {
    if (ids.has(c.id))
      reader.report(file.path, file.lineOf(["concepts", i, "id"]), `id "${c.id}" is used twice`);
    ids.add(c.id);
    c.aliases.forEach((alias, j) => {
      const at = file.lineOf(["concepts", i, "aliases", j]);
      if (context.aliases.has(alias))
        reader.report(
          file.path,
          at,
          `alias "${alias}" already names a service or area; a concept may not take it`,
        );
      const other = taken.get(alias);
      if (other !== undefined && other !== c.id)
        reader.report(file.path, at, `alias "${alias}" already names concept ${other}`);
      taken.set(alias, c.id);
    });
    c.examples.forEach((example, j) => {
      const problem = exampleProblem(example, serviceIds, areaIds, context);
      if (problem) reader.report(file.path, file.lineOf(["concepts", i, "examples", j]), problem);
    });
    (c.related ?? []).forEach((a, j) => {
      if (!areaIds.has(a))
        reader.report(
          file.path,
          file.lineOf(["concepts", i, "related", j]),
          `unknown area "${a}"${didYouMean(a, areaIds)}`,
        );
    });
  });
  return file.data.concepts.map((c) => ({
    id: c.id,
    name: c.name,
    aliases: c.aliases,
    duty: c.duty ?? false,
    ...(c.owner ? { owner: c.owner } : {}),
    definition: c.definition,
    ...(c.aws ? { aws: c.aws } : {}),
    ...(c.customer ? { customer: c.customer } : {}),
    examples: c.examples,
    related: c.related ?? [],
    sources: c.sources,
  }));
}

/** Why an example lookup ("ec2 guest-os-patching", "physical-security") would not work, or null. */
function exampleProblem(
  example: string,
  serviceIds: ReadonlySet<string>,
  areaIds: ReadonlySet<string>,
  context: ConceptContext,
): string | null {
  const [first, second] = example.split(" ") as [string, string | undefined];
  if (second === undefined) {
    if (areaIds.has(first) || serviceIds.has(first)) return null;
    return `example "${example}" names no service or area${didYouMean(first, [...areaIds, ...serviceIds])}`;
  }
  if (!serviceIds.has(first))
    return `example "${example}": unknown service "${first}"${didYouMean(first, serviceIds)}`;
  const area = context.areas.find((a) => a.id === second);
  if (!area) return `example "${example}": unknown area "${second}"${didYouMean(second, areaIds)}`;
  const cell = context.cells.get(first)?.get(second) ?? area.default;
  if (!cell) return `example "${example}": the matrix has no cell for ${first}/${second}`;
  return null;
}
