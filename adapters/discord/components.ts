import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Action, Picker } from "../../src/views/card.js";

/** Discord's limits on buttons: 5 per row, 5 rows per message, custom_id 1-100 and label 1-80 characters. */
export const BUTTON_LIMITS = { perRow: 5, rows: 5, customId: 100, label: 80 } as const;

/** Why an action could not become a button. */
export interface RefusedAction {
  readonly id: string;
  readonly problem: string;
}

/** Button rows and the actions that were left out (and why). */
export interface ButtonRows {
  readonly rows: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly refused: RefusedAction[];
}

const STYLES: Record<NonNullable<Action["style"]>, ButtonStyle.Primary | ButtonStyle.Danger> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
};

/**
 * A card's actions as rows of buttons whose custom_id is the action id. An id Discord would refuse
 * (empty, too long, repeated) leaves its button out rather than losing the whole message.
 */
export function buttonRows(actions: readonly Action[]): ButtonRows {
  const refused: RefusedAction[] = [];
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const a of actions) {
    if (a.id.length === 0 || a.id.length > BUTTON_LIMITS.customId) {
      refused.push({
        id: a.id.slice(0, 120),
        problem: `a button id has 1 to ${BUTTON_LIMITS.customId} characters`,
      });
      continue;
    }
    if (seen.has(a.id)) {
      refused.push({ id: a.id, problem: "a button id appears twice in one message" });
      continue;
    }
    if (buttons.length === BUTTON_LIMITS.perRow * BUTTON_LIMITS.rows) {
      refused.push({ id: a.id, problem: "a message holds at most 25 buttons" });
      continue;
    }
    seen.add(a.id);
    const label = a.label.trim() === "" ? a.id : a.label;
    buttons.push({
      type: ComponentType.Button,
      custom_id: a.id,
      label: label.length > BUTTON_LIMITS.label ? `${label.slice(0, BUTTON_LIMITS.label - 1)}…` : label,
      style: a.style ? STYLES[a.style] : ButtonStyle.Secondary,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTON_LIMITS.perRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTON_LIMITS.perRow) });
  return { rows, refused };
}

/** Discord's limits on string select menus: one per row, 25 options, text and values of bounded length. */
export const MENU_LIMITS = { options: 25, placeholder: 150, label: 100, value: 100, customId: 100 } as const;

const clipTo = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A picker's menus as string select rows (custom_id the menu's id, each option's value the engine's id for
 * it), when they fit in `freeRows`; null when they do not, and the person types the answer instead.
 */
export function menuRows(
  picker: Picker,
  freeRows: number,
): APIActionRowComponent<APIStringSelectComponent>[] | null {
  const menus = picker.menus.filter(
    (m) =>
      m.id.length > 0 &&
      m.id.length <= MENU_LIMITS.customId &&
      m.options.length > 0 &&
      m.options.length <= MENU_LIMITS.options &&
      m.options.every((o) => o.id.length > 0 && o.id.length <= MENU_LIMITS.value),
  );
  if (menus.length !== picker.menus.length || menus.length > freeRows) return null;
  return menus.map((m) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: m.id,
        placeholder: clipTo(m.placeholder, MENU_LIMITS.placeholder),
        min_values: 1,
        max_values: 1,
        options: m.options.map((o) => ({ label: clipTo(o.label, MENU_LIMITS.label), value: o.id })),
      },
    ],
  }));
}

/** A message of menus only: the text above them and up to five rows. */
export interface MenuMessage {
  readonly content: string;
  readonly embeds: [];
  readonly components: APIActionRowComponent<APIStringSelectComponent | APIButtonComponentWithCustomId>[];
}

/**
 * A picker too big for the reply, as further messages of five rows each, Submit last; null when Discord
 * would refuse its menus.
 */
export function pickerMessages(picker: Picker): MenuMessage[] | null {
  const menus = menuRows(picker, Number.POSITIVE_INFINITY);
  if (!menus) return null;
  const rows = [...menus, ...buttonRows([picker.submit]).rows];
  const messages: MenuMessage[] = [];
  for (let i = 0; i < rows.length; i += BUTTON_LIMITS.rows)
    messages.push({
      content: i === 0 ? picker.label : "More duties:",
      embeds: [],
      components: rows.slice(i, i + BUTTON_LIMITS.rows),
    });
  return messages;
}
