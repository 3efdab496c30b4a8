import type { Owner } from "../domain/matrix.js";
import { printText, type Syntax, type Text } from "../domain/text.js";

/** The colour family of a card: an owner, or a neutral, success or warning notice. */
export type Accent = Owner | "neutral" | "success" | "warning";

/** A table of plain-text cells; the first row of `rows` is data, `columns` are the headings. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One block of a card: a paragraph, a list or a table, with an optional label. */
export type Section =
  | { readonly label?: string; readonly text: Text }
  | { readonly label?: string; readonly items: readonly Text[] }
  | { readonly label?: string; readonly table: Table };

/** A button a person can press; `id` comes back to the engine unchanged. */
export interface Action {
  readonly id: string;
  readonly label: string;
  readonly style?: "primary" | "danger";
}

/** A select menu: choosing an option sends that option's id back to the engine, as a button press does. */
export interface Menu {
  readonly id: string;
  /** What the menu asks, shown until something is chosen. */
  readonly placeholder: string;
  readonly options: readonly Action[];
}

/** Choices made part by part and sent together: one menu per part, then the submit button. */
export interface Picker {
  /** What the menus are for, shown above them where the platform has room for text. */
  readonly label: string;
  readonly menus: readonly Menu[];
  readonly submit: Action;
}

/** A picture shown with a card (never instead of its text): PNG bytes, alt text and a file name. */
export interface CardImage {
  readonly png: Uint8Array;
  readonly alt: string;
  readonly name: string;
}

/** A platform-neutral reply card: Slack renders it as Block Kit, Discord as an embed, the terminal as text. */
export interface Card {
  readonly accent: Accent;
  /** The first thing the eye meets: for a lookup, the owner. */
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly Section[];
  readonly footer?: Text;
  readonly actions?: readonly Action[];
  /** Menus per part (a split question's duties); a front end without menus leaves them out. */
  readonly picker?: Picker;
  /** A picture of what the text says: Slack and Discord show it, the terminal writes it to a file. */
  readonly image?: CardImage;
}

/** Who sees a reply: only the person who asked, or the whole channel. */
export type Visibility = "private" | "channel";

/** A reply from the engine to one command. */
export interface Reply {
  readonly visibility: Visibility;
  readonly cards: readonly Card[];
}

/** A reply seen only by the asker. */
export function privateReply(...cards: Card[]): Reply {
  return { visibility: "private", cards };
}

/** A reply the whole channel sees. */
export function channelReply(...cards: Card[]): Reply {
  return { visibility: "channel", cards };
}

/** A short notice card (refusals, confirmations, errors). */
export function notice(accent: Accent, title: string, text?: Text): Card {
  return { accent, title, sections: text ? [{ text }] : [] };
}

/** A section with its references printed in one front end's syntax. */
export type PrintedSection =
  | { readonly label?: string; readonly text: string }
  | { readonly label?: string; readonly items: readonly string[] }
  | { readonly label?: string; readonly table: Table };

/** A card as one front end shows it: every text printed in that front end's syntax. */
export interface PrintedCard extends Omit<Card, "footer" | "sections"> {
  readonly footer?: string;
  readonly sections: readonly PrintedSection[];
}

/** A card printed in a front end's syntax (commands as that front end types them). */
export function printCard(card: Card, syntax: Syntax): PrintedCard {
  const sections = card.sections.map((s): PrintedSection => {
    const label = s.label === undefined ? {} : { label: s.label };
    if ("text" in s) return { ...label, text: printText(s.text, syntax) };
    if ("items" in s) return { ...label, items: s.items.map((i) => printText(i, syntax)) };
    return s;
  });
  const { footer, ...rest } = card;
  return {
    ...rest,
    sections,
    ...(footer === undefined ? {} : { footer: printText(footer, syntax) }),
  };
}
