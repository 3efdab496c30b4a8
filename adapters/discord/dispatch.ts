import type { ChatInputCommandInteraction } from "discord.js";
import type { Engine } from "../../src/engine.js";
import type { Card, Reply } from "../../src/views/card.js";
import { actorOf, channelOf } from "./actor.js";
import { planCommand } from "./command-text.js";
import { OUT_OF_DATE } from "./notices.js";
import { channelFeature, inInstalledServer, needsServerCard } from "./reach.js";

/** What handing a slash command to the engine needs. */
export interface DispatchDeps {
  readonly engine: Engine;
}

/**
 * A slash command as the engine took it: its reply to come (`slow` when the work is known to talk to
 * Discord itself, so it is deferred at once), or a card refusing a command this version does not know.
 */
export type Dispatched =
  | { readonly work: Promise<Reply>; readonly slow: boolean }
  | { readonly refused: Card };

/**
 * Hands one slash command to the engine: the registry's command and its typed options, passed straight
 * through (the engine checks them, and admin rights, as it does for typed text). A channel feature used
 * outside a server's install is refused here, saying what it needs.
 */
export function dispatchCommand(i: ChatInputCommandInteraction, d: DispatchDeps): Dispatched {
  const plan = planCommand(i.commandName, {
    group: i.options.getSubcommandGroup(false),
    subcommand: i.options.getSubcommand(false),
    string: (name) => i.options.getString(name),
    integer: (name) => i.options.getInteger(name),
    user: (name) => i.options.getUser(name)?.id ?? null,
  });
  if (!plan) return { refused: OUT_OF_DATE };
  const feature = channelFeature(plan.command);
  if (feature !== null && !inInstalledServer(i)) return { refused: needsServerCard(plan.command, feature) };
  const work = d.engine.execute({
    command: plan.command.name,
    args: plan.args,
    actor: actorOf(i),
    channel: channelOf(i),
  });
  return { work, slow: plan.command.slow === true };
}
