import { createHash } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { Logger } from "../../src/ports.js";
import type { CardImage, Reply } from "../../src/views/card.js";
import type { UploadedFiles } from "./blocks.js";

/**
 * Uploads the pictures of replies through the Web API (files upload v2, scope files:write) and remembers
 * each one's file id, so a picture asked for again is shown without a second upload. The file is shared to
 * no channel: the reply's image block shows it to the person who asked, and their question stays private.
 */
export class SlackPictures {
  /**
   * File ids by workspace and the picture's content (its SHA-256): the same picture is uploaded once per
   * workspace, since a file uploaded in one workspace cannot be shown in another. The oldest are forgotten
   * past a bound, so memory stays flat.
   */
  private readonly ids = new Map<string, string>();

  constructor(private readonly logger: Logger) {}

  /** Uploads the reply's pictures not uploaded yet; a failed upload is logged and leaves the text alone. */
  async upload(client: webApi.WebClient, reply: Reply, workspace: string): Promise<UploadedFiles> {
    // Each picture's content is hashed once per reply: the ids found are handed back by the picture itself.
    const found = new Map<CardImage, string>();
    for (const card of reply.cards)
      if (card.image) {
        const id = await this.uploadOne(client, card.image, keyOf(card.image, workspace));
        if (id) found.set(card.image, id);
      }
    return (image) => found.get(image);
  }

  /** The picture's file id in the workspace: remembered, or uploaded now; undefined when the upload failed. */
  private async uploadOne(
    client: webApi.WebClient,
    image: CardImage,
    key: string,
  ): Promise<string | undefined> {
    const known = this.ids.get(key);
    if (known) return known;
    try {
      const result = await client.files.uploadV2({
        file: Buffer.from(image.png),
        filename: image.name,
        title: image.name,
        alt_text: image.alt.slice(0, 1000),
      });
      const id = fileIdOf(result);
      if (!id) {
        this.logger.warn("slack: a picture upload named no file", { picture: image.name });
        return undefined;
      }
      this.ids.set(key, id);
      if (this.ids.size > REMEMBERED_FILES) this.ids.delete(this.ids.keys().next().value as string);
      return id;
    } catch (error) {
      // The picture only illustrates the text, which still goes out: a warning, not a failed command.
      this.logger.warn("slack: a picture could not be uploaded; the reply goes without it", {
        picture: image.name,
        code:
          (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code ?? null,
        error,
      });
      return undefined;
    }
  }
}

/** How many uploaded pictures are remembered (a few hundred distinct pictures exist per content version). */
const REMEMBERED_FILES = 2_000;

/** A picture in a workspace, by content: the same bytes always give the same key. */
function keyOf(image: CardImage, workspace: string): string {
  return `${workspace}|${createHash("sha256").update(image.png).digest("hex")}`;
}

/** The id of the one file an upload completed. */
function fileIdOf(result: unknown): string | undefined {
  const completions = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return completions[0]?.files?.[0]?.id;
}
