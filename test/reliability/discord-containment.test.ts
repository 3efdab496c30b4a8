import type { APIInteraction } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/fake-discord.js";
import { autocompleteInteraction, buttonInteraction } from "../fakes/discord/payloads.js";
import { waitFor } from "../fakes/discord/wait.js";
import { BotProcess, removeTempDb, tempDb } from "./support/bot-process.js";
import { LIBRARY_PATHS } from "./support/discord-hostile.js";
import { report } from "./support/figures.js";

let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;
const dbPath = tempDb();

afterAll(async () => {
  await bot?.kill();
  await fake?.close();
  removeTempDb(dbPath);
});

/** How many of the bot's JSON log lines carry this message. */
function logged(message: string): number {
  return (bot?.log ?? "").split("\n").filter((l) => l.includes(`"msg":"${message}"`)).length;
}

describe("srm start with Discord, given interactions discord.js itself cannot read", () => {
  it("each is contained and logged once, and the bot keeps answering", async () => {
    fake = await FakeDiscord.start();
    bot = await BotProcess.start({
      dbPath,
      settings: {
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.rest.apiUrl,
      },
    });
    const f = fake;
    const ann = f.person("ann");
    const context = { applicationId: f.applicationId, person: ann, place: f.channel() };
    const message = { id: "1", channel_id: f.general.id, components: [], embeds: [] } as never;
    const broken = LIBRARY_PATHS.map((path) => {
      const payload = (path[0] === "data"
        ? autocompleteInteraction(context, f.commands.srm, "lookup", { service: "ec" }, "service")
        : buttonInteraction(context, message, "answer:1:A")) as unknown as Record<string, unknown>;
      let at = payload;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
      at[path.at(-1) as string] = path.at(-1) === "components" ? null : "not-what-discord-sends";
      return payload as unknown as APIInteraction;
    });
    for (const payload of broken) f.deliver(payload);
    // Each is contained once: by the adapter's boundary when discord.js throws inside a handler, by the
    // process otherwise (it throws while building the interaction, before any handler runs).
    const contained = () =>
      logged("an unexpected failure outside any handler") + logged("handling a Discord interaction failed");
    await waitFor(() => contained() >= broken.length, "each failure to be logged");
    const help = await f.reply(f.command(ann, "srm", "help"));
    expect(help.type).toBe(4);
    expect(bot.alive).toBe(true);
    expect(contained()).toBe(broken.length);
    report("Discord containment (srm start, child process)", {
      "unreadable events contained": broken.length,
      "process restarts needed": 0,
    });
  }, 90_000);
});
