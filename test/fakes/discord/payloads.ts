import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord.js";
import { BOT_PERMISSIONS, type FakePerson, memberPayload } from "./guild.js";
import { randomToken, snowflake } from "./snowflake.js";

/** Where an interaction happens: a guild channel, or a DM (guildId null). */
export interface Place {
  readonly guildId: string | null;
  readonly channelId: string;
  /**
   * Through whose install the command is there: the server's (the default), or the person's own account
   * (a user install: in a server without the bot, in a DM, or in a private channel).
   */
  readonly install?: "guild" | "user";
  /** A DM or group DM between people, not with the bot (context PRIVATE_CHANNEL; user installs only). */
  readonly privateChannel?: boolean;
}

function owners(c: InteractionContext): Record<string, string> {
  if (c.place.install === "user") return { [ApplicationIntegrationType.UserInstall]: c.person.user.id };
  // Discord's value for a guild install used in the bot's DM is "0".
  return { [ApplicationIntegrationType.GuildInstall]: c.place.guildId ?? "0" };
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
        authorizing_integration_owners: owners(c),
      }
    : {
        user: c.person.user,
        channel: {
          id: c.place.channelId,
          type: c.place.privateChannel ? ChannelType.GroupDM : ChannelType.DM,
        },
        context: c.place.privateChannel
          ? InteractionContextType.PrivateChannel
          : InteractionContextType.BotDM,
        authorizing_integration_owners: owners(c),
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

/**
 * The options of a subcommand as Discord sends them; "daily set" is the subcommand set inside the
 * subcommand group daily, as a person picks it from Discord's menu.
 */
function subcommandOptions(
  subcommand: string,
  options: Readonly<Record<string, OptionValue>>,
  focused: string | null,
): {
  options: APIApplicationCommandInteractionDataOption[];
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
  const [group, sub] = subcommand.split(" ");
  const leaf = {
    type: ApplicationCommandOptionType.Subcommand as const,
    name: sub ?? group ?? "",
    options: values,
  };
  const top: APIApplicationCommandInteractionDataOption[] =
    sub === undefined
      ? [leaf]
      : [{ type: ApplicationCommandOptionType.SubcommandGroup, name: group ?? "", options: [leaf] }];
  return { options: top, ...(Object.keys(resolved).length > 0 ? { resolved } : {}) };
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

/** A choice in a string select menu (a MESSAGE_COMPONENT interaction, component_type 3, with its values). */
export function stringSelectInteraction(
  c: InteractionContext,
  message: APIMessage,
  customId: string,
  values: readonly string[],
): APIMessageComponentSelectMenuInteraction {
  return {
    ...base(c),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values: [...values] },
  } as APIMessageComponentSelectMenuInteraction;
}
