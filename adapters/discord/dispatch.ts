import type { ChatInputCommandInteraction } from "discord.js";
import type { Engine } from "../../src/engine.js";
import type { Card, Reply } from "../../src/views/card.js";
import { failureCard } from "../../src/views/messages.js";
import { actorOf, channelOf } from "./actor.js";
import { planCommand } from "./command-text.js";
import { OUT_OF_DATE } from "./notices.js";

/** What handing a slash command to the engine needs. */
export interface DispatchDeps {
  readonly engine: Engine;
  /** SRM_ADMINS: user ids with admin rights whatever their Discord permissions. */
  readonly admins: ReadonlySet<string>;
}

/**
 * A slash command as the engine took it: its reply to come (`slow` when the work is known to talk to
 * Discord itself, so it is deferred at once), or a card refusing it before the engine saw it.
 */
export type Dispatched =
  | { readonly work: Promise<Reply>; readonly slow: boolean }
  | { readonly refused: Card };

/** How Discord's slash commands map onto the engine's words, shown under /srm help. */
const DISCORD_HELP: Card = {
  accent: "neutral",
  title: "On Discord",
  sections: [
    {
      items: [
        "/srm lookup service area: pick both from the suggestions (the same as /srm ec2 os-patching)",
        "/srm ask text: any phrasing, e.g. who patches the rds engine",
        "/srm quiz, /srm answer, /srm skip, /srm dont-know, /srm stop, /srm leaderboard, /srm stats, /srm competition-status, /srm daily-status",
        "Admins (Manage Server, or listed in SRM_ADMINS): /srm-admin daily-now, daily, reveal, void, competition-start, competition-end, settings",
      ],
    },
  ],
};

/**
 * Hands one slash command's name and options to the engine: the one place where Discord's commands meet
 * the engine's, kept apart from the machinery that answers (deadline, boundary, de-duplication).
 */
export function dispatchCommand(i: ChatInputCommandInteraction, d: DispatchDeps): Dispatched {
  const plan = planCommand(i.commandName, {
    subcommand: i.options.getSubcommand(false),
    string: (name) => i.options.getString(name),
    user: (name) => i.options.getUser(name)?.id ?? null,
  });
  if (!plan) return { refused: OUT_OF_DATE };
  const actor = actorOf(i);
  // Discord hides /srm-admin from members without Manage Server, but a server can change that: check again.
  if (plan.admin !== null && !actor.platformAdmin && !d.admins.has(actor.userId))
    return { refused: failureCard({ code: "NotAdmin", command: plan.admin }) };
  const work = d.engine
    .handle({ text: plan.text, actor, channel: channelOf(i) })
    .then(
      (reply): Reply =>
        plan.subcommand === "help" ? { ...reply, cards: [...reply.cards, DISCORD_HELP] } : reply,
    );
  return { work, slow: plan.slow };
}
