import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { secretsOf } from "../src/log.js";

const OAUTH = {
  SLACK_CLIENT_ID: "1234567890.9876543210",
  SLACK_CLIENT_SECRET: "client-secret-0123456789abcdef",
  SLACK_STATE_SECRET: "state-secret-0123456789",
  SLACK_SIGNING_SECRET: "signing-secret-0123456789",
  SRM_SECRET_KEY: "k".repeat(32),
};

describe("Slack's two modes in the configuration", () => {
  it("the client settings instead of a bot token let many workspaces install the app, over HTTP", () => {
    const slack = loadConfig({ ...OAUTH, SLACK_API_URL: "http://127.0.0.1:9/api" }).slack;
    expect(slack).toMatchObject({
      botToken: null,
      mode: "http",
      signingSecret: OAUTH.SLACK_SIGNING_SECRET,
      apiUrl: "http://127.0.0.1:9/api/",
      oauth: {
        clientId: OAUTH.SLACK_CLIENT_ID,
        clientSecret: OAUTH.SLACK_CLIENT_SECRET,
        stateSecret: OAUTH.SLACK_STATE_SECRET,
        secretKey: OAUTH.SRM_SECRET_KEY,
        redirectUri: null,
      },
    });
  });

  it("a bot token alone keeps the single-workspace mode as it was", () => {
    const slack = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack;
    expect(slack).toMatchObject({ botToken: "xoxb-1", mode: "socket", oauth: null });
  });

  it.each([
    ["SLACK_CLIENT_ID", { SLACK_CLIENT_ID: undefined }, /^SLACK_CLIENT_ID: is not set.*App Credentials/],
    ["SLACK_CLIENT_ID", { SLACK_CLIENT_ID: "abc" }, /^SLACK_CLIENT_ID: does not look like a Slack client id/],
    [
      "SLACK_CLIENT_SECRET",
      { SLACK_CLIENT_SECRET: undefined },
      /^SLACK_CLIENT_SECRET: is not set.*App Credentials/,
    ],
    [
      "SLACK_STATE_SECRET",
      { SLACK_STATE_SECRET: undefined },
      /^SLACK_STATE_SECRET: is not set.*at least 16 characters/,
    ],
    [
      "SLACK_STATE_SECRET",
      { SLACK_STATE_SECRET: "short" },
      /^SLACK_STATE_SECRET: is shorter than 16 characters/,
    ],
    [
      "SLACK_SIGNING_SECRET",
      { SLACK_SIGNING_SECRET: undefined },
      /^SLACK_SIGNING_SECRET: is not set.*Signing Secret/,
    ],
    ["SRM_SECRET_KEY", { SRM_SECRET_KEY: undefined }, /^SRM_SECRET_KEY: is not set.*at least 32 characters/],
    [
      "SRM_SECRET_KEY",
      { SRM_SECRET_KEY: "k".repeat(31) },
      /^SRM_SECRET_KEY: is 31 characters long, shorter than 32/,
    ],
    [
      "SRM_SECRET_KEY",
      {
        SRM_SECRET_KEY: "state-secret-0123456789-long-enough",
        SLACK_STATE_SECRET: "state-secret-0123456789-long-enough",
      },
      /^SRM_SECRET_KEY: is the same as/,
    ],
    [
      "SLACK_BOT_TOKEN",
      { SLACK_BOT_TOKEN: "xoxb-1" },
      /^SLACK_BOT_TOKEN: is set together with SLACK_CLIENT_ID.*Unset SLACK_BOT_TOKEN/,
    ],
    [
      "SLACK_APP_TOKEN",
      { SLACK_APP_TOKEN: "xapp-1" },
      /^SLACK_APP_TOKEN: is set, but workspaces installing the app.*HTTP mode/,
    ],
    [
      "SLACK_REDIRECT_URI",
      { SLACK_REDIRECT_URI: "https://bot.example.com/oauth" },
      /^SLACK_REDIRECT_URI: .* does not end in \/slack\/oauth_redirect/,
    ],
  ])(
    "the multi-workspace mode refuses a wrong %s, saying what is wrong and how to fix it",
    (_name, change, message) => {
      expect(() => loadConfig({ ...OAUTH, ...change })).toThrow(message);
    },
  );

  it("a client secret without a client id is refused, naming SLACK_CLIENT_ID", () => {
    expect(() => loadConfig({ SLACK_CLIENT_SECRET: "x" })).toThrow(/^SLACK_CLIENT_ID: is not set/);
  });

  it("the client secret, the state secret and SRM_SECRET_KEY are scrubbed from logs", () => {
    const secrets = secretsOf(loadConfig(OAUTH));
    expect(secrets).toEqual(
      expect.arrayContaining([OAUTH.SLACK_CLIENT_SECRET, OAUTH.SLACK_STATE_SECRET, OAUTH.SRM_SECRET_KEY]),
    );
  });
});
