import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";

/** The command everyone uses. */
export const SRM_COMMAND = "srm";

/**
 * The admin command. Discord applies default member permissions per top-level command, not per
 * subcommand, so admin subcommands live here, hidden from members without Manage Server.
 */
export const SRM_ADMIN_COMMAND = "srm-admin";

/** Longest free text an option accepts; the engine still treats every value as untrusted. */
const MAX_TEXT = 300;

/** The `/srm` slash command: lookups, questions, standings. */
export function srmCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(SRM_COMMAND)
    .setDescription("Who secures what on AWS: lookups, daily questions and leaderboards")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  command
    .addSubcommand((s) =>
      s
        .setName("lookup")
        .setDescription("Who owns one area of one service: the owner first, then why and the source")
        .addStringOption((o) =>
          o
            .setName("service")
            .setDescription("A service, e.g. ec2, rds, lambda")
            .setAutocomplete(true)
            .setMaxLength(100),
        )
        .addStringOption((o) =>
          o
            .setName("area")
            .setDescription("An area, e.g. os-patching, encryption at rest")
            .setAutocomplete(true)
            .setMaxLength(100),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("ask")
        .setDescription("Ask in your own words, e.g. who patches the rds engine")
        .addStringOption((o) =>
          o.setName("text").setDescription("Your question").setRequired(true).setMaxLength(MAX_TEXT),
        ),
    )
    .addSubcommand((s) => s.setName("help").setDescription("What srm-bot can do"))
    .addSubcommand((s) => s.setName("quiz").setDescription("A practice question just for you"))
    .addSubcommand((s) =>
      s
        .setName("answer")
        .setDescription("Answer the open question: a letter, letters (A C) or owners per duty")
        .addStringOption((o) =>
          o
            .setName("choice")
            .setDescription("e.g. B, or A C, or aws customer aws")
            .setRequired(true)
            .setMaxLength(100),
        ),
    )
    .addSubcommand((s) =>
      s.setName("skip").setDescription("Skip your own open question; your cards do not change"),
    )
    .addSubcommand((s) =>
      s
        .setName("dont-know")
        .setDescription("I don't know: your open question counts as a miss, with the answer"),
    )
    .addSubcommand((s) =>
      s.setName("stop").setDescription("End your practice, review or cram: how many you did and what is due"),
    )
    .addSubcommand((s) =>
      s
        .setName("leaderboard")
        .setDescription("Points in this server: week, month, all time, accuracy or a competition")
        .addStringOption((o) =>
          o
            .setName("period")
            .setDescription("week (default), month, all, accuracy, or a competition name")
            .setAutocomplete(true)
            .setMaxLength(80),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("stats")
        .setDescription("Answers, streaks, strongest and weakest areas: yours or someone else's")
        .addUserOption((o) => o.setName("person").setDescription("Whose stats (yours if left out)")),
    )
    .addSubcommand((s) =>
      s.setName("competition-status").setDescription("The running competition and its standings"),
    )
    .addSubcommand((s) =>
      s.setName("daily-status").setDescription("When this channel's daily question is posted and revealed"),
    );
  return command;
}

/** The `/srm-admin` slash command, shown by default only to members with Manage Server. */
export function srmAdminCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(SRM_ADMIN_COMMAND)
    .setDescription("srm-bot administration: questions, reveals, competitions, settings")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  command
    .addSubcommand((s) =>
      s.setName("reveal").setDescription("Reveal this channel's open question: the answer and the points"),
    )
    .addSubcommand((s) =>
      s
        .setName("void")
        .setDescription(
          "Withdraw this channel's open question posted by mistake: no answer shown, no points",
        ),
    )
    .addSubcommand((s) => s.setName("daily-now").setDescription("Post a question in this channel now"))
    .addSubcommand((s) =>
      s
        .setName("daily")
        .setDescription("Schedule this channel's daily question: set, off, skip, pause, resume")
        .addStringOption((o) =>
          o
            .setName("schedule")
            .setDescription(
              "e.g. set 09:00 Europe/Berlin mon-fri reveal 17:00 | off | skip 2026-03-10 | resume",
            )
            .setRequired(true)
            .setMaxLength(200),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("competition-start")
        .setDescription("Start a competition in this server")
        .addStringOption((o) =>
          o.setName("name").setDescription("Its name").setRequired(true).setMaxLength(60),
        )
        .addStringOption((o) =>
          o
            .setName("length")
            .setDescription("2w, 10d, 36h, or an end date YYYY-MM-DD")
            .setRequired(true)
            .setMaxLength(20),
        ),
    )
    .addSubcommand((s) => s.setName("competition-end").setDescription("End the running competition now"))
    .addSubcommand((s) =>
      s
        .setName("settings")
        .setDescription("Show or change this channel's question settings")
        .addStringOption((o) =>
          o
            .setName("name")
            .setDescription("The setting to change (leave out to show them)")
            .addChoices(
              { name: "services", value: "services" },
              { name: "difficulty", value: "difficulty" },
              { name: "speed-bonus", value: "speed-bonus" },
            ),
        )
        .addStringOption((o) =>
          o
            .setName("value")
            .setDescription("e.g. ec2,rds or all; easy, medium, hard or any; on or off")
            .setMaxLength(200),
        ),
    );
  return command;
}

/** The JSON bodies of both commands, as a bulk overwrite sends them. */
export function commandBodies(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [srmCommand().toJSON(), srmAdminCommand().toJSON()];
}
