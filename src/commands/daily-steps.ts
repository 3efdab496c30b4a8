import { channelKey } from "../ports.js";
import { privateReply, type Reply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import type { CommandContext } from "./command.js";
import type { DailyAction } from "./daily.js";

/** Runs a `/srm daily` change and logs it (the channel and the change, never who typed what). */
export async function changeDaily(
  ctx: CommandContext,
  action: Exclude<DailyAction, "now" | "status">,
  words: readonly string[],
): Promise<Reply> {
  const done = await ctx.deps.daily.run(ctx.actor, ctx.channel, action, words);
  if (done.ok)
    ctx.deps.logger.info("changed the daily schedule", {
      channel: channelKey(ctx.channel),
      change: `daily ${action}`,
    });
  return privateReply(done.ok ? done.value : failureCard(done.failure));
}

/** The words of a free-text argument. */
export function wordsOf(text: string): string[] {
  return text === "" ? [] : text.split(/\s+/);
}
