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

/** What Slack calls a workspace, Discord calls a server. */
const WORKSPACE = /\bworkspace(s?)\b/g;

/** A user, role or nickname mention: it renders in an embed's description, never in its title. */
const MENTION = /"?(<@[!&]?\d{1,25}>)"?/g;

/** A text with the engine's command hints in Discord's slash command names, and Discord's own terms. */
export function discordWording(text: string): string {
  // Most texts name no command; they are returned as they are.
  const servers = text.includes("workspace") ? text.replace(WORKSPACE, "server$1") : text;
  if (!servers.includes("/srm ")) return servers;
  return servers.replace(HINT, (hint, words: string) => DISCORD_NAME[words] ?? hint);
}

/** A card whose title mentions someone: the title names "that person", and the description mentions them. */
function mentionsOutOfTitle(card: Card): Card {
  if (!card.title.includes("<@")) return card;
  const title = card.title.replace(MENTION, "that person");
  if (title === card.title) return card;
  return { ...card, title, sections: [{ text: card.title.replace(MENTION, "$1") }, ...card.sections] };
}

function section(s: Section): Section {
  const label = s.label === undefined ? {} : { label: discordWording(s.label) };
  if ("text" in s) return { ...label, text: discordWording(s.text) };
  if ("items" in s) return { ...label, items: s.items.map(discordWording) };
  return s;
}

function needsWording(card: Card): boolean {
  const has = (t: string | undefined) => t !== undefined && (t.includes("/srm ") || t.includes("workspace"));
  return (
    has(card.title) ||
    has(card.subtitle) ||
    has(card.footer) ||
    card.sections.some((s) => has(s.label) || ("text" in s ? has(s.text) : "items" in s && s.items.some(has)))
  );
}

/**
 * A card in Discord's terms: command hints as its slash commands, "server" for workspace, and no mention in
 * the title (the same card when none of these occur).
 */
export function discordCard(original: Card): Card {
  const card = mentionsOutOfTitle(original);
  if (!needsWording(card)) return card;
  return {
    ...card,
    title: discordWording(card.title),
    ...(card.subtitle === undefined ? {} : { subtitle: discordWording(card.subtitle) }),
    sections: card.sections.map(section),
    ...(card.footer === undefined ? {} : { footer: discordWording(card.footer) }),
  };
}
