import type { Correction } from "../domain/lookup-result.js";
import type { Area, Service, ServiceGroup } from "../domain/matrix.js";
import type { AliasEntry, OwnershipMatrix } from "./matrix.js";
import { FOREIGN_NAMES, FOREIGN_PHRASES, ORDINARY_WORDS, VENDOR_NAMES } from "./ordinary-words.js";
import { words } from "./text.js";

/** Words a question can carry that name nothing: they are read past, never reported as unknown. */
const FILLER = new Set(
  (
    "a an the of on in at to for from with by and or but vs versus is are was be been being do does did " +
    "who whom whose what which when where why how whats who s s t it its this that these those there " +
    "i me my we our us you your yours they them their he she his her one ones " +
    "can could should would will shall must may might need needs have has had get gets " +
    "responsible responsibility responsibilities owner owners own owns owned ownership " +
    "manage manages managed managing management handle handles handling handled take takes care job duty " +
    "secure secures securing security protect protects protecting protection look looks " +
    "aws amazon cloud model shared responsibility srm please tell explain about show me mean " +
    "under inside underlying side part parts layer level thing things stuff " +
    "set setting up turn turns enable enables enabling configure configures configuring " +
    "apply applies applying do doing done run runs running keep keeps maintain maintains maintaining " +
    "service services feature features option options question answer exam"
  ).split(" "),
);

/** A service, group or area named in a query, with the words that named it. */
export type Mention =
  | { readonly kind: "service"; readonly service: Service; readonly words: readonly string[] }
  | { readonly kind: "group"; readonly group: ServiceGroup; readonly words: readonly string[] }
  | { readonly kind: "area"; readonly area: Area; readonly words: readonly string[] };

/** What a free-text lookup names, once filler is dropped and typos corrected. */
export interface ParsedQuery {
  /** Every word after correction, filler included (conditions match against these). */
  readonly words: readonly string[];
  readonly mentions: readonly Mention[];
  readonly corrections: readonly Correction[];
  /** Known words that named no service or area (condition words such as "manual" or "major"). */
  readonly leftover: readonly string[];
  /** Words nothing in the matrix knows. */
  readonly unknown: readonly string[];
}

/** The most words a lookup reads; past that the query is refused as too long. */
export const MAX_QUERY_WORDS = 40;

/** Reads a free-text lookup against the matrix's aliases. */
export function parseQuery(matrix: OwnershipMatrix, text: string): ParsedQuery {
  const raw = words(text);
  const corrections: Correction[] = [];
  const tokens = raw.map((w) => {
    const fixed = correct(matrix, w);
    if (fixed !== w && !isPlural(w, fixed)) corrections.push({ from: w, to: fixed });
    return fixed;
  });
  const mentions: Mention[] = [];
  const leftover: string[] = [];
  const unknown: string[] = foreignNames(raw);
  const plan = bestCover(matrix, tokens);
  let i = 0;
  while (i < tokens.length) {
    const entry = plan[i];
    if (entry) {
      const t = entry.target;
      if (t.kind === "service") mentions.push({ kind: "service", service: t.service, words: entry.words });
      else if (t.kind === "group") mentions.push({ kind: "group", group: t.group, words: entry.words });
      else mentions.push({ kind: "area", area: t.area, words: entry.words });
      i += entry.words.length;
      continue;
    }
    const w = tokens[i] as string;
    if (!isFiller(w) && !FOREIGN_NAMES.has(w)) (matrix.vocabulary.has(w) ? leftover : unknown).push(w);
    i++;
  }
  return { words: tokens, mentions, corrections, leftover, unknown };
}

/**
 * Which alias to read at each position so that the most words are covered, and then with the fewest
 * mentions: "kms key management" reads as KMS + key management, not as the alias "kms key" + a stray word.
 */
function bestCover(matrix: OwnershipMatrix, tokens: readonly string[]): (AliasEntry | undefined)[] {
  const n = tokens.length;
  const covered = new Array<number>(n + 1).fill(0);
  const mentions = new Array<number>(n + 1).fill(0);
  const choice = new Array<AliasEntry | undefined>(n).fill(undefined);
  for (let i = n - 1; i >= 0; i--) {
    covered[i] = covered[i + 1] as number;
    mentions[i] = mentions[i + 1] as number;
    for (const e of matrix.aliasesStartingWith(tokens[i] as string)) {
      const len = e.words.length;
      if (i + len > n || !e.words.every((w, k) => tokens[i + k] === w)) continue;
      const c = len + (covered[i + len] as number);
      const m = 1 + (mentions[i + len] as number);
      if (c > (covered[i] as number) || (c === covered[i] && m < (mentions[i] as number))) {
        covered[i] = c;
        mentions[i] = m;
        choice[i] = e;
      }
    }
  }
  const plan = new Array<AliasEntry | undefined>(n).fill(undefined);
  for (let i = 0; i < n; ) {
    const e = choice[i];
    plan[i] = e;
    i += e ? e.words.length : 1;
  }
  return plan;
}

function isPlural(from: string, to: string): boolean {
  return from === `${to}s` || from === `${to}es`;
}

/** A word that is read past: question words, and ordinary words that name no owner, service or area. */
function isFiller(word: string): boolean {
  // Vendor names are judged by the lookup, which knows whether an AWS service was named beside them.
  return FILLER.has(word) || ORDINARY_WORDS.has(word) || VENDOR_NAMES.has(word);
}

/**
 * Names of other clouds and products ("azure", "google cloud", "on premises"): a question naming one is
 * about something the matrix does not cover, even when the rest of it reads like an AWS question.
 */
function foreignNames(raw: readonly string[]): string[] {
  const found: string[] = [];
  for (const [i, w] of raw.entries()) {
    if (FOREIGN_NAMES.has(w)) found.push(w);
    const next = raw[i + 1];
    if (next !== undefined && FOREIGN_PHRASES.some(([a, b]) => a === w && b === next))
      found.push(`${w} ${next}`);
  }
  return found;
}

/** A known word, a plural of one, or the one known word within the typo budget; else the word itself. */
function correct(matrix: OwnershipMatrix, word: string): string {
  const vocabulary = matrix.vocabulary;
  if (vocabulary.has(word) || isFiller(word) || FOREIGN_NAMES.has(word) || /^\d+$/.test(word)) return word;
  if (word.endsWith("s") && vocabulary.has(word.slice(0, -1))) return word.slice(0, -1);
  if (word.endsWith("es") && vocabulary.has(word.slice(0, -2))) return word.slice(0, -2);
  return matrix.names.correct(word) ?? word;
}

/** The known names nearest to a word, for "did you mean" suggestions. */
export function nearestNames(matrix: OwnershipMatrix, word: string, limit: number): string[] {
  return matrix.names.nearest(word, limit);
}
