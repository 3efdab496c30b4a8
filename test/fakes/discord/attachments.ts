import type { APIAttachment } from "discord.js";
import { readParts } from "../multipart.js";
import { snowflake } from "./snowflake.js";

type Json = Record<string, unknown>;

/** The files Discord received with messages, by attachment id. */
export class AttachmentStore {
  /** The bytes of every attachment, by its id. */
  readonly bytes = new Map<string, Buffer>();

  /**
   * Reads a multipart body as Discord does: the JSON in `payload_json`, each `files[n]` matched to the
   * `attachments` entry with id n, which becomes an attachment with a URL and the given description. An
   * embed's `attachment://name` image then points at that attachment.
   */
  read(raw: Buffer, boundary: string): Json {
    const parts = readParts(raw, boundary);
    const payload = JSON.parse(
      parts.find((p) => p.name === "payload_json")?.body.toString("utf8") ?? "{}",
    ) as Json;
    // An interaction callback carries the message under `data`; a webhook edit carries it at the top.
    const message = (
      typeof payload.data === "object" && payload.data !== null ? payload.data : payload
    ) as Json;
    const declared = Array.isArray(message.attachments) ? (message.attachments as Json[]) : [];
    const attachments: APIAttachment[] = [];
    for (const part of parts) {
      const n = /^files\[(\d+)\]$/.exec(part.name)?.[1];
      if (n === undefined) continue;
      const meta = declared.find((a) => String(a.id) === n) ?? {};
      const id = snowflake();
      const filename = typeof meta.filename === "string" ? meta.filename : (part.filename ?? `file${n}`);
      this.bytes.set(id, part.body);
      attachments.push({
        id,
        filename,
        size: part.body.length,
        url: `http://127.0.0.1/attachments/${id}/${filename}`,
        proxy_url: `http://127.0.0.1/attachments/${id}/${filename}`,
        ...(part.contentType ? { content_type: part.contentType } : {}),
        ...(typeof meta.description === "string" ? { description: meta.description } : {}),
      });
    }
    message.attachments = attachments;
    return payload;
  }
}
