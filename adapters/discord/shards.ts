import type { ShardSlice } from "../../src/config.js";

const SNOWFLAKE = /^\d{1,25}$/;

/**
 * The gateway shard that carries a guild, by Discord's rule `(guild_id >> 22) % shard_count`. Anything
 * that is no guild id (a direct message's or a personal workspace) is shard 0's, where Discord sends DMs.
 */
export function shardOf(guildId: string, count: number): number {
  if (!SNOWFLAKE.test(guildId) || count <= 1) return 0;
  // Snowflakes pass 2^53, so the shift is done on a bigint.
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * Whether the replica running `slice` holds a guild's shard, so its scheduled posts are this replica's
 * to claim. A replica without SRM_DISCORD_SHARDS runs every shard and serves every guild.
 */
export function servesGuildOf(slice: ShardSlice | null): (guildId: string) => boolean {
  if (slice === null) return () => true;
  return (guildId) => {
    const shard = shardOf(guildId, slice.count);
    return shard >= slice.first && shard <= slice.last;
  };
}
