import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type JSONEncodable,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import type { Announcer, Logger } from "../../src/ports.js";
import { notice, type Reply } from "../../src/views/card.js";
import { Answer } from "../shared/answer.js";
import { channelOf } from "./actor.js";
import { type MessageContent, messageContent, sendCards } from "./message-body.js";
import { hasPictures, withPictures } from "./pictures.js";

/**
 * How long a reply may take before it is deferred. Discord wants a first response within 3 s of the
 * click; the gateway's delivery and the deferral itself take part of that.
 */
export const DEFAULT_REPLY_BUDGET_MS = 1500;

/** What answering an interaction needs besides the interaction. */
export interface ResponderDeps {
  readonly logger: Logger;
  /** Posts channel-visible replies that arrive after a private deferral. */
  readonly announcer: Announcer;
}

/** Wraps a payload already in Discord's shape, so discord.js sends it as is instead of converting its keys. */
const asIs = <T>(json: T): JSONEncodable<T> => ({ toJSON: () => json });

function editOptions(m: MessageContent): InteractionEditReplyOptions {
  return {
    content: m.content,
    embeds: m.embeds.map(asIs),
    components: m.components.map(asIs),
    allowedMentions: { parse: [] },
  };
}

function replyOptions(m: MessageContent, ephemeral: boolean): InteractionReplyOptions {
  const options: InteractionReplyOptions = {
    content: m.content,
    embeds: m.embeds.map(asIs),
    components: m.components.map(asIs),
    allowedMentions: { parse: [] },
  };
  return ephemeral ? { ...options, flags: MessageFlags.Ephemeral } : options;
}

/** A message's pictures as files, each shown inside its card's embed; nothing when the cards have none. */
function pictureOptions(m: MessageContent, cards: Reply["cards"]) {
  if (!hasPictures(cards)) return {};
  const { embeds, files } = withPictures(m.embeds, cards);
  return { embeds: embeds.map(asIs), files };
}

/**
 * An interaction's answer through discord.js's own interaction methods: the reply itself with
 * interaction.reply, an acknowledgement with deferReply (private), what follows with editReply, and
 * anything after a finished reply with followUp. An apology after a first response that failed is a reply.
 */
export function interactionAnswer(interaction: RepliableInteraction, d: ResponderDeps): Answer<Reply> {
  return new Answer<Reply>({
    first: (reply) => replyNow(interaction, reply, d.logger),
    acknowledge: () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
    later: (reply) => {
      // discord.js's own state says what went: a first response that failed leaves both flags down.
      if (!interaction.deferred && !interaction.replied) return replyNow(interaction, reply, d.logger);
      if (!interaction.replied) return finishDeferred(interaction, reply, d);
      return followUp(interaction, reply, d.logger);
    },
  });
}

/** Replies with cards as the interaction's one response, privately when the reply is private. */
async function replyNow(interaction: RepliableInteraction, reply: Reply, logger: Logger): Promise<void> {
  const sent = await sendCards(reply.cards, logger, async (m) => {
    await interaction.reply({
      ...replyOptions(m, reply.visibility === "private"),
      ...pictureOptions(m, reply.cards),
    });
    return m;
  });
  await sendMore(interaction, sent);
}

/** A private message after the reply was finished (an apology for what failed after it, say). */
async function followUp(interaction: RepliableInteraction, reply: Reply, logger: Logger): Promise<void> {
  const sent = await sendCards(reply.cards, logger, async (m) => {
    await interaction.followUp(replyOptions(m, true));
    return m;
  });
  await sendMore(interaction, sent);
}

/** Sends the further private messages a reply needs (menus that did not fit in it), after the reply. */
async function sendMore(interaction: RepliableInteraction, m: MessageContent): Promise<void> {
  for (const more of m.more ?? [])
    await interaction.followUp({
      content: more.content,
      components: more.components.map(asIs),
      allowedMentions: { parse: [] },
      flags: MessageFlags.Ephemeral,
    });
}

async function finishDeferred(
  interaction: RepliableInteraction,
  reply: Reply,
  d: ResponderDeps,
): Promise<void> {
  if (reply.visibility === "private") {
    const sent = await sendCards(reply.cards, d.logger, async (m) => {
      await interaction.editReply({ ...editOptions(m), ...pictureOptions(m, reply.cards) });
      return m;
    });
    await sendMore(interaction, sent);
    return;
  }
  // A deferral is private, and its ephemerality cannot change: the channel's copy is posted as a message.
  for (const card of reply.cards) await d.announcer.post(channelOf(interaction), card);
  await interaction.editReply(
    editOptions(messageContent([notice("success", "Posted in this channel")], d.logger)),
  );
}
