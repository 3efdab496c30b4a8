import { afterAll, describe, expect, it } from "vitest";
import { SqliteDailyStore } from "../../src/store/daily-store.js";
import { embedText, postQuestion, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import type { RecordingLogger } from "../fakes/announcer.js";
import { blockText, headers, SlackWorkspace } from "../fakes/slack/workspace.js";
import { ManualClock } from "../support/app.js";
import { report, Tally } from "./support/figures.js";

const tally = new Tally();
afterAll(() => report("a channel the bot can no longer reach", tally.figures()));

const TICK_MS = 20_000;
const DAYS = 3;

/** A daily question at 09:00 UTC every day in `channel`, revealed an hour later. */
function everyDay(ws: SlackWorkspace, clock: ManualClock, channel: string): void {
  new SqliteDailyStore(ws.app.db).put({
    channel: { platform: "slack", workspaceId: "T0FAKE", channelId: channel },
    postTime: "09:00",
    timeZone: "UTC",
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    reveal: { afterMinutes: 60 },
    pausedUntil: null,
    leaderboard: null,
    enabled: true,
    activeFrom: new Date(clock.now().getTime() - 3_600_000),
    updatedBy: "UBOSS",
  });
}

const roundsIn = (ws: SlackWorkspace, channel: string) =>
  (ws.app.db.prepare("SELECT COUNT(*) AS n FROM rounds WHERE channel = ?").get(channel) as { n: number }).n;

describe("a channel the bot was removed from", () => {
  it("Slack's channel_not_found pauses the channel's schedule after one refused call, for three days, until an admin resumes it", async () => {
    const clock = new ManualClock(new Date("2026-03-02T09:00:10Z"));
    const ws = await SlackWorkspace.start({ clock });
    try {
      const boss = ws.person("boss", { admin: true });
      everyDay(ws, clock, "CGONE");
      everyDay(ws, clock, "CFINE");
      await ws.app.engine.tick();
      const question = ws.api.lastMessageIn("CGONE");
      expect(headers(question?.blocks)[0]).toBe("Question of the day");
      ws.api.refuseChannel("CGONE", "channel_not_found");
      const before = ws.api.calls.length;
      for (let t = 0; t < (DAYS * 86_400_000) / TICK_MS; t++) {
        clock.advance(TICK_MS);
        await ws.app.engine.tick();
      }
      const refused = ws.api.calls.slice(before).filter((c) => c.args.channel === "CGONE");
      // The reveal's one update was refused; then the channel was left alone: no retries, no new rounds.
      expect(refused).toHaveLength(1);
      expect(roundsIn(ws, "CGONE")).toBe(1);
      // The other channel carried on: a question each day, each revealed.
      expect(roundsIn(ws, "CFINE")).toBe(DAYS + 1);
      const warnings = (ws.logger as RecordingLogger).lines.filter((l) =>
        l.message.startsWith("the platform refuses srm-bot in a channel for good"),
      );
      expect(warnings).toHaveLength(1);
      tally.add("simulated days", DAYS);
      tally.add("ticks", (DAYS * 86_400_000) / TICK_MS);
      tally.add("calls to the removed channel", refused.length);

      const status = await ws.ask(boss, "daily status", { channel: "CGONE" });
      expect(blockText(status.blocks)).toContain("channel_not_found");
      expect(blockText(status.blocks)).toContain("/srm daily resume");

      ws.api.admit("CGONE");
      await ws.ask(boss, "daily resume", { channel: "CGONE" });
      await ws.app.engine.tick();
      // The reveal the channel never saw reaches it, on the question's own message.
      expect(headers(question?.blocks)[0]).toMatch(/^Answer/);
    } finally {
      await ws.close();
    }
  }, 300_000);

  it("a channel whose every call fails for three days is tried again less and less often, not every tick", async () => {
    const clock = new ManualClock(new Date("2026-03-02T09:00:10Z"));
    const ws = await SlackWorkspace.start({ clock });
    try {
      everyDay(ws, clock, "CFLAKY");
      await ws.app.engine.tick();
      ws.api.refuseChannel("CFLAKY", "internal_error");
      const before = ws.api.calls.length;
      for (let t = 0; t < (DAYS * 86_400_000) / TICK_MS; t++) {
        clock.advance(TICK_MS);
        await ws.app.engine.tick();
      }
      const tries = ws.api.calls.slice(before).filter((c) => c.args.channel === "CFLAKY");
      // Backing off from 40 s to at most 30 minutes between tries: about two an hour, not 180.
      expect(tries.length).toBeGreaterThan(DAYS * 24);
      expect(tries.length).toBeLessThanOrEqual(DAYS * 24 * 2 + 10);
      tally.add("calls to a failing channel in three days", tries.length);
      ws.api.admit("CFLAKY");
      clock.advance(31 * 60_000);
      await ws.app.engine.tick();
      expect(headers(ws.api.lastMessageIn("CFLAKY")?.blocks)[0]).toMatch(/^(Answer|Question)/);
    } finally {
      await ws.close();
    }
  }, 300_000);
});

describe("a Discord server that removed the bot", () => {
  it("403 Missing Access on the reveal pauses the channel: ticks make no further calls there, and the admin is told", async () => {
    const bot = await startBot();
    try {
      const ada = bot.fake.person("ada", { manageGuild: true });
      const question = await postQuestion(bot, ada, bot.fake.quiz);
      const path = new RegExp(`^/channels/${question.channel_id}/messages`);
      const before = bot.fake.rest.calls.length;
      bot.fake.rest.failNext("PATCH", path, { status: 403, code: 50001, message: "Missing Access" }, 1_000);
      bot.fake.rest.failNext("POST", path, { status: 403, code: 50001, message: "Missing Access" }, 1_000);
      const embeds = await replyEmbeds(
        bot,
        bot.fake.command(ada, "srm-admin", "reveal", {}, bot.fake.channel(bot.fake.quiz)),
      );
      expect(embeds[0]?.title).toBe("Revealed, but the channel could not be told");
      expect(embedText(embeds[0])).toContain("Missing Access");
      for (let i = 0; i < 100; i++) await bot.app.engine.tick();
      const refused = bot.fake.rest.calls
        .slice(before)
        .filter((c) => path.test(c.path) && c.method !== "GET");
      expect(refused).toHaveLength(1);
      tally.add("Discord calls to a server that removed the bot, over 100 ticks", refused.length);
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
