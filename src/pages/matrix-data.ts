import type { Cell, Owner } from "../domain/matrix.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { learnerSources } from "../views/lookup-view.js";

/** One cell as the page shows it: owner (null: does not apply), both parts, why, conditions, sources. */
interface PageCell {
  readonly owner: Owner | null;
  readonly why: string;
  readonly aws?: string;
  readonly customer?: string;
  readonly inPractice?: string;
  readonly conditions?: readonly { when: string; owner: Owner; why: string }[];
  readonly see?: readonly string[];
  readonly sources: readonly string[];
}

/** The matrix as the page's script reads it. Cells an area shares with most services are kept once. */
export interface PageData {
  readonly services: readonly { id: string; name: string; tier: string }[];
  readonly areas: readonly { id: string; name: string }[];
  /** Each area's default cell (index into `cells`), or -1. */
  readonly defaults: readonly number[];
  /** Distinct cells; `grid[s][a]` is an index into this list. */
  readonly cells: readonly PageCell[];
  readonly grid: readonly (readonly number[])[];
}

function pageCell(cell: Cell): PageCell {
  const sources = learnerSources(cell.sources);
  if (!cell.applies) return { owner: null, why: cell.why, see: cell.see, sources };
  return {
    owner: cell.owner,
    why: cell.why,
    aws: cell.aws,
    customer: cell.customer,
    ...(cell.inPractice ? { inPractice: cell.inPractice } : {}),
    ...(cell.conditions.length > 0
      ? { conditions: cell.conditions.map((c) => ({ when: c.when, owner: c.owner, why: c.why })) }
      : {}),
    sources,
  };
}

/** The whole matrix for the page: every service by every area, each cell written once. */
export function pageData(matrix: OwnershipMatrix): PageData {
  const cells: PageCell[] = [];
  const index = new Map<Cell, number>();
  const indexOf = (cell: Cell) => {
    let i = index.get(cell);
    if (i === undefined) {
      i = cells.length;
      cells.push(pageCell(cell));
      index.set(cell, i);
    }
    return i;
  };
  const services = matrix.services.filter((s) => s.kind === "service");
  return {
    services: services.map((s) => ({ id: s.id, name: s.name, tier: s.tier ?? "" })),
    areas: matrix.areas.map((a) => ({ id: a.id, name: a.name })),
    defaults: matrix.areas.map((a) => (a.default ? indexOf(a.default) : -1)),
    cells,
    grid: services.map((s) => matrix.areas.map((a) => indexOf(matrix.cell(s, a).cell))),
  };
}
