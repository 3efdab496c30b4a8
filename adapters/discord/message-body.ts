import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from "discord.js";
import type { Logger } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";
import { renderCard } from "../../src/views/plain.js";
import { buttonRows } from "./components.js";
import { cardEmbeds, truncate } from "./embeds.js";
import { describeError, isInvalidFormBody } from "./errors.js";
import { discordCard } from "./wording.js";

/** A message as srm-bot sends it: embeds and buttons, or plain text when Discord refused the embeds. */
export interface MessageContent {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

/** Discord's limit on a message's text. */
const MAX_CONTENT = 2000;

function buttonsOf(cards: readonly Card[], logger: Logger) {
  const { rows, refused } = buttonRows(cards.flatMap((c) => c.actions ?? []));
  for (const r of refused) logger.warn("a button was left out of a Discord message", { ...r });
  return rows;
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
  const { rows, refused } = buttonRows(cards.flatMap((c) => c.actions ?? []));
  for (const r of refused) logger.warn("a button was left out of a Discord message", { ...r });
  const message = { content: "", embeds: cardEmbeds(cards.map(discordCard)), components: rows };
  if (refused.length === 0) rendered.set(cards, message);
  return message;
}

/** Cards as plain text (the terminal's rendering) with the same buttons: the fallback when embeds are refused. */
export function plainContent(cards: readonly Card[], logger: Logger): MessageContent {
  return {
    content: truncate(cards.map((c) => renderCard(discordCard(c))).join("\n\n"), MAX_CONTENT),
    embeds: [],
    components: buttonsOf(cards, logger),
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
