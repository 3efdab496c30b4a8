import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";

/** One autocomplete choice: what the person sees, and the value the command receives. */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
export const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

const normalize = (s: string) => s.toLowerCase().replace(/[-_]+/g, " ").replace(/\s+/g, " ").trim();

/** How well a phrase matches what was typed: 0 starts with it, 1 a word starts with it, 2 contains it. */
function matchRank(phrase: string, typed: string): number | null {
  const p = normalize(phrase);
  if (p.startsWith(typed)) return 0;
  if (p.split(" ").some((w) => w.startsWith(typed))) return 1;
  if (p.includes(typed)) return 2;
  return null;
}

function clip(s: string): string {
  return s.length <= MAX_CHOICE_LENGTH ? s : `${s.slice(0, MAX_CHOICE_LENGTH - 1)}…`;
}

/**
 * The entries matching what was typed, best first, as choices whose value is the id. An entry found
 * through an alias its name does not show says which alias matched, so "vm" explains Amazon EC2.
 */
function rank(entries: readonly Entry[], typedRaw: string): Choice[] {
  const typed = normalize(typedRaw);
  const found: { choice: Choice; rank: number; order: number }[] = [];
  entries.forEach((e, order) => {
    const own = Math.min(matchRank(e.id, typed) ?? 9, matchRank(e.name, typed) ?? 9);
    let best = own;
    let alias: string | null = null;
    for (const a of e.aliases) {
      const r = matchRank(a, typed);
      if (r !== null && r + 0.5 < best) {
        best = r + 0.5;
        alias = a;
      }
    }
    if (best >= 9) return;
    const label = `${e.name} (${e.id})${alias && typed !== "" ? `: "${alias}"` : ""}`;
    found.push({ choice: { name: clip(label), value: e.id.slice(0, MAX_CHOICE_LENGTH) }, rank: best, order });
  });
  return found
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, MAX_CHOICES)
    .map((f) => f.choice);
}

/** Services, tiers and service families (ecs, eks) matching what was typed. */
export function serviceChoices(matrix: OwnershipMatrix, typed: string): Choice[] {
  return rank([...matrix.services, ...matrix.groups], typed);
}

/** Responsibility areas matching what was typed. */
export function areaChoices(matrix: OwnershipMatrix, typed: string): Choice[] {
  return rank(matrix.areas, typed);
}

const PERIODS: readonly Entry[] = [
  { id: "week", name: "This week", aliases: [] },
  { id: "month", name: "This month", aliases: [] },
  { id: "all", name: "All time", aliases: ["ever"] },
  { id: "accuracy", name: "Best accuracy this week", aliases: ["percent"] },
  { id: "competition", name: "The running or latest competition", aliases: ["comp"] },
];

/** Leaderboard periods matching what was typed; a competition's name can still be typed in full. */
export function periodChoices(typed: string): Choice[] {
  return rank(PERIODS, typed);
}

/** The choices for the option being typed, by its name; none for an option without suggestions. */
export function choicesFor(matrix: OwnershipMatrix, option: string, typed: string): Choice[] {
  switch (option) {
    case "service":
      return serviceChoices(matrix, typed);
    case "area":
      return areaChoices(matrix, typed);
    case "period":
      return periodChoices(typed);
    default:
      return [];
  }
}
