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
   * File ids by picture bytes, then by workspace: the engine hands back the same bytes for the same picture,
   * and a file uploaded in one workspace cannot be shown in another.
   */
  private readonly ids = new WeakMap<Uint8Array, Map<string, string>>();

  constructor(private readonly logger: Logger) {}

  /** Uploads the reply's pictures not uploaded yet; a failed upload is logged and leaves the text alone. */
  async upload(client: webApi.WebClient, reply: Reply, workspace: string): Promise<UploadedFiles> {
    for (const card of reply.cards) if (card.image) await this.uploadOne(client, card.image, workspace);
    return (image) => this.ids.get(image.png)?.get(workspace);
  }

  private async uploadOne(client: webApi.WebClient, image: CardImage, workspace: string): Promise<void> {
    if (this.ids.get(image.png)?.has(workspace)) return;
    try {
      const result = await client.files.uploadV2({
        file: Buffer.from(image.png),
        filename: image.name,
        title: image.name,
        alt_text: image.alt.slice(0, 1000),
      });
      const id = fileIdOf(result);
      if (id) this.ids.set(image.png, (this.ids.get(image.png) ?? new Map()).set(workspace, id));
      else this.logger.warn("slack: a picture upload named no file", { picture: image.name });
    } catch (error) {
      // The picture only illustrates the text, which still goes out: a warning, not a failed command.
      this.logger.warn("slack: a picture could not be uploaded; the reply goes without it", {
        picture: image.name,
        code:
          (error as { data?: { error?: string } }).data?.error ?? (error as { code?: string }).code ?? null,
        error: String(error),
      });
    }
  }
}

/** The id of the one file an upload completed. */
function fileIdOf(result: unknown): string | undefined {
  const completions = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  return completions[0]?.files?.[0]?.id;
}
