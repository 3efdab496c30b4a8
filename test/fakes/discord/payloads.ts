import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  type APIGuildMember,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APITextChannel,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  PermissionFlagsBits,
} from "discord.js";
import { randomToken, snowflake } from "./snowflake.js";

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

/** Where an interaction happens: a guild channel, or a DM (guildId null). */
export interface Place {
  readonly guildId: string | null;
  readonly channelId: string;
}

/** The parts every interaction carries. */
export interface InteractionContext {
  readonly applicationId: string;
  readonly person: FakePerson;
  readonly place: Place;
}

/** A registered command as interactions name it. */
export interface CommandRef {
  readonly id: string;
  readonly name: string;
}

/** One option value of a subcommand: a string, or a user (resolved like Discord does). */
export type OptionValue = string | FakePerson;

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

function memberPayload(person: FakePerson): APIGuildMember & { permissions: string; user: APIUser } {
  return {
    user: person.user,
    nick: person.nick,
    avatar: null,
    roles: [],
    joined_at: "2025-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: 0,
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
    flags: 0,
  } as APITextChannel;
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
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
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
  } as GatewayGuildCreateDispatchData;
}

function base(c: InteractionContext) {
  const where = c.place.guildId
    ? {
        guild_id: c.place.guildId,
        guild: { id: c.place.guildId, locale: Locale.EnglishUS, features: [] },
        member: memberPayload(c.person),
        channel: {
          id: c.place.channelId,
          type: ChannelType.GuildText,
          guild_id: c.place.guildId,
          name: "general",
        },
        guild_locale: Locale.EnglishUS,
        context: InteractionContextType.Guild,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: c.place.guildId },
      }
    : {
        user: c.person.user,
        channel: { id: c.place.channelId, type: ChannelType.DM },
        context: InteractionContextType.BotDM,
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
      };
  return {
    id: snowflake(),
    application_id: c.applicationId,
    token: `aW50ZXJhY3Rpb246${randomToken(60)}`,
    version: 1 as const,
    channel_id: c.place.channelId,
    app_permissions: BOT_PERMISSIONS.toString(),
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    ...where,
  };
}

function subcommandOptions(
  subcommand: string,
  options: Readonly<Record<string, OptionValue>>,
  focused: string | null,
): {
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand;
      name: string;
      options: APIApplicationCommandInteractionDataBasicOption[];
    },
  ];
  resolved?: APIInteractionDataResolved;
} {
  const resolved: APIInteractionDataResolved = {};
  const values: APIApplicationCommandInteractionDataBasicOption[] = Object.entries(options).map(
    ([name, value]) => {
      if (typeof value === "string")
        return {
          type: ApplicationCommandOptionType.String,
          name,
          value,
          ...(focused === name ? { focused: true } : {}),
        };
      resolved.users = { ...resolved.users, [value.user.id]: value.user };
      const { user: _user, ...member } = memberPayload(value);
      resolved.members = { ...resolved.members, [value.user.id]: member };
      return { type: ApplicationCommandOptionType.User, name, value: value.user.id };
    },
  );
  return {
    options: [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options: values }],
    ...(resolved.users ? { resolved } : {}),
  };
}

/** A slash command interaction (type 2), e.g. `/srm lookup service:ec2`. */
export function chatInputInteraction(
  c: InteractionContext,
  command: CommandRef,
  subcommand: string,
  options: Readonly<Record<string, OptionValue>> = {},
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(c),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(c.place.guildId ? { guild_id: c.place.guildId } : {}),
      ...subcommandOptions(subcommand, options, null),
    },
  } as APIChatInputApplicationCommandInteraction;
}

/** An autocomplete interaction (type 4): `focused` is the option being typed. */
export function autocompleteInteraction(
  c: InteractionContext,
  command: CommandRef,
  subcommand: string,
  options: Readonly<Record<string, string>>,
  focused: string,
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(c),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...subcommandOptions(subcommand, options, focused),
    },
  } as APIApplicationCommandAutocompleteInteraction;
}

/** A button press (type 3) on a message. */
export function buttonInteraction(
  c: InteractionContext,
  message: APIMessage,
  customId: string,
): APIMessageComponentButtonInteraction {
  return {
    ...base(c),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as APIMessageComponentButtonInteraction;
}
