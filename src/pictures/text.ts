/**
 * Text measuring for the pictures. The font is DejaVu Sans, shipped with the package, so widths can be
 * estimated from its proportions without a layout engine; the estimates err wide, so a label estimated to
 * fit does fit.
 */

/** Roughly how wide a character of DejaVu Sans is, in ems. */
function advance(ch: string, bold: boolean): number {
  let em: number;
  if (" ".includes(ch)) em = 0.32;
  else if ("iljI.,:;'|!()[]".includes(ch)) em = 0.34;
  else if ("ftr-".includes(ch)) em = 0.42;
  else if ("mwMW".includes(ch)) em = 0.98;
  else if (ch >= "A" && ch <= "Z") em = 0.74;
  else em = 0.63;
  return bold ? em * 1.08 : em;
}

/** The estimated width of a line of text at a font size, in pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += advance(ch, bold);
  return em * size;
}

/**
 * Breaks text into at most `maxLines` lines no wider than `width`; a word that does not fit on the last line
 * is cut with an ellipsis, so nothing spills out of its box.
 */
export function wrapText(
  text: string,
  size: number,
  width: number,
  maxLines: number,
  bold = false,
): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size, bold) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines && lines.every((l) => textWidth(l, size, bold) <= width)) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept.length - 1;
  const rest = lines.slice(last).join(" ");
  kept[last] = fitWithEllipsis(rest, size, width, bold);
  return kept.map((l, i) => (i < last ? fitWithEllipsis(l, size, width, bold) : l));
}

function fitWithEllipsis(text: string, size: number, width: number, bold: boolean): string {
  if (textWidth(text, size, bold) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Text made safe inside SVG markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}
