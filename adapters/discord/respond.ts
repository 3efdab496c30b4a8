import {
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type JSONEncodable,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import type { Announcer, Logger } from "../../src/ports.js";
import { type Card, notice, type Reply } from "../../src/views/card.js";
import { channelOf } from "./actor.js";
import { respondWith } from "./callback.js";
import { type MessageContent, messageContent, sendCards } from "./message-body.js";
import { hasPictures, withPictures } from "./pictures.js";

/**
 * How long a reply may take before it is deferred. Discord wants a first response within 3 s of the
 * click; the gateway's delivery and the deferral itself take part of that.
 */
export const DEFAULT_REPLY_BUDGET_MS = 1500;

/** What answering needs besides the interaction. */
export interface ResponderDeps {
  readonly logger: Logger;
  /** Posts channel-visible replies that arrive after a private deferral. */
  readonly announcer: Announcer;
  readonly budgetMs: number;
}

type Settled = { ok: true; reply: Reply } | { ok: false; error: unknown };

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

/** Replies at once with cards (privately unless told), as the interaction's one response. */
export async function replyNow(
  interaction: RepliableInteraction,
  cards: readonly Card[],
  ephemeral: boolean,
  logger: Logger,
): Promise<void> {
  const sent = await sendCards(cards, logger, async (m) => {
    // A picture travels as a file, which only discord.js's own reply sends (a multipart body).
    if (hasPictures(cards)) {
      const { embeds, files } = withPictures(m.embeds, cards);
      const body: InteractionReplyOptions = {
        content: m.content,
        embeds: embeds.map(asIs),
        components: m.components.map(asIs),
        allowedMentions: { parse: [] },
        files,
      };
      await interaction.reply(ephemeral ? { ...body, flags: MessageFlags.Ephemeral } : body);
    } else await respondWith(interaction, m, ephemeral);
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
      if (hasPictures(reply.cards)) {
        const { embeds, files } = withPictures(m.embeds, reply.cards);
        await interaction.editReply({ ...editOptions({ ...m, embeds }), files });
      } else await interaction.editReply(editOptions(m));
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

/**
 * Answers an interaction with the engine's reply, exactly once and within Discord's 3 s: directly
 * when the reply is ready within the budget, else by deferring (privately) and editing the deferral
 * when it is. `deferAtOnce` (or a budget of 0) skips the wait, for work known to talk to Discord itself.
 */
export async function answer(
  interaction: RepliableInteraction,
  work: Promise<Reply>,
  deferAtOnce: boolean,
  d: ResponderDeps,
): Promise<void> {
  // Settled right away so a failure while deferring is never an unhandled rejection.
  const settled: Promise<Settled> = work.then(
    (reply) => ({ ok: true, reply }),
    (error: unknown) => ({ ok: false, error }),
  );
  let first: Settled | null = null;
  if (!deferAtOnce && d.budgetMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), d.budgetMs);
    });
    first = await Promise.race([settled, late]);
    clearTimeout(timer);
  }
  if (first) {
    if (!first.ok) throw first.error;
    await replyNow(interaction, first.reply.cards, first.reply.visibility === "private", d.logger);
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const done = await settled;
  if (!done.ok) throw done.error;
  await finishDeferred(interaction, done.reply, d);
}
