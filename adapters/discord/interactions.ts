import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  type StringSelectMenuInteraction,
} from "discord.js";
import { type Engine, internalErrorCard } from "../../src/engine.js";
import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";
import type { Announcer, Logger } from "../../src/ports.js";
import { type Card, notice } from "../../src/views/card.js";
import { actorOf, channelOf } from "./actor.js";
import { choicesFor } from "./autocomplete.js";
import { planCommand } from "./command-text.js";
import { describeError, isSpentInteraction } from "./errors.js";
import { messageContent } from "./message-body.js";
import { answer, type ResponderDeps, replyNow } from "./respond.js";

/** What the interaction router needs. */
export interface InteractionRouterDeps {
  readonly engine: Engine;
  readonly matrix: OwnershipMatrix;
  /** SRM_ADMINS: user ids with admin rights whatever their Discord permissions. */
  readonly admins: ReadonlySet<string>;
  readonly logger: Logger;
  readonly announcer: Announcer;
  readonly replyBudgetMs: number;
}

/** How many recent interaction ids are remembered to answer a redelivered one only once. */
const REMEMBERED_IDS = 10_000;

const RESTARTING = notice(
  "neutral",
  "srm-bot is restarting",
  "Nothing was lost. Please try again in a minute.",
);
const OUT_OF_DATE = notice(
  "warning",
  "This command is out of date",
  "An admin can refresh the commands with srm discord register.",
);

function describeInteraction(i: Interaction): Record<string, unknown> {
  if (i.isChatInputCommand())
    return {
      interaction: "command",
      command: `${i.commandName} ${i.options.getSubcommand(false) ?? ""}`.trim(),
    };
  if (i.isAutocomplete()) return { interaction: "autocomplete", command: i.commandName };
  if (i.isButton()) return { interaction: "button", button: i.customId.slice(0, 100) };
  if (i.isStringSelectMenu()) return { interaction: "menu", menu: i.customId.slice(0, 100) };
  return { interaction: `type ${i.type}` };
}

/**
 * Turns Discord interactions into engine calls and answers each exactly once. Every handler runs inside
 * one boundary: an unexpected failure is logged once and the person gets a kind private message.
 */
export class InteractionRouter {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly seen = new Set<string>();
  private closed = false;

  constructor(private readonly d: InteractionRouterDeps) {}

  /** Takes one interaction from the gateway. A redelivered interaction (same id) is not answered again. */
  accept(interaction: Interaction): void {
    if (this.seen.has(interaction.id)) {
      this.d.logger.warn(
        "an interaction arrived twice; it is answered once",
        describeInteraction(interaction),
      );
      return;
    }
    this.seen.add(interaction.id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
    const run = this.handle(interaction);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Stops taking new work: later interactions are told to try again shortly. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every interaction taken so far has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (this.closed && interaction.isRepliable()) await this.say(interaction, RESTARTING);
      else if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else if (interaction.isStringSelectMenu()) await this.select(interaction);
      else if (interaction.isRepliable()) await this.say(interaction, OUT_OF_DATE);
    } catch (error) {
      await this.fail(interaction, error);
    }
  }

  private get responder(): ResponderDeps {
    return { logger: this.d.logger, announcer: this.d.announcer, budgetMs: this.d.replyBudgetMs };
  }

  private say(interaction: Interaction, card: Card): Promise<void> {
    if (!interaction.isRepliable()) return Promise.resolve();
    return replyNow(interaction, [card], true, this.d.logger);
  }

  private async command(i: ChatInputCommandInteraction): Promise<void> {
    const plan = planCommand(i.commandName, {
      group: i.options.getSubcommandGroup(false),
      subcommand: i.options.getSubcommand(false),
      string: (name) => i.options.getString(name),
      integer: (name) => i.options.getInteger(name),
      user: (name) => i.options.getUser(name)?.id ?? null,
    });
    if (!plan) return this.say(i, OUT_OF_DATE);
    const work = this.d.engine.execute({
      command: plan.command.name,
      args: plan.args,
      actor: actorOf(i),
      channel: channelOf(i),
    });
    await answer(i, work, plan.command.slow === true, this.responder);
  }

  private async button(i: ButtonInteraction): Promise<void> {
    await answer(i, this.d.engine.press(i.customId, actorOf(i), channelOf(i)), false, this.responder);
  }

  private async select(i: StringSelectMenuInteraction): Promise<void> {
    // A menu's choice arrives as the chosen option's value, which is the engine's id for that choice.
    const chosen = i.values[0] ?? "";
    await answer(i, this.d.engine.press(chosen, actorOf(i), channelOf(i)), false, this.responder);
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    if (this.closed) return i.respond([]);
    const focused = i.options.getFocused(true);
    await i.respond(choicesFor(this.d.matrix, focused.name, String(focused.value)));
  }

  private async fail(interaction: Interaction, error: unknown): Promise<void> {
    const context = describeInteraction(interaction);
    if (isSpentInteraction(error)) {
      this.d.logger.warn("an interaction expired or was answered before srm-bot could answer it", {
        ...context,
        ...describeError(error),
      });
      return;
    }
    let apology: unknown = null;
    try {
      await this.apologise(interaction);
    } catch (e) {
      apology = e;
    }
    this.d.logger.error("handling a Discord interaction failed", {
      ...context,
      ...describeError(error),
      ...(apology ? { apologyFailed: describeError(apology).error } : {}),
    });
  }

  private async apologise(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const { content, embeds, components } = messageContent([internalErrorCard], this.d.logger);
    const body = { content, embeds, components };
    if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
    else if (!interaction.replied && !interaction.deferred)
      await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
    else await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  }
}
