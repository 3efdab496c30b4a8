import { type ChatInputCommandInteraction, type Client, Events, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { respondWith } from "../../../adapters/discord/callback.js";
import { createDiscordClient } from "../../../adapters/discord/client.js";
import { type MessageContent, messageContent } from "../../../adapters/discord/message-body.js";
import { loadConfig } from "../../../src/config.js";
import { notice } from "../../../src/views/card.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import { waitFor } from "../../fakes/discord/wait.js";

let fake: FakeDiscord;
let client: Client;
const arrived: ChatInputCommandInteraction[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.rest.apiUrl,
  }).discord;
  if (!config) throw new Error("the Discord settings did not load");
  client = createDiscordClient(config);
  client.on(Events.InteractionCreate, (i) => {
    if (i.isChatInputCommand()) arrived.push(i);
  });
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client.destroy();
  await fake.close();
});

/** Delivers one slash command and returns the interaction discord.js made of it, with its delivery. */
async function interaction() {
  const sent = fake.command(fake.person(`p${arrived.length}`), "srm", "help");
  const i = await waitFor(() => arrived.find((x) => x.id === sent.id), "the interaction");
  return { i, sent };
}

const message: MessageContent = messageContent(
  [{ ...notice("success", "Locked in: B", "Thanks"), actions: [{ id: "answer:1:A", label: "A" }] }],
  new RecordingLogger(),
);

describe("an interaction's immediate response", () => {
  it.each([true, false])(
    "carries exactly what interaction.reply sends, and leaves the same state (private: %s)",
    async (ephemeral) => {
      const direct = await interaction();
      await respondWith(direct.i, message, ephemeral);
      const library = await interaction();
      const asIs = <T>(json: T) => ({ toJSON: () => json });
      await library.i.reply({
        content: message.content,
        embeds: message.embeds.map(asIs),
        components: message.components.map(asIs),
        allowedMentions: { parse: [] },
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
      const [ours, theirs] = [await fake.reply(direct.sent), await fake.reply(library.sent)];
      expect(ours.type).toBe(theirs.type);
      expect(ours.data).toEqual(theirs.data);
      expect([direct.i.replied, direct.i.ephemeral, direct.i.deferred]).toEqual([
        library.i.replied,
        library.i.ephemeral,
        library.i.deferred,
      ]);
    },
  );

  it("is refused a second time, as interaction.reply refuses it, without a second request", async () => {
    const { i } = await interaction();
    await respondWith(i, message, true);
    const calls = fake.rest.callsTo("POST", /\/callback$/).length;
    await expect(respondWith(i, message, true)).rejects.toThrow(/already been sent or deferred/);
    await expect(i.reply({ content: "again" })).rejects.toThrow(/already been sent or deferred/);
    expect(fake.rest.callsTo("POST", /\/callback$/)).toHaveLength(calls);
  });
});
