import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockActionsPayload } from "../../fakes/slack/payloads.js";
import { slackSignature } from "../../fakes/slack/request-sender.js";
import { SIGNING_SECRET, SlackWorkspace } from "../../fakes/slack/workspace.js";
import { postRaw } from "../support/raw-slack.js";

let slack: SlackWorkspace;

beforeAll(async () => {
  slack = await SlackWorkspace.start();
});

afterAll(async () => {
  await slack.close();
});

describe("Slack request timestamps", () => {
  it("a request signed six minutes in the future is refused like a stale one (Slack: within five minutes either way)", async () => {
    const body = new URLSearchParams({
      payload: JSON.stringify(
        blockActionsPayload({
          person: slack.person("ann"),
          actionId: "answer:1:A",
          responseUrl: slack.api.responseUrl("f"),
        }),
      ),
    }).toString();
    const ts = Math.floor(Date.now() / 1000) + 6 * 60;
    const status = await postRaw(slack, body, {
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(SIGNING_SECRET, ts, body),
    });
    expect(status).toBe(401);
  });
});
