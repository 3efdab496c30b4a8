import { HOLDER_FILL, HOLDER_WORD, type Holder, holderKey, INK, PAPER } from "./palette.js";
import { escapeXml, textWidth } from "./text.js";

/** A rectangle of a picture, in its pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One coloured box of a picture and who owns what it stands for: the picture's map, for alt text and tests. */
export interface OwnedBox {
  readonly label: string;
  readonly holder: Holder;
  readonly box: Box;
}

/** A picture as SVG, its size, the boxes drawn in owners' colours, and the words that describe it. */
export interface Picture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly OwnedBox[];
  /** What the picture shows, for people who cannot see it. */
  readonly alt: string;
}

/** Text options: size in pixels, weight, anchor and colour. */
export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  readonly anchor?: "start" | "middle" | "end";
  readonly fill?: string;
}

/** A text element (one line). */
export function text(x: number, y: number, content: string, style: TextStyle): string {
  const weight = style.bold ? ' font-weight="bold"' : "";
  const anchor = style.anchor && style.anchor !== "start" ? ` text-anchor="${style.anchor}"` : "";
  return `<text x="${x}" y="${y}" font-size="${style.size}"${weight}${anchor} fill="${style.fill ?? INK}">${escapeXml(content)}</text>`;
}

/** Lines of text centred vertically on `middle`. */
export function lines(x: number, middle: number, content: readonly string[], style: TextStyle): string {
  const step = Math.round(style.size * 1.2);
  const first = middle - ((content.length - 1) * step) / 2 + style.size * 0.36;
  return content.map((l, i) => text(x, Math.round(first + i * step), l, style)).join("");
}

/** A filled rectangle. */
export function rect(box: Box, fill: string, radius = 0): string {
  const r = radius > 0 ? ` rx="${radius}"` : "";
  return `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}"${r} fill="${fill}"/>`;
}

/** The opening of a picture: its size, the shipped font and a white page. */
export function open(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">${rect({ x: 0, y: 0, width, height }, PAPER)}`;
}

/** Every holder in the order a legend lists them. */
const LEGEND_ORDER: readonly Holder[] = ["aws", "shared", "customer", null];

/** A legend row of swatches and words from x, centred on the line at y; returns the markup and its width. */
export function legend(
  x: number,
  y: number,
  size: number,
  noneWord: string = HOLDER_WORD.none,
): { svg: string; width: number } {
  let at = x;
  const parts: string[] = [];
  for (const holder of LEGEND_ORDER) {
    const key = holderKey(holder);
    const word = key === "none" ? noneWord : HOLDER_WORD[key];
    parts.push(rect({ x: at, y: y - size / 2, width: size, height: size }, HOLDER_FILL[key], 3));
    parts.push(text(at + size + 8, Math.round(y + size * 0.36), word, { size }));
    at += size + 8 + textWidth(word, size) + size * 1.4;
  }
  return { svg: parts.join(""), width: at - x - size * 1.4 };
}
