import { PNG } from "pngjs";
import type { Box } from "../../src/pictures/svg.js";

/** A decoded PNG, as a person's image viewer would read it. */
export function decode(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** The colour of one pixel as "#rrggbb". */
export function pixel(png: PNG, x: number, y: number): string {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(2, "0");
  return `#${hex(png.data[i])}${hex(png.data[i + 1])}${hex(png.data[i + 2])}`;
}

/** A point inside a box clear of its words: a few pixels in from the left edge, half way down. */
export function clearOf(box: Box): { x: number; y: number } {
  return { x: box.x + 7, y: box.y + box.height / 2 };
}
