import type { BaseInteraction } from "discord.js";
import { type Command, reachable } from "../../src/commands/command.js";
import { REGISTRY } from "../../src/commands/index.js";
import { adminOnly } from "../../src/commands/syntax.js";
import { cmd, joinText, say } from "../../src/domain/text.js";
import { type Card, notice } from "../../src/views/card.js";

/**
 * Whether an interaction reaches srm-bot through a server's install, in that server: only there is there a
 * channel the bot belongs to. A DM, a private channel, or a server reached through a person's own install
 * (`authorizing_integration_owners` without that server) is personal study.
 */
export function inInstalledServer(i: BaseInteraction): boolean {
  // A forged payload may lack the owners: then nothing says the server installed srm-bot.
  return i.guildId !== null && i.authorizingIntegrationOwners?.guildId === i.guildId;
}

/**
 * The workspace of a person's own study, outside a server's install: one per person (the user id never
 * changes), so their cards and stats follow them from DM to any server, and nobody else's appear with them.
 */
export function personalWorkspace(userId: string): string {
  return `user-${userId}`;
}

/**
 * The commands anyone may run that belong to a server's channel, by what they are (admin commands all do).
 * A new everyone-command that needs a channel is added here; the test lists every /srm command's reach.
 */
const CHANNEL_FEATURES: ReadonlyMap<string, string> = new Map([
  ["daily status", "Daily questions"],
  ["competition status", "Competitions"],
  ["leaderboard", "Channel leaderboards"],
  ["settings", "A channel's question settings"],
]);

/** What a command is as a channel feature, when it is one; null when it works in personal study too. */
export function channelFeature(c: Command): string | null {
  if (adminOnly(c)) return "Admin commands";
  return CHANNEL_FEATURES.get(c.name) ?? null;
}

/** The commands of personal study, as the refusal suggests them (those Discord reaches). */
const PERSONAL = ["lookup", "quiz", "practice", "exam"].filter((name) => {
  const c = REGISTRY.byName(name);
  return c !== undefined && reachable(c, "discord");
});

/** The answer to a channel feature used outside a server's install: what it needs and what to do. */
export function needsServerCard(c: Command, feature: string): Card {
  const here = joinText(
    PERSONAL.map((name) => [cmd(name)]),
    ", ",
  );
  return notice(
    "warning",
    "This needs srm-bot added to a server",
    say`${feature} belong to a server's channels, and srm-bot is not added to a server here (it runs from your own account, or in a DM). A server admin adds it from srm-bot's profile: Add App, then Add to Server. Then run ${cmd(c.name)} in a channel of that server. Here you can still look things up, quiz yourself, practise and take mock exams: ${here}.`,
  );
}
