import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Area, Cell, Condition, Owner, Service, ServiceGroup } from "../domain/matrix.js";
import { type ContentFile, ContentInvalid, ContentReader, didYouMean } from "./content-file.js";
import { loadConcepts } from "./load-concepts.js";
import { OwnershipMatrix } from "./matrix.js";

interface RawCondition {
  id: string;
  when: string;
  match: string[];
  owner: Owner;
  aws?: string;
  customer?: string;
  why: string;
  sources?: string[];
}
type RawCell =
  | {
      owner: Owner;
      aws: string;
      customer: string;
      why: string;
      sources: string[];
      conditions?: RawCondition[];
      in_practice?: string;
      applies?: undefined;
    }
  | { applies: false; why: string; see: string[]; sources: string[] };
interface RawServices {
  services: (Omit<Service, "area"> & { area?: string })[];
  groups: ServiceGroup[];
}
interface RawAreas {
  areas: {
    id: string;
    name: string;
    aliases: string[];
    summary: string;
    narrower?: string[];
    sharedControl?: boolean;
    default?: RawCell;
  }[];
}
interface RawCells {
  service: string;
  cells: Record<string, RawCell>;
}

/** Loads questions/matrix, validates it against its schemas and its own rules; throws ContentInvalid. */
export function loadMatrix(contentDir: string, reader = new ContentReader(contentDir)): OwnershipMatrix {
  const dir = join(contentDir, "matrix");
  const servicesFile = reader.read<RawServices>(join(dir, "services.yaml"), "services.schema.json");
  const areasFile = reader.read<RawAreas>(join(dir, "areas.yaml"), "areas.schema.json");
  const cellFiles: ContentFile<RawCells>[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(dir, "cells"))
      .filter((n) => n.endsWith(".yaml") || n.endsWith(".yml"))
      .sort();
  } catch (error) {
    reader.report(
      reader.display(join(dir, "cells")),
      1,
      `cannot list the cell files (${(error as Error).message})`,
    );
  }
  for (const name of names) {
    const f = reader.read<RawCells>(join(dir, "cells", name), "cells.schema.json");
    if (f) cellFiles.push(f);
  }
  if (!servicesFile || !areasFile) throw new ContentInvalid(reader.found);

  const services: Service[] = servicesFile.data.services.map((s) => ({ ...s }));
  const groups: ServiceGroup[] = servicesFile.data.groups;
  const areas: Area[] = areasFile.data.areas.map((a, i) => ({
    id: a.id,
    name: a.name,
    aliases: a.aliases,
    summary: a.summary,
    narrower: a.narrower ?? [],
    ...(a.sharedControl ? { sharedControl: true } : {}),
    ...(a.default ? { default: toCell(a.default, areasFile, ["areas", i, "default"], reader) } : {}),
  }));
  const serviceIds = new Set(services.map((s) => s.id));
  const areaIds = new Set(areas.map((a) => a.id));

  checkIdsAndAliases(servicesFile, areasFile, reader);
  servicesFile.data.groups.forEach((g, i) => {
    g.members.forEach((m, j) => {
      if (!serviceIds.has(m))
        reader.report(
          servicesFile.path,
          servicesFile.lineOf(["groups", i, "members", j]),
          `unknown service "${m}"${didYouMean(m, serviceIds)}`,
        );
    });
  });
  servicesFile.data.services.forEach((s, i) => {
    if (s.area && !areaIds.has(s.area))
      reader.report(
        servicesFile.path,
        servicesFile.lineOf(["services", i, "area"]),
        `unknown area "${s.area}"${didYouMean(s.area, areaIds)}`,
      );
    if (s.kind === "service" && !s.tier)
      reader.report(
        servicesFile.path,
        servicesFile.lineOf(["services", i]),
        `service "${s.id}" needs a tier`,
      );
  });
  areasFile.data.areas.forEach((a, i) => {
    (a.narrower ?? []).forEach((n, j) => {
      if (!areaIds.has(n))
        reader.report(
          areasFile.path,
          areasFile.lineOf(["areas", i, "narrower", j]),
          `unknown area "${n}"${didYouMean(n, areaIds)}`,
        );
    });
  });

  const cells = new Map<string, Map<string, Cell>>();
  for (const f of cellFiles) {
    const sid = f.data.service;
    if (!serviceIds.has(sid)) {
      reader.report(
        f.path,
        f.lineOf(["service"]),
        `unknown service "${sid}"${didYouMean(sid, serviceIds)} (ids are in services.yaml)`,
      );
      continue;
    }
    if (cells.has(sid)) {
      reader.report(f.path, f.lineOf(["service"]), `a second cell file for service "${sid}"`);
      continue;
    }
    const byArea = new Map<string, Cell>();
    for (const [aid, raw] of Object.entries(f.data.cells)) {
      if (!areaIds.has(aid)) {
        reader.report(
          f.path,
          f.lineOf(["cells", aid]),
          `unknown area "${aid}"${didYouMean(aid, areaIds)} (ids are in areas.yaml)`,
        );
        continue;
      }
      byArea.set(aid, toCell(raw, f, ["cells", aid], reader));
      if (raw.applies === false) {
        raw.see.forEach((target, j) => {
          if (!seeTargetExists(target, serviceIds, areaIds))
            reader.report(
              f.path,
              f.lineOf(["cells", aid, "see", j]),
              `"see" names nothing known: "${target}"`,
            );
        });
      }
    }
    cells.set(sid, byArea);
  }
  for (const s of services) {
    const own = cells.get(s.id);
    if (!own) {
      reader.report(
        reader.display(join(dir, "cells")),
        1,
        `service "${s.id}" has no cell file (add cells/${s.id}.yaml)`,
      );
      continue;
    }
    const file = cellFiles.find((f) => f.data.service === s.id);
    for (const a of areas) {
      if (!own.has(a.id) && !a.default && file)
        reader.report(
          file.path,
          file.lineOf(["cells"]),
          `no cell for area "${a.id}" and the area has no default`,
        );
    }
  }
  const aliases = new Set<string>(
    [...services, ...groups, ...areas].flatMap((x) => [x.id.replace(/-/g, " "), ...x.aliases]),
  );
  const concepts = loadConcepts(dir, { services, areas, cells, aliases }, reader);
  if (reader.found.length > 0) throw new ContentInvalid(reader.found);
  return new OwnershipMatrix(services, groups, areas, cells, concepts);
}

function seeTargetExists(target: string, services: Set<string>, areas: Set<string>): boolean {
  const [a, b] = target.split("/");
  if (b !== undefined) return services.has(a as string) && areas.has(b);
  return services.has(a as string) || areas.has(a as string);
}

function toCell<T>(raw: RawCell, file: ContentFile<T>, at: (string | number)[], reader: ContentReader): Cell {
  if (raw.applies === false) return { applies: false, why: raw.why, see: raw.see, sources: raw.sources };
  const seen = new Set<string>();
  const conditions: Condition[] = (raw.conditions ?? []).map((c, i) => {
    if (seen.has(c.id))
      reader.report(file.path, file.lineOf([...at, "conditions", i, "id"]), `condition id "${c.id}" repeats`);
    seen.add(c.id);
    return {
      id: c.id,
      when: c.when,
      match: c.match.map((m) => m.split(" ")),
      owner: c.owner,
      why: c.why,
      ...(c.aws ? { aws: c.aws } : {}),
      ...(c.customer ? { customer: c.customer } : {}),
      ...(c.sources ? { sources: c.sources } : {}),
    };
  });
  // A learner who reads only the headline must be told at once when a case hands the duty to the other side.
  const other = conditions.find((c) => c.owner !== raw.owner && c.owner !== "shared");
  if (raw.owner !== "shared" && other && !raw.in_practice)
    reader.report(
      file.path,
      file.lineOf([...at, "owner"]),
      `the headline says ${raw.owner} but condition "${other.id}" says ${other.owner}: add an in_practice line that says so`,
    );
  return {
    applies: true,
    owner: raw.owner,
    aws: raw.aws,
    customer: raw.customer,
    why: raw.why,
    sources: raw.sources,
    conditions,
    ...(raw.in_practice ? { inPractice: raw.in_practice } : {}),
  };
}

/** Ids are unique across services, groups and areas, and no alias names two different things. */
function checkIdsAndAliases(
  servicesFile: ContentFile<RawServices>,
  areasFile: ContentFile<RawAreas>,
  reader: ContentReader,
): void {
  const ids = new Map<string, string>();
  const aliases = new Map<string, string>();
  const visit = <T>(
    file: ContentFile<T>,
    list: string,
    items: readonly { id: string; aliases: readonly string[] }[],
    kind: string,
  ) => {
    items.forEach((item, i) => {
      const key = `${kind}:${item.id}`;
      if (ids.has(`${kind}:${item.id}`))
        reader.report(file.path, file.lineOf([list, i, "id"]), `id "${item.id}" is used twice`);
      ids.set(key, item.id);
      item.aliases.forEach((alias, j) => {
        const owner = aliases.get(alias);
        if (owner !== undefined && owner !== key)
          reader.report(
            file.path,
            file.lineOf([list, i, "aliases", j]),
            `alias "${alias}" already names ${owner.replace(":", " ")}`,
          );
        aliases.set(alias, key);
      });
    });
  };
  visit(servicesFile, "services", servicesFile.data.services, "service");
  visit(servicesFile, "groups", servicesFile.data.groups, "group");
  visit(areasFile, "areas", areasFile.data.areas, "area");
}
