import { afterAll, describe, expect, it } from "vitest";
import { SqliteDailyStore } from "../../src/store/daily-store.js";
import { eventually } from "../fakes/slack/eventually.js";
import { headers, SlackWorkspace } from "../fakes/slack/workspace.js";
import { ManualClock } from "../support/app.js";
import { report, Tally } from "./support/figures.js";

const tally = new Tally();
afterAll(() => report("a slow or hanging platform", tally.figures()));

const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A daily question at 09:00 UTC in `channel`, revealed an hour later. */
function schedule(ws: SlackWorkspace, clock: ManualClock, channel: string): void {
  new SqliteDailyStore(ws.app.db).put({
    channel: { platform: "slack", workspaceId: "T0FAKE", channelId: channel },
    postTime: "09:00",
    timeZone: "UTC",
    days: [...EVERY_DAY],
    reveal: { afterMinutes: 60 },
    pausedUntil: null,
    leaderboard: null,
    enabled: true,
    activeFrom: new Date(clock.now().getTime() - 3_600_000),
    updatedBy: "UBOSS",
  });
}

const title = (m: { blocks: unknown } | undefined) => (m ? headers(m.blocks)[0] : undefined);

describe("a platform that refuses profile lookups", () => {
  it("while users.info answers 429 for forty people's commands, other people's answer clicks are confirmed", async () => {
    const ws = await SlackWorkspace.start();
    try {
      const boss = ws.person("boss", { admin: true });
      await ws.ask(boss, "daily now", { channel: "CQUIZ" });
      const question = await eventually("the question", () => ws.api.lastMessageIn("CQUIZ"));
      const round = /answer:(\d+):/.exec(JSON.stringify(question.blocks))?.[1];
      ws.api.refuseAll("users.info", { status: 429, retryAfter: 20 });
      const sender = ws.sender;
      const commands = Array.from({ length: 40 }, (_, i) => {
        const person = { id: `UCMD${i}`, name: `cmd${i}` };
        return sender.slashCommand({
          person,
          text: "s3",
          channel: "CQUIZ",
          responseUrl: ws.api.responseUrl(`cmd-${i}`),
        });
      });
      await eventually("users.info refused", () => ws.api.callsOf("users.info").length >= 1, 10_000);
      const clickers = Array.from({ length: 20 }, (_, i) => ({ id: `UCLICK${i}`, name: `click${i}` }));
      await Promise.all(
        clickers.map((person, i) =>
          sender.click({
            person,
            actionId: `answer:${round}:${"ABCD"[i % 4]}`,
            channel: "CQUIZ",
            responseUrl: ws.api.responseUrl(`click-${i}`),
          }),
        ),
      );
      const confirmed = await eventually(
        "every click confirmed",
        () => {
          const titles = clickers.map(
            (_, i) => headers(ws.api.responsesTo(`click-${i}`)[0]?.blocks ?? [])[0],
          );
          return titles.every((t) => t?.startsWith("Locked in")) && titles;
        },
        15_000,
      );
      // Confirmed while Slack was still refusing every profile lookup.
      expect(ws.api.refusing("users.info")).toBe(true);
      expect(confirmed).toHaveLength(20);
      tally.add("clicks confirmed while users.info refused", confirmed.length);
      ws.api.lift("users.info");
      await Promise.all(commands);
      await eventually(
        "every command answered once Slack answers again",
        () => Array.from({ length: 40 }, (_, i) => ws.api.responsesTo(`cmd-${i}`)[0]).every(Boolean),
        60_000,
      );
      tally.add("commands answered after the rate limit", 40);
    } finally {
      ws.api.lift("users.info");
      await ws.close();
    }
  }, 120_000);
});

describe("a platform that hangs", () => {
  it("while one channel's post hangs, another channel's question is posted and revealed on schedule", async () => {
    const clock = new ManualClock(new Date("2026-03-02T09:00:10Z"));
    const ws = await SlackWorkspace.start({ clock });
    try {
      schedule(ws, clock, "CHUNG");
      schedule(ws, clock, "CFINE");
      ws.api.hang("CHUNG");
      // The scheduler's tick: it starts each channel's work and never waits on one channel for another.
      ws.app.engine.startDue();
      await eventually("the other channel's question", () => title(ws.api.lastMessageIn("CFINE")));
      expect(title(ws.api.lastMessageIn("CFINE"))).toBe("Question of the day");
      clock.advance(61 * 60_000);
      ws.app.engine.startDue();
      await eventually("the other channel's reveal", () =>
        title(ws.api.lastMessageIn("CFINE"))?.startsWith("Answer"),
      );
      // The hung channel's post is still waiting on Slack, and the second tick did not start it again.
      expect(ws.api.heldIn("CHUNG")).toBe(1);
      tally.add("channels served while another hung");
      ws.api.release("CHUNG");
      await ws.app.engine.settle();
      await ws.app.engine.tick();
      expect(title(ws.api.lastMessageIn("CHUNG"))).toMatch(/^(Question of the day|Answer)/);
    } finally {
      ws.api.release("CHUNG");
      await ws.close();
    }
  }, 60_000);

  it("a post that hangs gives up at its deadline, and the admin is told it could not be posted", async () => {
    const ws = await SlackWorkspace.start({ settings: { SRM_PLATFORM_TIMEOUT_SECONDS: "1" } });
    try {
      const boss = ws.person("boss", { admin: true });
      ws.api.hang("CSTUCK");
      const reply = await ws.ask(boss, "daily now", { channel: "CSTUCK" });
      expect(headers(reply.blocks)[0]).toBe("The question could not be posted in this channel");
      // Every try had its deadline: the first and the test settings' two retries, then it gave up.
      expect(ws.api.heldIn("CSTUCK")).toBe(3);
      tally.add("hung posts given up at the deadline");
    } finally {
      ws.api.release("CSTUCK");
      await ws.close();
    }
  }, 30_000);
});
