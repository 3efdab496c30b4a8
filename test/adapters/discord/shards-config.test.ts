import { describe, expect, it } from "vitest";
import { servesGuildOf, shardOf } from "../../../adapters/discord/shards.js";
import { ConfigError, loadConfig } from "../../../src/config.js";
import { guildSnowflake } from "../../fakes/discord/snowflake.js";

const DISCORD = { DISCORD_TOKEN: "token", DISCORD_APPLICATION_ID: "123456789012345678" };

function shards(value: string | undefined) {
  return loadConfig({ ...DISCORD, ...(value === undefined ? {} : { SRM_DISCORD_SHARDS: value }) }).discord
    ?.shards;
}

describe("SRM_DISCORD_SHARDS", () => {
  it("unset (or auto) runs every shard Discord recommends", () => {
    expect(shards(undefined)).toBeNull();
    expect(shards("auto")).toBeNull();
  });

  it("reads a run of shards of a count, or one shard", () => {
    expect(shards("0-3/8")).toEqual({ first: 0, last: 3, count: 8 });
    expect(shards(" 4 - 7 / 8 ")).toEqual({ first: 4, last: 7, count: 8 });
    expect(shards("2/8")).toEqual({ first: 2, last: 2, count: 8 });
  });

  it.each([
    [
      "0-8/8",
      /SRM_DISCORD_SHARDS: "0-8\/8" names shard 8, but 8 shards are numbered 0 to 7\. .*e\.g\. SRM_DISCORD_SHARDS=0-7\/8/,
    ],
    ["3/2", /SRM_DISCORD_SHARDS: "3\/2" names shard 3, but 2 shards are numbered 0 to 1\. /],
    [
      "5-2/8",
      /SRM_DISCORD_SHARDS: "5-2\/8" runs backwards, from shard 5 down to 2\. .*e\.g\. SRM_DISCORD_SHARDS=2-5\/8/,
    ],
    ["0-0/0", /SRM_DISCORD_SHARDS: "0-0\/0" has a count of 0 shards\. .*e\.g\. SRM_DISCORD_SHARDS=0-3\/8/],
    [
      "lots",
      /SRM_DISCORD_SHARDS: "lots" is not a run of shards\. Use FIRST-LAST\/COUNT, e\.g\. SRM_DISCORD_SHARDS=0-3\/8/,
    ],
    ["0-3", /SRM_DISCORD_SHARDS: "0-3" is not a run of shards\. /],
    ["-1-2/4", /SRM_DISCORD_SHARDS: "-1-2\/4" is not a run of shards\. /],
  ])("refuses %s, naming the setting, what is wrong and an example", (value, message) => {
    expect(() => shards(value)).toThrow(ConfigError);
    expect(() => shards(value)).toThrow(message);
  });
});

describe("which guilds a replica serves", () => {
  it("puts a guild on the shard of Discord's rule, (guild_id >> 22) % shard_count", () => {
    // 2^22 * 5 + 7 is guild 20971527: its timestamp part is 5, so shard 5 % 4 = 1.
    expect(shardOf("20971527", 4)).toBe(1);
    // An id past 2^53 keeps every bit: 175928847299117063 >> 22 = 41944705796, and % 8 = 4.
    expect(shardOf("175928847299117063", 8)).toBe(4);
    for (const shard of [0, 1, 2, 3]) expect(shardOf(guildSnowflake(shard, 4), 4)).toBe(shard);
  });

  it("a replica serves the guilds on its own shards and no others", () => {
    const serves = servesGuildOf({ first: 2, last: 3, count: 4 });
    expect([0, 1, 2, 3].map((s) => serves(guildSnowflake(s, 4)))).toEqual([false, false, true, true]);
  });

  it("a replica that runs every shard serves every guild", () => {
    expect(servesGuildOf(null)(guildSnowflake(1, 4))).toBe(true);
  });

  it("work outside any guild (a DM) belongs to shard 0's replica, where Discord sends DMs", () => {
    expect(servesGuildOf({ first: 0, last: 0, count: 2 })("user-1234")).toBe(true);
    expect(servesGuildOf({ first: 1, last: 1, count: 2 })("user-1234")).toBe(false);
  });
});
