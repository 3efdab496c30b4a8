import type { Engine } from "../../src/engine.js";
import type { Actor, ChannelRef } from "../../src/ports.js";
import type { Reply } from "../../src/views/card.js";

/**
 * Hands one `/srm` command's text to the engine: the one place where Slack's command meets the engine's,
 * kept apart from the machinery that answers (deadline, boundary, de-duplication).
 */
export function dispatchCommand(
  engine: Engine,
  command: { readonly text?: unknown },
  actor: Actor,
  channel: ChannelRef,
): Promise<Reply> {
  const text = typeof command.text === "string" ? command.text : "";
  return engine.handle({ text, actor, channel });
}
