import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../../adapters/slack/handlers.js";

const manifest = parse(readFileSync(join(import.meta.dirname, "../../../manifest.yml"), "utf8"));

describe("the Slack app manifest", () => {
  it("declares what the front end listens to: /srm with a usage hint, buttons, and App Home", () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: SLASH_COMMAND, should_escape: false });
    expect(command.usage_hint).toContain("ec2 os-patching");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_home_opened"]);
  });

  it("asks for the bot scopes the front end's API calls need, and no more", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "channels:history",
      "chat:write",
      "chat:write.public",
      "commands",
      "files:write",
      "groups:history",
      "users:read",
    ]);
  });

  it("starts in Socket Mode and says how to switch to HTTP at /slack/events", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(readFileSync(join(import.meta.dirname, "../../../manifest.yml"), "utf8")).toContain(
      "https://<host>/slack/events",
    );
  });
});
