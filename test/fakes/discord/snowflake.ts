/** Discord's epoch (2015-01-01), from which snowflake timestamps count. */
const DISCORD_EPOCH = 1_420_070_400_000n;

let last = 0n;

/** A fresh, increasing snowflake id shaped like Discord's (19 digits today), unique within this process. */
export function snowflake(): string {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  last = now > last ? now : last + 1n;
  return last.toString();
}

/** A random token of the given length (interaction and session tokens). */
export function randomToken(length = 32): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/**
 * A fresh snowflake for a guild that Discord's rule, (id >> 22) % count, puts on `shard`: its timestamp is
 * moved up to the next millisecond that lands there, and later snowflakes stay above it.
 */
export function guildSnowflake(shard: number, count: number): string {
  const id = BigInt(snowflake());
  const ms = id >> 22n;
  const n = BigInt(count);
  const ahead = (((BigInt(shard) - (ms % n)) % n) + n) % n;
  const moved = ((ms + ahead) << 22n) | (id & 0x3fffffn);
  if (moved > last) last = moved;
  return moved.toString();
}
