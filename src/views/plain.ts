import type { Card, Reply, Section, Table } from "./card.js";

/** Renders a reply as the plain text a person reads in a terminal (and in `srm lookup --json`'s text). */
export function renderPlain(reply: Reply): string {
  return reply.cards.map(renderCard).join("\n\n");
}

/** Renders one card as plain text. */
export function renderCard(card: Card): string {
  const lines: string[] = [heading(card)];
  for (const s of card.sections) lines.push(...renderSection(s));
  if (card.actions && card.actions.length > 0)
    lines.push(card.actions.map((a, i) => `[${i + 1}] ${a.label}`).join("   "));
  if (card.footer) lines.push(card.footer);
  return lines.join("\n");
}

/**
 * The title and subtitle on one line, punctuated as a sentence: "Customer: Amazon EC2 · Backups", but
 * "Right! You answered B", "Answer: B (3 answered)", "This week (2026-W10), 3 people" and "Which one? (...)",
 * never "Right!: you", "A: B: C" or "(...) (...)".
 */
function heading(card: Card): string {
  const { title, subtitle } = card;
  if (!subtitle) return title;
  if (/[!.]$/.test(title)) return `${title} ${subtitle.charAt(0).toUpperCase()}${subtitle.slice(1)}`;
  if (title.endsWith(")")) return `${title}, ${subtitle}`;
  if (title.endsWith("?") || title.includes(": ")) return `${title} (${subtitle})`;
  return `${title}: ${subtitle}`;
}

function renderSection(s: Section): string[] {
  if ("text" in s) return [s.label ? `${s.label}: ${s.text}` : s.text];
  if ("items" in s) return [...(s.label ? [`${s.label}:`] : []), ...s.items.map((i) => `  - ${i}`)];
  return [...(s.label ? [`${s.label}:`] : []), ...renderTable(s.table)];
}

/** A table with columns padded to their widest cell. */
export function renderTable(t: Table): string[] {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()}`;
  return [line(t.columns), ...t.rows.map(line)];
}
