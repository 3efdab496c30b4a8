import { editDistance, typoBudget } from "./text.js";

/** A name a person might have meant, and the id a suggestion offers for it. */
interface Entry {
  readonly text: string;
  readonly suggest: string;
}

/** The most typos a suggestion looks through. */
const MAX_DISTANCE = 3;

/** Every string made by deleting up to `d` characters of `word`. */
function deletions(word: string, d: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let step = 0; step < d; step++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/**
 * Known words and names indexed by their deletions (the symmetric-delete method): a typo finds its
 * candidates by a few dozen map look-ups instead of an edit-distance check against every known name.
 */
export class NameIndex {
  private readonly byDeletion = new Map<string, number[]>();
  private readonly entries: { text: string; suggest: string | null }[] = [];
  private readonly longest: number;

  /** `words`: the vocabulary typos are corrected to; `names`: words of aliases, each with the id to suggest. */
  constructor(words: Iterable<string>, names: Iterable<Entry>) {
    const index = new Map<string, number>();
    const add = (text: string, suggest: string | null) => {
      const at = index.get(text);
      if (at !== undefined) {
        const e = this.entries[at] as { text: string; suggest: string | null };
        if (e.suggest === null && suggest !== null) e.suggest = suggest;
        return;
      }
      index.set(text, this.entries.length);
      this.entries.push({ text, suggest });
    };
    for (const w of words) if (w.length >= 3) add(w, null);
    for (const n of names) if (n.text.length >= 2 && !n.text.includes(" ")) add(n.text, n.suggest);
    this.entries.forEach((e, i) => {
      for (const d of deletions(e.text, Math.min(MAX_DISTANCE, Math.max(0, e.text.length - 1)))) {
        const list = this.byDeletion.get(d);
        if (list) list.push(i);
        else this.byDeletion.set(d, [i]);
      }
    });
    this.longest = Math.max(0, ...this.entries.map((e) => e.text.length));
  }

  private within(word: string, max: number): { text: string; suggest: string | null; d: number }[] {
    if (word.length > this.longest + max) return [];
    const seen = new Set<number>();
    const found: { text: string; suggest: string | null; d: number }[] = [];
    for (const del of deletions(word, max)) {
      for (const i of this.byDeletion.get(del) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
        const e = this.entries[i] as { text: string; suggest: string | null };
        const d = editDistance(word, e.text, max);
        if (d <= max) found.push({ ...e, d });
      }
    }
    return found;
  }

  /** The one known word within the typo budget of `word`, or null when none or several are equally close. */
  correct(word: string): string | null {
    const budget = typoBudget(word);
    if (budget === 0) return null;
    const found = this.within(word, budget).filter((f) => f.text.length >= 3);
    if (found.length === 0) return null;
    const best = Math.min(...found.map((f) => f.d));
    const closest = found.filter((f) => f.d === best);
    return closest.length === 1 ? (closest[0] as { text: string }).text : null;
  }

  /** The ids of the known names nearest to `word`, closest first. */
  nearest(word: string, limit: number): string[] {
    const found = this.within(word, Math.min(MAX_DISTANCE, typoBudget(word) + 1)).filter(
      (f): f is { text: string; suggest: string; d: number } => f.suggest !== null,
    );
    found.sort((a, b) => a.d - b.d || a.suggest.localeCompare(b.suggest));
    return [...new Set(found.map((f) => f.suggest))].slice(0, limit);
  }
}
