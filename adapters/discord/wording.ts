import type { Card, Section } from "../../src/views/card.js";

/**
 * The engine names commands in its text grammar ("/srm daily now"); on Discord some live under another
 * slash command or subcommand name. Each hint is rewritten to the Discord command, most specific first.
 */
const HINT =
  /\/srm (daily now|daily status|daily (?=\S)|reveal|void|competition start|competition end|competition status|settings|idk)\b/g;

const DISCORD_NAME: Readonly<Record<string, string>> = {
  "daily now": "/srm-admin daily-now",
  "daily status": "/srm daily-status",
  "daily ": "/srm-admin daily schedule: ",
  reveal: "/srm-admin reveal",
  void: "/srm-admin void",
  "competition start": "/srm-admin competition-start",
  "competition end": "/srm-admin competition-end",
  "competition status": "/srm competition-status",
  settings: "/srm-admin settings",
  idk: "/srm dont-know",
};

/** A text with the engine's command hints in Discord's slash command names. */
export function discordWording(text: string): string {
  // Most texts name no command; they are returned as they are.
  if (!text.includes("/srm ")) return text;
  return text.replace(HINT, (hint, words: string) => DISCORD_NAME[words] ?? hint);
}

function section(s: Section): Section {
  const label = s.label === undefined ? {} : { label: discordWording(s.label) };
  if ("text" in s) return { ...label, text: discordWording(s.text) };
  if ("items" in s) return { ...label, items: s.items.map(discordWording) };
  return s;
}

function namesCommands(card: Card): boolean {
  const has = (t: string | undefined) => t?.includes("/srm ") === true;
  return (
    has(card.title) ||
    has(card.subtitle) ||
    has(card.footer) ||
    card.sections.some((s) => has(s.label) || ("text" in s ? has(s.text) : "items" in s && s.items.some(has)))
  );
}

/** A card whose command hints read as Discord's slash commands (the same card when it names none). */
export function discordCard(card: Card): Card {
  if (!namesCommands(card)) return card;
  return {
    ...card,
    title: discordWording(card.title),
    ...(card.subtitle === undefined ? {} : { subtitle: discordWording(card.subtitle) }),
    sections: card.sections.map(section),
    ...(card.footer === undefined ? {} : { footer: discordWording(card.footer) }),
  };
}
