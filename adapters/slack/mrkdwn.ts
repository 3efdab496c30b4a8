/** Escapes the three characters Slack's mrkdwn reads as markup (`&`, `<`, `>`), so text shows as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The longest escape escapeMrkdwn writes ("&amp;"). */
const LONGEST_ESCAPE = 5;

/**
 * Cuts text to at most `max` characters, ending in "…". Never cuts inside an escape such as "&amp;"
 * (Slack would show the broken half) or between the two halves of a surrogate pair (an emoji).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const amp = text.lastIndexOf("&", end - 1);
  if (amp !== -1 && end - amp < LONGEST_ESCAPE) {
    const semi = text.indexOf(";", amp);
    if (semi >= end && semi - amp < LONGEST_ESCAPE) end = amp;
  }
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Packs lines into as few chunks as possible, each at most `max` characters; a single line longer than
 * `max` is clipped. Splitting at line ends keeps every list item and table row whole.
 */
export function chunkLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = clip(raw, max);
    if (current === "") current = line;
    else if (current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
