import type { Concept } from "../domain/concept.js";
import type { Area, Cell, Condition, ResolvedCell, Service, ServiceGroup } from "../domain/matrix.js";
import { NameIndex } from "./name-index.js";

/** What an alias phrase names. */
export type AliasTarget =
  | { readonly kind: "service"; readonly service: Service }
  | { readonly kind: "group"; readonly group: ServiceGroup }
  | { readonly kind: "area"; readonly area: Area };

/** An alias as a list of words, with what it names. */
export interface AliasEntry {
  readonly words: readonly string[];
  readonly phrase: string;
  readonly target: AliasTarget;
}

/** One match phrase of a condition of a service's cell. */
export interface ConditionPhrase {
  readonly area: Area;
  readonly condition: Condition;
  readonly phrase: readonly string[];
}

/** One alias of a concept, split into words, with its place in the file (the earlier wins a tie). */
export interface ConceptAlias {
  readonly concept: Concept;
  readonly phrase: readonly string[];
  readonly order: number;
}

/** The ownership matrix: services, areas, the cells between them, and an index of every alias. */
export class OwnershipMatrix {
  readonly services: readonly Service[];
  readonly groups: readonly ServiceGroup[];
  readonly areas: readonly Area[];
  private readonly servicesById = new Map<string, Service>();
  private readonly areasById = new Map<string, Area>();
  private readonly groupsById = new Map<string, ServiceGroup>();
  /** Aliases by their first word, longest phrase first. */
  private readonly aliasesByFirstWord = new Map<string, AliasEntry[]>();
  /** Every word that appears in any alias or condition phrase: the vocabulary typos are corrected to. */
  readonly vocabulary: ReadonlySet<string>;
  /** Concept aliases by their first word. */
  private readonly conceptAliasesByFirstWord = new Map<string, ConceptAlias[]>();
  /** Each service's condition phrases, worked out on its first lookup: every lookup naming it reads them. */
  private readonly phrasesByService = new Map<string, readonly ConditionPhrase[]>();

  constructor(
    services: readonly Service[],
    groups: readonly ServiceGroup[],
    areas: readonly Area[],
    private readonly cells: ReadonlyMap<string, ReadonlyMap<string, Cell>>,
    /** Ideas of the model and duties named without a service, answered on their own. */
    readonly concepts: readonly Concept[] = [],
  ) {
    this.services = services;
    this.groups = groups;
    this.areas = areas;
    for (const s of services) this.servicesById.set(s.id, s);
    for (const a of areas) this.areasById.set(a.id, a);
    for (const g of groups) this.groupsById.set(g.id, g);
    const vocabulary = new Set<string>();
    const add = (phrase: string, target: AliasTarget) => {
      const words = phrase.split(" ");
      for (const w of words) vocabulary.add(w);
      const first = words[0] as string;
      const list = this.aliasesByFirstWord.get(first) ?? [];
      list.push({ words, phrase, target });
      this.aliasesByFirstWord.set(first, list);
    };
    for (const service of services)
      for (const a of [service.id.replace(/-/g, " "), ...service.aliases])
        add(a, { kind: "service", service });
    for (const group of groups)
      for (const a of [group.id.replace(/-/g, " "), ...group.aliases]) add(a, { kind: "group", group });
    for (const area of areas)
      for (const a of [area.id.replace(/-/g, " "), ...area.aliases]) add(a, { kind: "area", area });
    for (const list of this.aliasesByFirstWord.values()) list.sort((x, y) => y.words.length - x.words.length);
    for (const byArea of cells.values())
      for (const cell of byArea.values())
        if (cell.applies)
          for (const c of cell.conditions) for (const m of c.match) for (const w of m) vocabulary.add(w);
    this.vocabulary = vocabulary;
    const names: { text: string; suggest: string }[] = [];
    for (const e of this.allAliases()) {
      const suggest =
        e.target.kind === "service"
          ? e.target.service.id
          : e.target.kind === "group"
            ? e.target.group.id
            : e.target.area.id;
      for (const w of e.words) names.push({ text: w, suggest });
    }
    this.names = new NameIndex(vocabulary, names);
    let order = 0;
    for (const concept of concepts)
      for (const alias of concept.aliases) {
        const phrase = alias.split(" ");
        const list = this.conceptAliasesByFirstWord.get(phrase[0] as string) ?? [];
        list.push({ concept, phrase, order: order++ });
        this.conceptAliasesByFirstWord.set(phrase[0] as string, list);
      }
  }

  /** Known words and names by length, for typo correction and suggestions. */
  readonly names: NameIndex;

  /** The service with this id, if any. */
  service(id: string): Service | undefined {
    return this.servicesById.get(id);
  }

  /** The area with this id, if any. */
  area(id: string): Area | undefined {
    return this.areasById.get(id);
  }

  /** The group with this id, if any. */
  group(id: string): ServiceGroup | undefined {
    return this.groupsById.get(id);
  }

  /** Aliases starting with this word, longest first. */
  aliasesStartingWith(word: string): readonly AliasEntry[] {
    return this.aliasesByFirstWord.get(word) ?? [];
  }

  /** Concept aliases whose first word this is. */
  conceptAliasesStartingWith(word: string): readonly ConceptAlias[] {
    return this.conceptAliasesByFirstWord.get(word) ?? [];
  }

  /** Every match phrase of the conditions of a service's cells. */
  conditionPhrases(service: Service): readonly ConditionPhrase[] {
    let list = this.phrasesByService.get(service.id);
    if (!list) {
      const found: ConditionPhrase[] = [];
      for (const area of this.areas) {
        const { cell } = this.cell(service, area);
        if (!cell.applies) continue;
        for (const condition of cell.conditions)
          for (const phrase of condition.match) found.push({ area, condition, phrase });
      }
      list = found;
      this.phrasesByService.set(service.id, list);
    }
    return list;
  }

  /** Every alias phrase (for suggestions). */
  *allAliases(): Iterable<AliasEntry> {
    for (const list of this.aliasesByFirstWord.values()) yield* list;
  }

  /** The cell of a service and an area: the service's own, or the area's default. */
  cell(service: Service, area: Area): ResolvedCell {
    const own = this.cells.get(service.id)?.get(area.id);
    if (own) return { service, area, cell: own, inherited: false };
    if (area.default) return { service, area, cell: area.default, inherited: true };
    throw new Error(`the matrix has no cell for ${service.id}/${area.id}`);
  }

  /** The cells a service file defines itself (without the defaults). */
  ownCells(serviceId: string): ReadonlyMap<string, Cell> {
    return this.cells.get(serviceId) ?? new Map();
  }
}
