import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Reply } from "../../src/views/card.js";

/** Where the terminal saves pictures unless told otherwise: one folder in the system's temporary folder. */
export function defaultPictureFolder(): string {
  return join(tmpdir(), "srm-bot-pictures");
}

/**
 * Saves each picture of a reply as a file in `folder` (a terminal cannot show it) and returns one line per
 * picture saying where it is. The same picture keeps the same name, so asking again overwrites it.
 */
export function savePictures(reply: Reply, folder: string): string[] {
  const lines: string[] = [];
  for (const card of reply.cards) {
    if (!card.image) continue;
    const path = join(folder, card.image.name);
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(path, card.image.png);
      lines.push(`Picture: ${path}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The text answer stands on its own; a picture that cannot be saved is reported, never fatal.
      if (
        code === "EACCES" ||
        code === "EPERM" ||
        code === "EROFS" ||
        code === "ENOSPC" ||
        code === "ENOTDIR"
      )
        lines.push(`The picture could not be saved to ${path} (${code}); the text above says the same.`);
      else throw error;
    }
  }
  return lines;
}
