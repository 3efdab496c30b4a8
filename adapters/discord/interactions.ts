import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  StringSelectMenuInteraction,
} from "discord.js";
import { type Engine, internalErrorCard } from "../../src/engine.js";
import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";
import type { Announcer, Logger } from "../../src/ports.js";
import { type Card, privateReply, type Reply } from "../../src/views/card.js";
import { type Answer, answerWithin } from "../shared/answer.js";
import { type Boundary, guarded, type LogFields } from "../shared/boundary.js";
import { InFlight } from "../shared/in-flight.js";
import { RecentIds } from "../shared/recent-ids.js";
import { actorOf, channelOf } from "./actor.js";
import { choicesFor } from "./autocomplete.js";
import { dispatchCommand } from "./dispatch.js";
import { describeError, isSpentInteraction } from "./errors.js";
import { OUT_OF_DATE, RESTARTING } from "./notices.js";
import { interactionAnswer } from "./respond.js";

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

/**
 * What an interaction was, for the log; never throws, since it runs before the boundary and a forged
 * payload may carry anything (a custom id that is no string, options that do not parse).
 */
function describeInteraction(i: Interaction): LogFields {
  try {
    if (i.isChatInputCommand())
      return {
        interaction: "command",
        command: [i.commandName, i.options.getSubcommandGroup(false), i.options.getSubcommand(false)]
          .filter((w) => w)
          .join(" "),
      };
    if (i.isAutocomplete()) return { interaction: "autocomplete", command: i.commandName };
    if (i.isButton()) return { interaction: "button", button: String(i.customId).slice(0, 100) };
    if (i.isStringSelectMenu()) return { interaction: "menu", menu: String(i.customId).slice(0, 100) };
    return { interaction: `type ${i.type}` };
  } catch (error) {
    // The interaction itself is still handled (and refused) inside the boundary; only its label is lost.
    return { interaction: "unreadable", error };
  }
}

/**
 * Turns Discord interactions into engine calls and answers each exactly once. Every handler runs inside
 * the shared boundary: an unexpected failure is logged once and the person gets a kind private message.
 */
export class InteractionRouter {
  private readonly inFlight = new InFlight();
  private readonly seen = new RecentIds(REMEMBERED_IDS);
  private readonly boundary: Boundary;
  private closed = false;

  constructor(private readonly d: InteractionRouterDeps) {
    this.boundary = {
      logger: d.logger,
      where: "discord",
      describe: describeError,
      unanswerable: (error) =>
        isSpentInteraction(error)
          ? "an interaction expired or was answered before srm-bot could answer it"
          : null,
    };
  }

  /** Takes one interaction from the gateway. A redelivered interaction (same id) is not answered again. */
  accept(interaction: Interaction): void {
    // In memory: a shard's interactions all reach the one process holding its gateway connection.
    if (!this.seen.firstTime(interaction.id)) {
      this.d.logger.warn(
        "an interaction arrived twice; it is answered once",
        describeInteraction(interaction),
      );
      return;
    }
    this.inFlight.track(this.handle(interaction));
  }

  /** Stops taking new work: later interactions are told to try again shortly. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every interaction taken so far has been answered. */
  settled(): Promise<void> {
    return this.inFlight.settled();
  }

  private handle(interaction: Interaction): Promise<void> {
    const fields = describeInteraction(interaction);
    if (interaction.isAutocomplete())
      return guarded(
        this.boundary,
        "handling a Discord interaction failed",
        fields,
        () => this.autocomplete(interaction),
        async () => {
          if (!interaction.responded) await interaction.respond([]);
        },
      );
    if (!interaction.isRepliable()) return Promise.resolve();
    const answer = interactionAnswer(interaction, this.d);
    return guarded(
      this.boundary,
      "handling a Discord interaction failed",
      fields,
      async () => {
        if (this.closed) await say(answer, RESTARTING);
        else if (interaction.isChatInputCommand()) await this.command(interaction, answer);
        else if (interaction.isButton()) await this.button(interaction, answer);
        else if (interaction.isStringSelectMenu()) await this.select(interaction, answer);
        else await say(answer, OUT_OF_DATE);
      },
      () => answer.send(privateReply(internalErrorCard)),
    );
  }

  private async command(i: ChatInputCommandInteraction, answer: Answer<Reply>): Promise<void> {
    const dispatched = dispatchCommand(i, this.d);
    if ("refused" in dispatched) return say(answer, dispatched.refused);
    await answerWithin(answer, dispatched.work, dispatched.slow ? 0 : this.d.replyBudgetMs);
  }

  private async button(i: ButtonInteraction, answer: Answer<Reply>): Promise<void> {
    const work = this.d.engine.press(i.customId, actorOf(i), channelOf(i));
    await answerWithin(answer, work, this.d.replyBudgetMs);
  }

  private async select(i: StringSelectMenuInteraction, answer: Answer<Reply>): Promise<void> {
    // A menu's choice arrives as the chosen option's value, which is the engine's id for that choice.
    const work = this.d.engine.press(i.values[0] ?? "", actorOf(i), channelOf(i));
    await answerWithin(answer, work, this.d.replyBudgetMs);
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    if (this.closed) return i.respond([]);
    const focused = i.options.getFocused(true);
    await i.respond(choicesFor(this.d.matrix, focused.name, String(focused.value)));
  }
}

/** Answers privately with one card. */
function say(answer: Answer<Reply>, card: Card): Promise<void> {
  return answer.send(privateReply(card));
}
