/** Lowercases, folds accents and reads every run of non-alphanumerics as one space. */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Whether a typed word is a known word as written or as its plural ("upgrades" reads as "upgrade"). */
export function readsAs(word: string, known: string): boolean {
  return word === known || word === `${known}s` || word === `${known}es`;
}

/** The index of the first run of `words` that reads as `phrase` word for word, or -1. */
export function indexOfRun(words: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++)
    if (phrase.every((p, k) => readsAs(words[i + k] as string, p))) return i;
  return -1;
}

/** The words of a text after normalization. */
export function words(text: string): string[] {
  const n = normalize(text);
  return n === "" ? [] : n.split(" ");
}

const MAX_COMPARED = 128;
// Three reusable rows: distance checks run for every unknown word, so they allocate nothing.
const rows = [
  new Int32Array(MAX_COMPARED + 1),
  new Int32Array(MAX_COMPARED + 1),
  new Int32Array(MAX_COMPARED + 1),
];

/** Optimal-string-alignment distance, stopping early once it exceeds `max` (longer strings never match). */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max || a.length > MAX_COMPARED || b.length > MAX_COMPARED)
    return max + 1;
  const n = b.length;
  let prevPrev = rows[0] as Int32Array;
  let prev = rows[1] as Int32Array;
  let cur = rows[2] as Int32Array;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

/** How many typos a word of this length may carry and still be corrected. */
export function typoBudget(word: string): number {
  if (word.length < 4) return 0;
  if (word.length < 8) return 1;
  return 2;
}
