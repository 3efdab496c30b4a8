import { type BaseInteraction, GuildMember, PermissionFlagsBits } from "discord.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import { inInstalledServer, personalWorkspace } from "./reach.js";

/** The workspace an interaction belongs to: the server that installed srm-bot, or the person's own. */
function workspaceOf(interaction: BaseInteraction): string {
  return inInstalledServer(interaction) && interaction.guildId !== null
    ? interaction.guildId
    : personalWorkspace(interaction.user.id);
}

const MAX_NAME = 80;

/** A name field as sent: only a non-empty string counts (a malformed payload may carry anything). */
function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function displayNameOf(interaction: BaseInteraction): string {
  const member = interaction.member as unknown;
  let name: string | null = null;
  try {
    if (member instanceof GuildMember) name = text(member.displayName);
    // Without the guild in cache discord.js hands over the raw member: nickname, then global name.
    else if (member && typeof member === "object") {
      const raw = member as { nick?: unknown; user?: { global_name?: unknown } };
      name = text(raw.nick) ?? text(raw.user?.global_name);
    }
  } catch {
    // A member object that cannot even be read falls back to the user's own names below.
    name = null;
  }
  name ??= text(interaction.user.globalName) ?? text(interaction.user.username) ?? interaction.user.id;
  const clean = name.replace(/\s+/g, " ").trim().slice(0, MAX_NAME);
  return clean === "" ? String(interaction.user.id) : clean;
}

/**
 * The person behind an interaction. `platformAdmin` is what Discord says about this member right now:
 * Manage Server (Administrator implies it). Outside a server that installed srm-bot (a DM, or a server
 * reached through the person's own install) nobody is a platform admin.
 */
export function actorOf(interaction: BaseInteraction): Actor {
  const server = inInstalledServer(interaction);
  return {
    platform: "discord",
    workspaceId: workspaceOf(interaction),
    userId: interaction.user.id,
    displayName: displayNameOf(interaction),
    platformAdmin: server && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}

/** The channel an interaction came from. */
export function channelOf(interaction: BaseInteraction): ChannelRef {
  return {
    platform: "discord",
    workspaceId: workspaceOf(interaction),
    channelId: interaction.channelId ?? interaction.user.id,
  };
}
