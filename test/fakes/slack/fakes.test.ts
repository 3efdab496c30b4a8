import { verifySlackRequest, webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackSignature } from "./request-sender.js";
import { FakeSlackWebApi } from "./web-api.js";

describe("the fake Slack speaks Slack's protocol", () => {
  let api: FakeSlackWebApi;
  beforeEach(async () => {
    api = await FakeSlackWebApi.start();
  });
  afterEach(async () => {
    await api.close();
  });

  it("signs requests so that Bolt's own verifySlackRequest accepts them, and only with the right secret", () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = "command=%2Fsrm&text=rds";
    const headers = {
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": slackSignature("s3cret", timestamp, body),
    };
    expect(() => verifySlackRequest({ signingSecret: "s3cret", body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: "other", body, headers })).toThrow(/signature mismatch/);
  });

  it("answers a real WebClient like Slack, rate-limits the next calls when told to, then recovers", async () => {
    const client = new webApi.WebClient("xoxb-t", {
      slackApiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const posted = await client.chat.postMessage({ channel: "C1", text: "hi" });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    api.failNext("chat.update", 1, { status: 429, retryAfter: 7 });
    await expect(
      client.chat.update({ channel: "C1", ts: posted.ts as string, text: "x" }),
    ).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 7,
    });
    api.failNext("chat.update", 1, { error: "channel_not_found" });
    await expect(
      client.chat.update({ channel: "C1", ts: posted.ts as string, text: "x" }),
    ).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    await client.chat.update({ channel: "C1", ts: posted.ts as string, text: "edited" });
    expect(api.lastMessageIn("C1")?.versions.map((v) => v.text)).toEqual(["hi", "edited"]);
    expect(api.callsOf("chat.update").map((c) => c.status)).toEqual([429, 200, 200]);
  });

  it("refuses apps.connections.open without an app-level token", async () => {
    const client = new webApi.WebClient("xoxb-t", { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
    await expect(client.apps.connections.open()).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
  });
});
