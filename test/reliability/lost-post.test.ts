import { REST } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { DiscordAnnouncer } from "../../adapters/discord/announcer.js";
import { notice } from "../../src/views/card.js";
import { startBot } from "../adapters/discord/harness.js";
import { RecordingLogger } from "../fakes/announcer.js";
import { eventually } from "../fakes/slack/eventually.js";
import { uniqueId } from "../fakes/slack/payloads.js";
import { SlackRequestSender } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { headers } from "../fakes/slack/workspace.js";
import { BotProcess, CHILD_SECRET, removeTempDb, tempDb } from "./support/bot-process.js";
import { report, Tally } from "./support/figures.js";

const tally = new Tally();
afterAll(() => report("a post whose answer was lost to a kill", tally.figures()));

const boss = { id: "UBOSS", name: "boss" };

/** `/srm <text>` by the admin in `channel`; resolves to the reply's title. */
async function ask(bot: BotProcess, api: FakeSlackWebApi, text: string, channel: string) {
  const id = `r-${uniqueId()}`;
  const sender = new SlackRequestSender(bot.eventsUrl, CHILD_SECRET);
  try {
    const ack = await sender.slashCommand({ person: boss, text, channel, responseUrl: api.responseUrl(id) });
    const reply =
      ack.body !== ""
        ? JSON.parse(ack.body)
        : await eventually("a reply", () => api.responsesTo(id)[0], 15_000);
    return headers((reply as { blocks: unknown }).blocks)[0];
  } finally {
    sender.close();
  }
}

describe("kill -9 of srm start after Slack took a post but before its message id was saved", () => {
  it("after a restart the reveal updates the one question message; the channel never gets a second", async () => {
    const api = await FakeSlackWebApi.start();
    api.setUser("UBOSS", { admin: true });
    const dbPath = tempDb();
    let bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl, admins: ["UBOSS"] });
    try {
      api.takePostSilently("CKILL");
      const sender = new SlackRequestSender(bot.eventsUrl, CHILD_SECRET);
      void sender
        .slashCommand({
          person: boss,
          text: "daily now",
          channel: "CKILL",
          responseUrl: api.responseUrl("x"),
        })
        .catch(() => undefined);
      // Slack has the question; the bot is still waiting for the answer that carries its id.
      await eventually("the question in the channel", () => api.lastMessageIn("CKILL"), 30_000);
      await bot.kill();
      sender.close();
      tally.add("kills between the post and saving its id");

      bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl, admins: ["UBOSS"] });
      expect(await ask(bot, api, "reveal", "CKILL")).toBe("Revealed");
      const inChannel = [...api.messages.values()].filter((m) => m.channel === "CKILL");
      expect(inChannel).toHaveLength(1);
      expect(headers(inChannel[0]?.blocks)[0]).toMatch(/^Answer/);
      expect(headers(inChannel[0]?.versions[0]?.blocks)[0]).toBe("Question of the day");
      tally.add("messages in the channel", inChannel.length);
    } finally {
      await bot.kill();
      await api.close();
      removeTempDb(dbPath);
    }
  }, 180_000);
});

describe("a Discord post sent again after its answer was lost", () => {
  it("a post retried with the same round's token returns the first message; the channel shows the question once", async () => {
    const bot = await startBot();
    try {
      const rest = new REST({ api: bot.fake.rest.apiUrl }).setToken(bot.fake.token);
      const announcer = new DiscordAnnouncer(rest, new RecordingLogger());
      const channel = { platform: "discord" as const, workspaceId: "g", channelId: bot.fake.quiz.id };
      const card = notice("neutral", "Question of the day", "Which one?");
      const before = bot.fake.rest.channelMessages(bot.fake.quiz.id).length;
      const first = await announcer.post(channel, card, "round-7-lz3k9x0a");
      const again = await announcer.post(channel, card, "round-7-lz3k9x0a");
      expect(again.ref).toBe(first.ref);
      expect(bot.fake.rest.channelMessages(bot.fake.quiz.id)).toHaveLength(before + 1);
      tally.add("Discord posts sent twice, messages made", 1);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
