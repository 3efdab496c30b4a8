import { printText, type Syntax } from "../domain/text.js";
import type { Card, Reply, Section, Table } from "./card.js";

/** Renders a reply as the plain text a person reads in a terminal (and in `srm lookup --json`'s text). */
export function renderPlain(reply: Reply, syntax: Syntax): string {
  return reply.cards.map((c) => renderCard(c, syntax)).join("\n\n");
}

/** Renders one card as plain text. */
export function renderCard(card: Card, syntax: Syntax): string {
  const lines: string[] = [heading(card, syntax)];
  for (const s of card.sections) lines.push(...renderSection(s, syntax));
  if (card.actions && card.actions.length > 0)
    lines.push(card.actions.map((a, i) => `[${i + 1}] ${a.label}`).join("   "));
  if (card.footer) lines.push(printText(card.footer, syntax));
  return lines.join("\n");
}

/**
 * The title and subtitle on one line, punctuated as a sentence: "Customer: Amazon EC2 · Backups", but
 * "Right! You answered B", "Answer: B (3 answered)", "This week (2026-W10), 3 people" and "Which one? (...)",
 * never "Right!: you", "A: B: C" or "(...) (...)".
 */
function heading(card: Card, syntax: Syntax): string {
  const title = card.title;
  const subtitle = card.subtitle === undefined ? undefined : printText(card.subtitle, syntax);
  if (!subtitle) return title;
  if (/[!.]$/.test(title)) return `${title} ${subtitle.charAt(0).toUpperCase()}${subtitle.slice(1)}`;
  if (title.endsWith(")")) return `${title}, ${subtitle}`;
  if (title.endsWith("?") || title.includes(": ")) return `${title} (${subtitle})`;
  return `${title}: ${subtitle}`;
}

function renderSection(s: Section, syntax: Syntax): string[] {
  if ("text" in s) {
    const text = printText(s.text, syntax);
    return [s.label ? `${s.label}: ${text}` : text];
  }
  if ("items" in s)
    return [...(s.label ? [`${s.label}:`] : []), ...s.items.map((i) => `  - ${printText(i, syntax)}`)];
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
