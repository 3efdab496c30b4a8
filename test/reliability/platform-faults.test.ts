import type { APIMessage } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { scoreDifferences } from "../../src/store/recompute.js";
import { clickAll, crowd, postQuestion, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { eventually } from "../fakes/slack/eventually.js";
import { uniqueId } from "../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { headers } from "../fakes/slack/workspace.js";
import { FaultProxy } from "./support/fault-proxy.js";
import { report, Tally } from "./support/figures.js";
import { type SlackBot, startSlackBot } from "./support/slack-bot.js";

const tally = new Tally();
afterAll(() => report("platform faults during reveals", tally.figures()));

const isReveal = (blocks: unknown) => headers(blocks)[0]?.startsWith("Answer") ?? false;

/** `/srm <text>` by `user` in `channel`; resolves to the reply's title (from the ack or the response_url). */
async function ask(bot: SlackBot, api: FakeSlackWebApi, user: string, text: string, channel: string) {
  const id = `r-${uniqueId()}`;
  const person = { id: user, name: user.toLowerCase() };
  const ack = await bot.sender.slashCommand({ person, text, channel, responseUrl: api.responseUrl(id) });
  const reply =
    ack.body !== ""
      ? JSON.parse(ack.body)
      : await eventually("a reply", () => api.responsesTo(id)[0], 15_000);
  return headers((reply as { blocks: unknown }).blocks)[0];
}

describe("429s and 5xx from the platforms during a reveal", () => {
  it("on Slack, 503s and 429s are retried and the reveal lands once; past the retries the scores stand and the next tick announces it", async () => {
    const api = await FakeSlackWebApi.start();
    const proxy = await FaultProxy.start(api.apiUrl);
    const bot = await startSlackBot(proxy.apiUrl);
    api.setUser("UBOSS", { admin: true });
    try {
      const faults: [string, () => void][] = [
        ["two 503s", () => proxy.failNext("chat.update", 2, 503)],
        ["two 429s", () => api.failNext("chat.update", 2, { status: 429, retryAfter: 1 })],
        [
          "a 502 and a 500",
          () => {
            proxy.failNext("chat.update", 1, 502);
            proxy.failNext("chat.update", 1, 500);
          },
        ],
        ["three 503s (more than the retries)", () => proxy.failNext("chat.update", 3, 503)],
      ];
      for (const [i, [what, inject]] of faults.entries()) {
        const channel = `C${i + 1}`;
        expect(await ask(bot, api, "UBOSS", "daily now", channel)).toBe("Posted a question in this channel");
        const message = await eventually("the question", () => api.lastMessageIn(channel));
        for (const user of ["UANN", "UBOB", "UCY"])
          await bot.sender.click({
            person: { id: user, name: user },
            actionId: `answer:${i + 1}:A`,
            channel,
            responseUrl: api.responseUrl(`${user}-${i}`),
          });
        await eventually("the answers", () => api.responsesTo(`UCY-${i}`)[0]);
        await bot.app.engine.idle();
        inject();
        const told = await ask(bot, api, "UBOSS", "reveal", channel);
        // The admin is told the truth: revealed, or revealed with the channel not told yet.
        expect(told, what).toBe(
          isReveal(message.blocks) ? "Revealed" : "Revealed, but the channel could not be told",
        );
        if (!isReveal(message.blocks)) {
          expect(bot.logger.lines.map((l) => l.message)).toContain(
            "announcing a reveal failed; the scores are saved",
          );
          expect(scoreDifferences(bot.app.db)).toEqual([]);
          await bot.app.engine.tick();
          tally.add("reveals announced by the next tick");
        }
        expect(isReveal(message.blocks), what).toBe(true);
        expect(
          message.versions.filter((v) => isReveal(v.blocks)),
          what,
        ).toHaveLength(1);
        tally.add("Slack reveals under faults");
      }
      expect(scoreDifferences(bot.app.db)).toEqual([]);
      tally.add("Slack 5xx answered", proxy.seen.filter((c) => c.status >= 500).length);
      tally.add("Slack 429 answered", api.callsOf("chat.update").filter((c) => c.status === 429).length);
    } finally {
      await bot.close();
      await proxy.close();
      await api.close();
    }
  }, 60_000);

  it("on Discord, 503s and 429s on the reveal edit are retried and it lands once; past the retries the next tick announces it", async () => {
    const bot = await startBot();
    try {
      const ada = bot.fake.person("ada", { manageGuild: true });
      const path = (m: APIMessage) => new RegExp(`^/channels/${m.channel_id}/messages/${m.id}$`);
      const faults = [
        { status: 503, code: 0, message: "Service Unavailable", count: 2 },
        { status: 429, retryAfter: 0.3, count: 1 },
        { status: 502, code: 0, message: "Bad Gateway", count: 4 },
      ] as const;
      for (const [i, fault] of faults.entries()) {
        const channel = i % 2 === 0 ? bot.fake.general : bot.fake.quiz;
        const question = await postQuestion(bot, ada, channel);
        await clickAll(bot, crowd(bot, `f${i}-`, 3), question);
        await bot.app.engine.idle();
        const { count, ...failure } = fault;
        bot.fake.rest.failNext("PATCH", path(question), failure as never, count);
        const embeds = await replyEmbeds(
          bot,
          bot.fake.command(ada, "srm-admin", "reveal", {}, bot.fake.channel(channel)),
        );
        const latest = () => bot.fake.rest.messages.get(question.id);
        expect(embeds[0]?.title).toBe(
          latest()?.embeds[0]?.title?.startsWith("Answer")
            ? "Revealed"
            : "Revealed, but the channel could not be told",
        );
        if (!latest()?.embeds[0]?.title?.startsWith("Answer")) {
          expect(bot.logger.lines.map((l) => l.message)).toContain(
            "announcing a reveal failed; the scores are saved",
          );
          await bot.app.engine.tick();
          tally.add("reveals announced by the next tick");
        }
        expect(latest()?.embeds[0]?.title).toMatch(/^Answer/);
        const reveals = (bot.fake.rest.history.get(question.id) ?? []).filter((m) =>
          m.embeds[0]?.title?.startsWith("Answer"),
        );
        expect(reveals).toHaveLength(1);
        tally.add("Discord reveals under faults");
      }
      expect(scoreDifferences(bot.app.db)).toEqual([]);
      tally.add(
        "Discord 5xx and 429 answered",
        bot.fake.rest.calls.filter((c) => c.status === 429 || c.status >= 500).length,
      );
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
