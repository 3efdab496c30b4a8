import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord.js";
import type { Logger } from "../../src/ports.js";
import type { Action, Card } from "../../src/views/card.js";
import { renderCard } from "../../src/views/plain.js";
import { BUTTON_LIMITS, buttonRows, menuRows, pickerMessages } from "./components.js";
import { cardEmbeds, truncate } from "./embeds.js";
import { describeError, isInvalidFormBody } from "./errors.js";
import { DISCORD_SYNTAX, discordCard } from "./wording.js";

/** A message as srm-bot sends it: embeds and buttons, or plain text when Discord refused the embeds. */
export interface MessageContent {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Further private messages the reply needs: a picker's menus that did not fit in it. */
  readonly more?: readonly MessageContent[];
}

/** Cards whose pickers are rendered as menus (their submit among the buttons), the menu rows and the cards' buttons. */
interface Components {
  readonly cards: readonly Card[];
  readonly menus: APIActionRowComponent<APIComponentInMessageActionRow>[];
  readonly actions: Action[];
  readonly more: MessageContent[];
}

/**
 * Menus go above the buttons while they fit Discord's five rows; a picker that does not fit goes in
 * further messages of its own, and one Discord would refuse is left out with a note to type the answer.
 */
function components(cards: readonly Card[]): Components {
  const actions = cards.flatMap((c) => c.actions ?? []);
  const menus: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  const more: MessageContent[] = [];
  const shown = cards.map((card) => {
    if (!card.picker) return card;
    const buttonRowsAfter = Math.ceil((actions.length + 1) / BUTTON_LIMITS.perRow);
    const rows = menuRows(card.picker, BUTTON_LIMITS.rows - menus.length - buttonRowsAfter);
    if (rows) {
      menus.push(...rows);
      actions.push(card.picker.submit);
      return card;
    }
    const apart = pickerMessages(card.picker);
    if (apart) {
      more.push(...apart);
      return card;
    }
    const note = `These duties cannot be chosen from menus here: answer by typing /srm answer with ${card.picker.menus.length} owners, in order.`;
    return { ...card, sections: [...card.sections, { text: note }] };
  });
  return { cards: shown, menus, actions, more };
}

/** Discord's limit on a message's text. */
const MAX_CONTENT = 2000;

function buttonsOf(cards: readonly Card[], logger: Logger) {
  const parts = components(cards);
  const { rows, refused } = buttonRows(parts.actions);
  for (const r of refused) logger.warn("a button was left out of a Discord message", { ...r });
  return { cards: parts.cards, rows: [...parts.menus, ...rows], more: parts.more };
}

/** Cards as embeds (one per card) with their actions as buttons, command hints in Discord's names. */
export function messageContent(cards: readonly Card[], logger: Logger): MessageContent {
  const { cards: shown, rows, more } = buttonsOf(cards, logger);
  return {
    content: "",
    embeds: cardEmbeds(shown.map(discordCard)),
    components: rows,
    ...(more.length > 0 ? { more } : {}),
  };
}

/** Cards as plain text (the terminal's rendering) with the same buttons: the fallback when embeds are refused. */
export function plainContent(cards: readonly Card[], logger: Logger): MessageContent {
  const { cards: shown, rows, more } = buttonsOf(cards, logger);
  return {
    content: truncate(shown.map((c) => renderCard(discordCard(c), DISCORD_SYNTAX)).join("\n\n"), MAX_CONTENT),
    embeds: [],
    components: rows,
    ...(more.length > 0 ? { more } : {}),
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
