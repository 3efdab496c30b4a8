import {
  type APIGuildMember,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type RoleFlags,
} from "discord.js";
import { snowflake } from "./snowflake.js";

/** What an ordinary member may do in the test guild (no Manage Server). */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** What the bot may do in the test guild's channels. */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.EmbedLinks;

/** A person in the fake Discord: a user, their nickname in the guild, and their permissions there. */
export interface FakePerson {
  readonly user: APIUser;
  readonly nick: string | null;
  readonly permissions: bigint;
}

/** A Discord user object. */
export function userPayload(username: string, globalName: string | null = null, bot = false): APIUser {
  return {
    id: snowflake(),
    username,
    discriminator: "0",
    global_name: globalName,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

/** A person with a fresh user id. */
export function fakePerson(
  username: string,
  options: { nick?: string; manageGuild?: boolean } = {},
): FakePerson {
  return {
    user: userPayload(username, username.charAt(0).toUpperCase() + username.slice(1)),
    nick: options.nick ?? null,
    permissions: options.manageGuild
      ? MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild
      : MEMBER_PERMISSIONS,
  };
}

/** A guild member as interactions carry it, with their permissions in the channel. */
export function memberPayload(person: FakePerson): APIGuildMember & { permissions: string; user: APIUser } {
  return {
    user: person.user,
    nick: person.nick,
    avatar: null,
    roles: [],
    joined_at: "2025-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    permissions: person.permissions.toString(),
  };
}

/** A guild text channel. */
export function textChannel(guildId: string, name: string): APITextChannel {
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
    flags: 0 as ChannelFlags,
  };
}

/** The GUILD_CREATE a bot with only the Guilds intent receives (no member list beyond itself). */
export function guildCreate(
  guildId: string,
  name: string,
  bot: APIUser,
  channels: readonly APITextChannel[],
): GatewayGuildCreateDispatchData {
  return {
    id: guildId,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: snowflake(),
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: [
      {
        id: guildId,
        name: "@everyone",
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        position: 0,
        permissions: MEMBER_PERMISSIONS.toString(),
        managed: false,
        mentionable: false,
        flags: 0 as RoleFlags,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: "2025-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [memberPayload({ user: bot, nick: null, permissions: BOT_PERMISSIONS })],
    channels: [...channels],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
