import { afterAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { eventually } from "../fakes/slack/eventually.js";
import { FAKE_TEAM } from "../fakes/slack/payloads.js";
import { blockText, headers, SlackWorkspace } from "../fakes/slack/workspace.js";
import { report, Tally } from "./support/figures.js";

const tally = new Tally();
afterAll(() => report("reveals within the platforms' message limits", tally.figures()));

/** Opens a question in `channel` and has `count` people with long names answer it, right or wrong. */
async function crowdedRound(ws: SlackWorkspace, channel: string, count: number): Promise<void> {
  const boss = ws.person("boss", { admin: true });
  await ws.ask(boss, "daily now", { channel });
  const question = await eventually("the question", () => ws.api.lastMessageIn(channel));
  const round = /answer:(\d+):/.exec(JSON.stringify(question.blocks))?.[1];
  const where = { platform: "slack" as const, workspaceId: FAKE_TEAM, channelId: channel };
  for (let i = 0; i < count; i++) {
    const actor: Actor = {
      platform: "slack",
      workspaceId: FAKE_TEAM,
      userId: `ULONG${i}`,
      displayName: `Maximiliana Evangelina Featherstonehaugh-Cholmondeley of the Platform Team ${i}`,
      platformAdmin: false,
    };
    await ws.app.engine.press(`answer:${round}:${"ABCD"[i % 4]}`, actor, where);
  }
  await ws.app.engine.idle();
}

describe("a reveal with hundreds of answerers", () => {
  it("600 people with long names: Slack takes the reveal, which lists the top scorers and says how many more", async () => {
    const ws = await SlackWorkspace.start();
    try {
      await crowdedRound(ws, "CBIG", 600);
      const reply = await ws.ask(ws.person("boss", { admin: true }), "reveal", { channel: "CBIG" });
      expect(headers(reply.blocks)[0]).toBe("Revealed");
      const message = ws.api.lastMessageIn("CBIG");
      expect(headers(message?.blocks)[0]).toMatch(/^Answer/);
      expect(blockText(message?.blocks)).toMatch(/and \d+ more/);
      expect(ws.api.callsOf("chat.update").filter((c) => c.status === 200)).not.toHaveLength(0);
      tally.add("answerers in one reveal", 600);
      tally.add("characters of text in the reveal", blockText(message?.blocks).length);
    } finally {
      await ws.close();
    }
  }, 120_000);

  it("a reveal Slack refuses is reported to the admin as refused, not as posted, and the points stand", async () => {
    const ws = await SlackWorkspace.start();
    try {
      await crowdedRound(ws, "CREFUSE", 3);
      ws.api.failNext("chat.update", 1, { error: "msg_blocks_too_long" });
      const reply = await ws.ask(ws.person("boss", { admin: true }), "reveal", { channel: "CREFUSE" });
      expect(headers(reply.blocks)[0]).toBe("Revealed, but the channel could not be told");
      expect(blockText(reply.blocks)).toContain("msg_blocks_too_long");
      expect(headers(ws.api.lastMessageIn("CREFUSE")?.blocks)[0]).toBe("Question of the day");
      // The next tick puts the reveal in the channel, once.
      await ws.app.engine.tick();
      expect(headers(ws.api.lastMessageIn("CREFUSE")?.blocks)[0]).toMatch(/^Answer/);
      expect(scoreDifferences(ws.app.db)).toEqual([]);
      tally.add("refused reveals reported truthfully");
    } finally {
      await ws.close();
    }
  }, 60_000);
});
