import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordingLogger } from "../../fakes/announcer.js";
import { eventually } from "../../fakes/slack/eventually.js";
import { appHomeOpened } from "../../fakes/slack/payloads.js";
import { headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;

beforeEach(async () => {
  slack = await SlackWorkspace.start({ admins: ["UOPS"] });
});

afterEach(async () => {
  await slack.close();
});

function publishedFor(userId: string) {
  return slack.api.callsOf("views.publish").filter((c) => c.args.user_id === userId);
}

/** Waits for the home view published for one person. */
async function homeOf(userId: string): Promise<{ type: string; blocks: unknown[] }> {
  const call = await eventually(`views.publish for ${userId}`, () => publishedFor(userId)[0]);
  return call.args.view as { type: string; blocks: unknown[] };
}

describe("the App Home tab", () => {
  it("opening it publishes the person's stats, what to practise next and the help", async () => {
    const ack = await slack.sender.event(appHomeOpened(slack.person("alice")));
    expect(ack.status).toBe(200);
    const view = await homeOf("UALICE");
    expect(view.type).toBe("home");
    expect(headers(view.blocks)).toEqual([
      "Stats: alice",
      "Practise next",
      "srm-bot: who secures what on AWS",
    ]);
  });

  it("an admin's home also lists the commands only admins can run", async () => {
    await slack.sender.event(appHomeOpened(slack.person("ops")));
    expect(headers((await homeOf("UOPS")).blocks)).toContain("Admin commands");
  });

  it("an App Home event Slack sends again is published once", async () => {
    const alice = slack.person("alice");
    await slack.sender.event(appHomeOpened(alice), "Ev-home-1");
    await eventually("the first publish", () => publishedFor("UALICE").length === 1);
    const retry = await slack.sender.event(appHomeOpened(alice), "Ev-home-1", { retryNum: 1 });
    expect(retry.status).toBe(200);
    const logger = slack.logger as RecordingLogger;
    await eventually("the repeat to be set aside", () =>
      logger.lines.find((l) => l.message === "ignored a repeated Slack delivery"),
    );
    expect(publishedFor("UALICE")).toHaveLength(1);
  });
});
