import {
  DiscordjsError,
  DiscordjsErrorCodes,
  InteractionResponseType,
  MessageFlags,
  type RepliableInteraction,
  Routes,
} from "discord.js";
import type { MessageContent } from "./message-body.js";

/** discord.js's own "already replied" error (its constructor is not in the typings). */
const AlreadyReplied = DiscordjsError as unknown as new (code: DiscordjsErrorCodes) => Error;

/**
 * Response bodies already serialized, by message and privacy. The front end hands the same message over for
 * a repeated lookup, so its JSON is written once; the entries go when the messages do.
 */
const serialized = new WeakMap<MessageContent, { private?: string; channel?: string }>();

/** The JSON body of a response carrying `m`: the one interaction.reply() would send, field for field. */
function bodyOf(m: MessageContent, ephemeral: boolean): string {
  const known = serialized.get(m) ?? {};
  const kind = ephemeral ? "private" : "channel";
  const cached = known[kind];
  if (cached !== undefined) return cached;
  const data = {
    content: m.content,
    tts: false,
    enforce_nonce: false,
    embeds: m.embeds,
    components: m.components,
    allowed_mentions: { parse: [] },
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
  const json = JSON.stringify({ type: InteractionResponseType.ChannelMessageWithSource, data });
  serialized.set(m, { ...known, [kind]: json });
  return json;
}

/**
 * Sends an interaction's one response with a message: the request interaction.reply() makes, to the same
 * callback route through the client's own REST manager (its queue, retries and errors), with the same body
 * and afterwards the same `replied` and `ephemeral` state. What it leaves out is reply()'s general message
 * machinery (resolving a payload meant for any target, files, polls, nonces) and serializing the same answer
 * again for every person who asks: together they cost more per lookup than srm-bot's engine.
 */
export async function respondWith(
  interaction: RepliableInteraction,
  m: MessageContent,
  ephemeral: boolean,
): Promise<void> {
  if (interaction.deferred || interaction.replied)
    throw new AlreadyReplied(DiscordjsErrorCodes.InteractionAlreadyReplied);
  await interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
    body: bodyOf(m, ephemeral),
    passThroughBody: true,
    headers: { "Content-Type": "application/json" },
    auth: false,
    query: new URLSearchParams({ with_response: "false" }),
  });
  interaction.ephemeral = ephemeral;
  interaction.replied = true;
}
