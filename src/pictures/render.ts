import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { RecentMap } from "../domain/recent-map.js";
import { PAPER } from "./palette.js";
import { encodePng } from "./png.js";

/** A rendered picture: PNG bytes and its size in pixels. */
export interface Png {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The fonts every picture uses, from the dejavu-fonts-ttf package: the same glyphs on every machine. */
function fontFiles(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  return [join(dir, "DejaVuSans.ttf"), join(dir, "DejaVuSans-Bold.ttf")];
}

/** How many rendered pictures are kept: every service's stack and a few hundred comparisons. */
const KEPT = 300;

/**
 * Renders SVG to PNG in the process with resvg and the shipped font (no system fonts, so a picture is the
 * same on every machine and in the Docker image). The SVG is a pure function of the content, so it is its
 * own cache key: a picture is rendered once per content version, and new content draws new pictures.
 */
export class PictureRenderer {
  private readonly kept = new RecentMap<string, Png>(KEPT);
  private readonly fonts = fontFiles();

  /** The PNG of an SVG, from the cache when this SVG was rendered before. */
  png(svg: string): Png {
    const known = this.kept.get(svg);
    if (known) return known;
    const image = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: this.fonts, defaultFontFamily: "DejaVu Sans" },
      background: PAPER,
      fitTo: { mode: "original" },
    }).render();
    const png: Png = {
      bytes: encodePng(image.pixels, image.width, image.height),
      width: image.width,
      height: image.height,
    };
    this.kept.set(svg, png);
    return png;
  }
}
