import { REGISTRY } from "../../src/commands/index.js";
import { discordSyntax } from "../../src/commands/syntax.js";
import { type Card, type PrintedCard, printCard } from "../../src/views/card.js";

/** Discord's syntax: commands as its slash commands and options, "server" for a workspace. */
export const DISCORD_SYNTAX = discordSyntax(REGISTRY);

/** A user, role or nickname mention: it renders in an embed's description, never in its title. */
const MENTION = /"?(<@[!&]?\d{1,25}>)"?/g;

/** A card whose title mentions someone: the title names "that person", and the description mentions them. */
function mentionsOutOfTitle(card: PrintedCard): PrintedCard {
  if (!card.title.includes("<@")) return card;
  const title = card.title.replace(MENTION, "that person");
  if (title === card.title) return card;
  return { ...card, title, sections: [{ text: card.title.replace(MENTION, "$1") }, ...card.sections] };
}

/** A card as Discord shows it: commands in its syntax, and no mention in the title (Discord would not render it). */
export function discordCard(card: Card): PrintedCard {
  return mentionsOutOfTitle(printCard(card, DISCORD_SYNTAX));
}
