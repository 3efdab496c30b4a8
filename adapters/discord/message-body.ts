import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord.js";
import type { Logger } from "../../src/ports.js";
import type { Action, Card } from "../../src/views/card.js";
import { renderCard } from "../../src/views/plain.js";
import { BUTTON_LIMITS, buttonRows, menuRows } from "./components.js";
import { cardEmbeds, truncate } from "./embeds.js";
import { describeError, isInvalidFormBody } from "./errors.js";
import { discordCard } from "./wording.js";

/** A message as srm-bot sends it: embeds and buttons, or plain text when Discord refused the embeds. */
export interface MessageContent {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Cards whose pickers are rendered as menus (their submit among the buttons), the menu rows and the cards' buttons. */
interface Components {
  readonly cards: readonly Card[];
  readonly menus: APIActionRowComponent<APIComponentInMessageActionRow>[];
  readonly actions: Action[];
}

/**
 * Menus go above the buttons while they fit Discord's five rows; a picker that does not fit is left out
 * and its card says to type the answer (its typed hint is already in the card).
 */
function components(cards: readonly Card[]): Components {
  const actions = cards.flatMap((c) => c.actions ?? []);
  const menus: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  const shown = cards.map((card) => {
    if (!card.picker) return card;
    const buttonRowsAfter = Math.ceil((actions.length + 1) / BUTTON_LIMITS.perRow);
    const rows = menuRows(card.picker, BUTTON_LIMITS.rows - menus.length - buttonRowsAfter);
    if (rows) {
      menus.push(...rows);
      actions.push(card.picker.submit);
      return card;
    }
    const note = `Discord fits menus for only a few duties in one message: answer this one by typing /srm answer with ${card.picker.menus.length} owners, in order.`;
    return { ...card, sections: [...card.sections, { text: note }] };
  });
  return { cards: shown, menus, actions };
}

/** Discord's limit on a message's text. */
const MAX_CONTENT = 2000;

function buttonsOf(cards: readonly Card[], logger: Logger) {
  const parts = components(cards);
  const { rows, refused } = buttonRows(parts.actions);
  for (const r of refused) logger.warn("a button was left out of a Discord message", { ...r });
  return { cards: parts.cards, rows: [...parts.menus, ...rows] };
}

/**
 * Messages already rendered, by the cards they show. The engine hands back the same cards for a repeated
 * lookup, so their embeds are built once; the entries go when the cards do. Only messages that lost no
 * button are kept, so that every send of a faulty card still logs what was left out.
 */
const rendered = new WeakMap<readonly Card[], MessageContent>();

/** Cards as embeds (one per card) with their actions as buttons, command hints in Discord's names. */
export function messageContent(cards: readonly Card[], logger: Logger): MessageContent {
  const known = rendered.get(cards);
  if (known) return known;
  const parts = components(cards);
  const { rows, refused } = buttonRows(parts.actions);
  for (const r of refused) logger.warn("a button was left out of a Discord message", { ...r });
  const message = {
    content: "",
    embeds: cardEmbeds(parts.cards.map(discordCard)),
    components: [...parts.menus, ...rows],
  };
  if (refused.length === 0) rendered.set(cards, message);
  return message;
}

/** Cards as plain text (the terminal's rendering) with the same buttons: the fallback when embeds are refused. */
export function plainContent(cards: readonly Card[], logger: Logger): MessageContent {
  const { cards: shown, rows } = buttonsOf(cards, logger);
  return {
    content: truncate(shown.map((c) => renderCard(discordCard(c))).join("\n\n"), MAX_CONTENT),
    embeds: [],
    components: rows,
  };
}

/**
 * Sends cards as embeds; if Discord refuses the body as invalid, sends them once more as plain text,
 * so a person still gets the answer. Any other failure is the caller's to handle.
 */
export async function sendCards<T>(
  cards: readonly Card[],
  logger: Logger,
  send: (content: MessageContent) => Promise<T>,
): Promise<T> {
  try {
    return await send(messageContent(cards, logger));
  } catch (error) {
    if (!isInvalidFormBody(error)) throw error;
    logger.warn("Discord refused a message's embeds; sent it as plain text", describeError(error));
    return send(plainContent(cards, logger));
  }
}
