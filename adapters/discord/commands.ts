import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from "discord.js";
import { type ArgSpec, type Command, reachable } from "../../src/commands/command.js";
import { REGISTRY } from "../../src/commands/index.js";
import { adminOnly, DISCORD_ADMIN_COMMAND, DISCORD_COMMAND } from "../../src/commands/syntax.js";

export { DISCORD_ADMIN_COMMAND as SRM_ADMIN_COMMAND, DISCORD_COMMAND as SRM_COMMAND };

/** Discord's limits on a slash command's parts. */
export const SLASH_LIMITS = {
  /** Subcommands and groups in one command, and subcommands in one group. */
  subcommands: 25,
  description: 100,
  choices: 25,
} as const;

/** The commands Discord reaches, by top-level command: everyone's under /srm, admin-only under /srm-admin. */
export function discordCommands(): { everyone: Command[]; admin: Command[] } {
  const shown = REGISTRY.commands.filter((c) => reachable(c, "discord"));
  return { everyone: shown.filter((c) => !adminOnly(c)), admin: shown.filter(adminOnly) };
}

/** Longest free text an option accepts; the engine still treats every value as untrusted. */
export const MAX_TEXT = 300;

const clip = (s: string) =>
  s.length <= SLASH_LIMITS.description ? s : `${s.slice(0, SLASH_LIMITS.description - 1)}…`;

/** Discord's name of a command's last word ("daily set" is the subcommand set of the group daily). */
export function subcommandName(c: Command): { group: string | null; sub: string } {
  const [first = "", second] = c.name.split(" ");
  return second === undefined ? { group: null, sub: first } : { group: first, sub: second };
}

function addOption(s: SlashCommandSubcommandBuilder, a: ArgSpec): void {
  const required = a.required === true;
  const description = clip(a.description);
  if (a.kind === "person") {
    s.addUserOption((o) => o.setName(a.name).setDescription(description).setRequired(required));
    return;
  }
  if (a.kind === "integer") {
    s.addIntegerOption((o) => {
      o.setName(a.name).setDescription(description).setRequired(required);
      if (a.min !== undefined) o.setMinValue(a.min);
      if (a.max !== undefined) o.setMaxValue(a.max);
      return o;
    });
    return;
  }
  s.addStringOption((o) => {
    o.setName(a.name).setDescription(description).setRequired(required);
    // Every text is capped: an argument's own limit where it has one.
    o.setMaxLength(a.maxLength ?? MAX_TEXT);
    if (a.kind === "choice" && a.choices && a.choices.length <= SLASH_LIMITS.choices)
      o.addChoices(...a.choices.map((c) => ({ name: c, value: c })));
    else if (a.suggest !== undefined) o.setAutocomplete(true);
    return o;
  });
}

function subcommand(s: SlashCommandSubcommandBuilder, c: Command): SlashCommandSubcommandBuilder {
  s.setName(subcommandName(c).sub).setDescription(clip(c.summary));
  // Discord wants required options first; the registry's order is kept within each kind.
  for (const a of [...c.args.filter((x) => x.required), ...c.args.filter((x) => !x.required)])
    addOption(s, a);
  return s;
}

function build(name: string, description: string, commands: readonly Command[]): SlashCommandBuilder {
  const builder = new SlashCommandBuilder().setName(name).setDescription(description);
  const groups = new Map<string, Command[]>();
  for (const c of commands) {
    const { group } = subcommandName(c);
    if (group === null) builder.addSubcommand((s) => subcommand(s, c));
    else groups.set(group, [...(groups.get(group) ?? []), c]);
  }
  for (const [group, members] of groups)
    builder.addSubcommandGroup((g) => {
      g.setName(group).setDescription(
        clip(
          `${group[0]?.toUpperCase()}${group.slice(1)}: ${members.map((m) => subcommandName(m).sub).join(", ")}`,
        ),
      );
      for (const c of members) g.addSubcommand((s) => subcommand(s, c));
      return g;
    });
  return builder;
}

/**
 * The `/srm` slash command: every command anyone may run, in servers that installed srm-bot and, through
 * a person's own install, anywhere (DMs, private channels, other servers) for personal study.
 */
export function srmCommand(): SlashCommandBuilder {
  return build(
    DISCORD_COMMAND,
    "Who secures what on AWS: lookups, questions, practice and leaderboards",
    discordCommands().everyone,
  )
    .setContexts(
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    )
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall);
}

/** The `/srm-admin` slash command: in servers that installed srm-bot, shown by default only to members with Manage Server. */
export function srmAdminCommand(): SlashCommandBuilder {
  return build(
    DISCORD_ADMIN_COMMAND,
    "srm-bot administration: questions, reveals, competitions, schedules",
    discordCommands().admin,
  )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

/** The JSON bodies of both commands, as a bulk overwrite sends them. */
export function commandBodies(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [srmCommand().toJSON(), srmAdminCommand().toJSON()];
}
