import type { APIEmbed, APIEmbedField } from "discord.js";
import type { Accent, PrintedCard, PrintedSection } from "../../src/views/card.js";
import { renderTable } from "../../src/views/plain.js";

/** The colour of each accent: AWS orange, customer blue, shared purple, neutral grey, success green, warning amber. */
export const ACCENT_COLOURS: Readonly<Record<Accent, number>> = {
  aws: 0xff9900,
  customer: 0x1f6feb,
  shared: 0x8250df,
  neutral: 0x8b949e,
  success: 0x2ea043,
  warning: 0xf0a020,
};

/** Discord's embed limits (characters, except `fields` and `embeds`). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Across every embed of one message. */
  total: 6000,
  /** Embeds in one message. */
  embeds: 10,
} as const;

const ELLIPSIS = "…";
/** A field needs a name; an unlabelled section gets this zero-width space. */
const BLANK = "\u200b";

/** Cuts text to at most `max` characters with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, Math.max(0, cut))}${ELLIPSIS}`;
}

/** A list cut to whole items within `max`, saying how many were left out. */
function fitItems(items: readonly string[], max: number): string {
  const lines = items.map((i) => `• ${i}`);
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    if ([...kept, line, more].join("\n").length > max) {
      if (kept.length === 0) return truncate(all, max);
      return [...kept, more].join("\n");
    }
    kept.push(line);
  }
  return kept.join("\n");
}

/** A table in a code block, so columns line up; rows that do not fit are counted, not cut. */
function fitTable(section: Extract<PrintedSection, { table: unknown }>, max: number): string {
  const [head = "", ...rows] = renderTable(section.table).map((l) => l.replace(/```/g, "'''"));
  const fence = (lines: string[]) => `\`\`\`\n${lines.join("\n")}\n\`\`\``;
  const kept: string[] = [];
  for (const [i, row] of rows.entries()) {
    const more = `… and ${rows.length - i} more`;
    if (`${fence([head, ...kept, row])}\n${more}`.length > max) {
      if (fence([head, ...kept]).length + more.length + 1 > max) return truncate(fence([head]), max);
      return `${fence([head, ...kept])}\n${more}`;
    }
    kept.push(row);
  }
  return fence([head, ...kept]);
}

/** One section's body as Discord markdown within `max` characters. */
function renderSection(section: PrintedSection, max: number): string {
  if ("text" in section) return truncate(section.text, max);
  if ("items" in section) return fitItems(section.items, max);
  return fitTable(section, max);
}

/**
 * A card as an embed within `budget` characters (and every per-part limit): the title first (for a
 * lookup, the owner), the subtitle and the sections before the first labelled one as the description,
 * each later section a field, the footer last. Parts are cut, never dropped silently.
 */
export function cardEmbed(card: PrintedCard, budget: number = EMBED_LIMITS.total): APIEmbed {
  let left = budget;
  const take = (text: string, max: number) => {
    const out = truncate(text, Math.min(max, left));
    left -= out.length;
    return out;
  };
  const embed: APIEmbed = { color: ACCENT_COLOURS[card.accent] };
  const title = take(card.title, EMBED_LIMITS.title);
  if (title !== "") embed.title = title;
  // The footer (the sources) is reserved before the body so that a long body cannot push it out.
  const footer = card.footer ? take(card.footer, Math.min(EMBED_LIMITS.footer, 512)) : "";
  const firstLabelled = card.sections.findIndex((s) => s.label !== undefined);
  const lead = firstLabelled === -1 ? card.sections : card.sections.slice(0, firstLabelled);
  const rest = firstLabelled === -1 ? [] : card.sections.slice(firstLabelled);
  const parts = card.subtitle ? [`*${card.subtitle.replace(/\*/g, "")}*`] : [];
  for (const s of lead) {
    const room = Math.min(EMBED_LIMITS.description, left) - parts.join("\n\n").length - 2;
    if (room < 20) break;
    parts.push(renderSection(s, room));
  }
  const description = take(parts.join("\n\n"), EMBED_LIMITS.description);
  if (description !== "") embed.description = description;
  const fields: APIEmbedField[] = [];
  for (const [i, s] of rest.entries()) {
    const name = truncate(s.label ?? BLANK, EMBED_LIMITS.fieldName);
    const room = Math.min(EMBED_LIMITS.fieldValue, left - name.length);
    const lastSlot = fields.length === EMBED_LIMITS.fields - 1 && i < rest.length - 1;
    if (room < 20 || lastSlot) {
      const note = `${rest.length - i} more part(s) did not fit in one message.`;
      if (left >= note.length + 1) fields.push({ name: BLANK, value: take(note, note.length) });
      left -= 1;
      break;
    }
    left -= name.length;
    const value = renderSection(s, room) || BLANK;
    left -= value.length;
    fields.push({ name, value });
  }
  if (fields.length > 0) embed.fields = fields;
  if (footer !== "") embed.footer = { text: footer };
  return embed;
}

/** The cards of one message as embeds: at most 10, and 6000 characters across them all. */
export function cardEmbeds(cards: readonly PrintedCard[]): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let left: number = EMBED_LIMITS.total;
  for (const card of cards.slice(0, EMBED_LIMITS.embeds)) {
    if (left < 50) break;
    const embed = cardEmbed(card, left);
    left -= embedSize(embed);
    embeds.push(embed);
  }
  return embeds;
}

/** The characters of an embed that count towards Discord's 6000. */
export function embedSize(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length + fields;
}
