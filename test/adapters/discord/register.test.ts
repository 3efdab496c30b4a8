import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistrationError, registerDiscordCommands } from "../../../adapters/discord/register.js";
import { type DiscordConfig, loadConfig } from "../../../src/config.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { FakeDiscord } from "../../fakes/discord/fake-discord.js";

let fake: FakeDiscord;

function discordConfig(env: Record<string, string> = {}): DiscordConfig {
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.rest.apiUrl,
    ...env,
  }).discord;
  if (!config) throw new Error("no Discord config");
  return config;
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
});

afterAll(async () => {
  await fake?.close();
});

describe("srm discord register", () => {
  it("overwrites the guild's commands in one PUT: /srm for everyone, /srm-admin for Manage Server", async () => {
    const result = await registerDiscordCommands(
      discordConfig({ DISCORD_GUILD_ID: fake.guildId }),
      new RecordingLogger(),
    );
    expect(result).toEqual({ scope: "guild", count: 2 });
    const puts = fake.rest.callsTo("PUT", /\/commands$/);
    expect(puts.map((c) => c.path)).toEqual([
      `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    ]);
    const body = puts[0]?.body as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    const [srm, admin] = body;
    expect(body.map((c) => c.name)).toEqual(["srm", "srm-admin"]);
    expect(admin?.default_member_permissions).toBe("32");
    expect(srm?.default_member_permissions ?? null).toBeNull();
    // Every command anyone may run is under /srm (practice and review too); admin-only ones under /srm-admin.
    expect(srm?.options?.map((o) => o.name)).toEqual([
      "lookup",
      "ask",
      "compare",
      "help",
      "quiz",
      "answer",
      "leaderboard",
      "stats",
      "practice",
      "review",
      "cram",
      "drill",
      "exam",
      "flag",
      "sure",
      "skip",
      "idk",
      "stop",
      "settings",
      "competition",
      "daily",
      "forget",
    ]);
    expect(admin?.options?.map((o) => o.name)).toEqual(["reveal", "void", "flags", "daily", "competition"]);
    const adminDaily = admin?.options?.find((o) => o.name === "daily") as { options: { name: string }[] };
    expect(adminDaily.options.map((o) => o.name)).toEqual([
      "set",
      "off",
      "skip",
      "pause",
      "resume",
      "leaderboard",
      "now",
    ]);
    const lookup = srm?.options?.find((o) => o.name === "lookup") as {
      options: { name: string; autocomplete?: boolean }[];
    };
    expect(lookup.options.map((o) => [o.name, o.autocomplete])).toEqual([
      ["service", true],
      ["area", true],
    ]);
  });

  it("without DISCORD_GUILD_ID the commands are registered globally", async () => {
    const result = await registerDiscordCommands(discordConfig(), new RecordingLogger());
    expect(result).toEqual({ scope: "global", count: 2 });
    expect(fake.rest.callsTo("PUT", /\/commands$/).at(-1)?.path).toBe(
      `/applications/${fake.applicationId}/commands`,
    );
  });

  it("/srm is offered to server and user installs, in servers, DMs and private channels; /srm-admin only in servers that installed it", async () => {
    await registerDiscordCommands(discordConfig(), new RecordingLogger());
    const body = fake.rest.callsTo("PUT", /\/commands$/).at(-1)
      ?.body as RESTPostAPIChatInputApplicationCommandsJSONBody[];
    expect(body.map((c) => [c.name, c.integration_types, c.contexts])).toEqual([
      ["srm", [0, 1], [0, 1, 2]],
      ["srm-admin", [0], [0]],
    ]);
  });

  it("registering in one server says user installs need the global registration", async () => {
    const logger = new RecordingLogger();
    await registerDiscordCommands(discordConfig({ DISCORD_GUILD_ID: fake.guildId }), logger);
    expect(logger.lines.map((l) => l.message)).toContainEqual(
      expect.stringContaining("register without DISCORD_GUILD_ID"),
    );
  });

  it("a refused token is reported with what to fix, and without the token", async () => {
    const wrong = `${fake.token}x`;
    const error = await registerDiscordCommands(
      discordConfig({ DISCORD_TOKEN: wrong }),
      new RecordingLogger(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistrationError);
    expect((error as Error).message).toContain("DISCORD_TOKEN");
    expect((error as Error).message).not.toContain(wrong);
  });
});
