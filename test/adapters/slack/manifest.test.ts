import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../../adapters/slack/handlers.js";
import { INSTALL_PATH, OAUTH_REDIRECT_PATH } from "../../../adapters/slack/install-flow.js";
import { SLACK_BOT_SCOPES } from "../../../adapters/slack/installations.js";

const manifest = parse(readFileSync(join(import.meta.dirname, "../../../manifest.yml"), "utf8"));
const multiText = readFileSync(join(import.meta.dirname, "../../../manifest.multi-workspace.yml"), "utf8");
const multi = parse(multiText);

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

  it("asks for the same bot scopes an 'Add to Slack' install asks for", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  });
});

describe("the Slack app manifest for many workspaces", () => {
  it("declares the same command, buttons, App Home and scopes as the single-workspace one", () => {
    expect(multi.features).toEqual({
      ...manifest.features,
      slash_commands: [{ ...manifest.features.slash_commands[0], url: "https://<host>/slack/events" }],
    });
    expect([...multi.oauth_config.scopes.bot].sort()).toEqual([...SLACK_BOT_SCOPES].sort());
  });

  it("runs over HTTP, sends admins back to the redirect path, hears uninstalls and allows org-wide installs", () => {
    expect(multi.settings.socket_mode_enabled).toBe(false);
    expect(multi.oauth_config.redirect_urls).toEqual([`https://<host>${OAUTH_REDIRECT_PATH}`]);
    expect(multi.settings.event_subscriptions.bot_events).toEqual([
      "app_home_opened",
      "app_uninstalled",
      "tokens_revoked",
    ]);
    expect(multi.settings.org_deploy_enabled).toBe(true);
    expect(multiText).toContain(`https://<host>${INSTALL_PATH}`);
  });
});
