import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIMessage } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { FakePerson } from "../../fakes/discord/guild.js";
import { waitFor } from "../../fakes/discord/wait.js";
import {
  answersTo,
  buttonIds,
  clickAll,
  crowd,
  postQuestion,
  type RunningBot,
  replyEmbeds,
  startBot,
} from "./harness.js";

let bot: RunningBot;
let admin: FakePerson;

const footer = (m: APIMessage) =>
  (bot.fake.rest.messages.get(m.id) as APIMessage).embeds[0]?.footer?.text ?? "";

beforeAll(async () => {
  bot = await startBot();
  admin = bot.fake.person("ada", { manageGuild: true });
});

afterAll(async () => {
  await bot?.stop();
});

describe("a round survives the gateway going away", () => {
  it("RECONNECT mid-round: the client resumes, clicks sent while it was away are replayed, all are counted", async () => {
    const question = await postQuestion(bot, admin);
    await clickAll(bot, crowd(bot, "before", 10), question);
    bot.fake.gateway.requestReconnect();
    await waitFor(() => !bot.fake.gateway.connected, "the client to drop the connection");
    const whileAway = clickAll(bot, crowd(bot, "away", 10), question);
    await waitFor(() => bot.frontEnd.ready?.() === false, "the front end to report itself not ready");
    await waitFor(() => bot.fake.gateway.resumes.at(-1)?.accepted, "the client to resume");
    await whileAway;
    await clickAll(bot, crowd(bot, "after", 10), question);
    expect(answersTo(bot, question)).toEqual({ n: 30, people: 30 });
    expect(bot.frontEnd.ready?.()).toBe(true);
    expect(bot.fake.gateway.identifies).toHaveLength(1);
    expect(bot.fake.gateway.connectionPaths.at(-1)).toMatch(/^\/resume\?v=10&encoding=json$/);
    await bot.app.engine.idle();
    expect(footer(question)).toMatch(/^30 answered/);
  });

  it("a connection dropped without a close frame is resumed, and the round carries on", async () => {
    const question = bot.fake.rest.channelMessages(bot.fake.general.id).at(-1) as APIMessage;
    const resumes = bot.fake.gateway.resumes.length;
    bot.fake.gateway.dropConnection();
    await waitFor(() => bot.fake.gateway.resumes.length > resumes && bot.fake.gateway.connected, "a resume");
    await clickAll(bot, crowd(bot, "dropped", 5), question);
    expect(answersTo(bot, question)).toEqual({ n: 35, people: 35 });
  });

  it("when the session cannot be resumed the client identifies anew; answers before and after all count", async () => {
    const question = bot.fake.rest.channelMessages(bot.fake.general.id).at(-1) as APIMessage;
    bot.fake.gateway.invalidateSessions();
    bot.fake.gateway.requestReconnect();
    // A new session waits out discord.js's identify throttle (5 s between identifies), as against Discord.
    await waitFor(
      () => bot.fake.gateway.identifies.length === 2 && bot.fake.gateway.connected,
      "a new session",
      10_000,
    );
    await clickAll(bot, crowd(bot, "fresh", 5), question);
    expect(answersTo(bot, question)).toEqual({ n: 40, people: 40 });
    const reveal = await replyEmbeds(bot, bot.fake.command(admin, "srm-admin", "reveal"));
    expect(reveal[0]?.description).toContain("40 answered");
  }, 20_000);
});

describe("a round survives the bot restarting", () => {
  it("a new process on the same database answers clicks on the question the old one posted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-discord-"));
    const fake = await FakeDiscord.start();
    try {
      const db = join(dir, "srm.db");
      const first = await startBot({ fake, db });
      const ada = fake.person("ada", { manageGuild: true });
      const question = await postQuestion(first, ada);
      await clickAll(first, crowd(first, "old", 3), question);
      await first.stop();
      expect(first.frontEnd.ready?.()).toBe(false);
      const second = await startBot({ fake, db });
      try {
        const late = await clickAll(second, crowd(second, "new", 3), question);
        expect(late.every((c) => c.type === 4)).toBe(true);
        expect(answersTo(second, question)).toEqual({ n: 6, people: 6 });
        expect(buttonIds(question).length).toBeGreaterThan(0);
      } finally {
        await second.stop();
      }
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
