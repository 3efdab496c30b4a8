/** The longest piece of someone's own text a reply quotes back; longer text is cut with an ellipsis. */
export const ECHO_MAX = 40;

/** How many distinct words a reply quotes back at most; the rest are counted, not repeated. */
const ECHO_WORDS = 5;

/**
 * Someone's own text, made safe to quote in a reply: control characters and the markup characters of
 * Slack, Discord and Markdown become spaces, runs of spaces one, and the result is cut to ECHO_MAX
 * characters. A pasted secret or a wall of text is never shown back whole.
 */
export function echo(text: string): string {
  const plain = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, " ")
    .replace(/[`*_~|<>[\]\\@#]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...plain];
  return chars.length > ECHO_MAX ? `${chars.slice(0, ECHO_MAX - 1).join("")}…` : plain;
}

/** Words someone typed, each quoted once however often it was typed: `"a", "b" and 2 more`. */
export function echoWords(words: readonly string[]): string {
  const distinct = [...new Set(words.map(echo))].filter((w) => w !== "");
  const shown = distinct.slice(0, ECHO_WORDS).map((w) => `"${w}"`);
  const more = distinct.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}
