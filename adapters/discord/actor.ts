import { type BaseInteraction, GuildMember, PermissionFlagsBits } from "discord.js";
import type { Actor, ChannelRef } from "../../src/ports.js";

/** The workspace of interactions outside a guild. */
export const DM_WORKSPACE = "dm";

const MAX_NAME = 80;

function displayNameOf(interaction: BaseInteraction): string {
  const member = interaction.member;
  let name: string | null | undefined;
  if (member instanceof GuildMember) name = member.displayName;
  // Without the guild in cache discord.js hands over the raw member: nickname, then global name.
  else if (member) name = member.nick ?? member.user.global_name;
  name ??= interaction.user.globalName ?? interaction.user.username;
  const clean = name.replace(/\s+/g, " ").trim().slice(0, MAX_NAME);
  return clean === "" ? interaction.user.username : clean;
}

/**
 * The person behind an interaction. `platformAdmin` is what Discord says about this member right now:
 * Manage Server (Administrator implies it). In a DM nobody is a platform admin.
 */
export function actorOf(interaction: BaseInteraction): Actor {
  return {
    platform: "discord",
    workspaceId: interaction.guildId ?? DM_WORKSPACE,
    userId: interaction.user.id,
    displayName: displayNameOf(interaction),
    platformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** The channel an interaction came from. */
export function channelOf(interaction: BaseInteraction): ChannelRef {
  return {
    platform: "discord",
    workspaceId: interaction.guildId ?? DM_WORKSPACE,
    channelId: interaction.channelId ?? interaction.user.id,
  };
}
