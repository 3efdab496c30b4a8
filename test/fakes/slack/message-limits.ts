/** What Slack is reported to refuse: a message whose blocks hold more than about 13,200 characters of text. */
export const BLOCKS_TEXT_REFUSED_OVER = 13_200;

/**
 * The error Slack answers to a message's blocks, or null when it takes them: `invalid_blocks` for more than
 * 50 blocks or a text over 3,000 characters, `msg_blocks_too_long` past the total Slack is reported to take.
 */
export function blocksProblem(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return null;
  if (blocks.length > 50) return "invalid_blocks";
  let total = 0;
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.every(walk);
    if (!node || typeof node !== "object") return true;
    const o = node as Record<string, unknown>;
    if (typeof o.text === "string") {
      if (o.text.length > 3000) return false;
      total += o.text.length;
    }
    return Object.values(o).every((v) => typeof v !== "object" || walk(v));
  };
  if (!walk(blocks)) return "invalid_blocks";
  return total > BLOCKS_TEXT_REFUSED_OVER ? "msg_blocks_too_long" : null;
}
