import { boundaryOf, readParts } from "../multipart.js";

/** A file uploaded in Slack's three steps: URL asked for, bytes sent to it, upload completed. */
export interface FakeSlackFile {
  readonly id: string;
  readonly filename: string;
  /** The length announced to files.getUploadURLExternal. */
  readonly length: number;
  readonly altText: string | null;
  /** The bytes sent to the upload URL, once they arrive. */
  bytes: Buffer | null;
  /** Set by files.completeUploadExternal: the title and where it was shared (null: nowhere). */
  completed: { readonly title: string | null; readonly channel: string | null } | null;
}

/** The path of the fake's upload URLs, followed by the file id. */
export const UPLOAD_PATH = "/upload/";

/** Slack's files upload v2 as the fake Web API answers it: the URL, the bytes sent there, the completion. */
export class FakeSlackFiles extends Map<string, FakeSlackFile> {
  private next = 1;

  /** files.getUploadURLExternal: a new file and the URL its bytes go to. */
  uploadUrl(args: Record<string, unknown>, base: string): Record<string, unknown> {
    const length = Number(args.length);
    if (typeof args.filename !== "string" || args.filename === "" || !(length > 0))
      return { ok: false, error: "invalid_arguments" };
    const id = `F${String(this.next++).padStart(8, "0")}`;
    const altText = typeof args.alt_text === "string" ? args.alt_text : null;
    this.set(id, { id, filename: args.filename, length, altText, bytes: null, completed: null });
    return { ok: true, upload_url: `${base}${UPLOAD_PATH}${id}`, file_id: id };
  }

  /**
   * The upload URL: the bytes come as the body, or as the one file of a multipart form (what the Node SDK
   * sends). Returns the status and plain-text answer Slack gives.
   */
  receive(path: string, body: Buffer, contentType: string): [number, string] {
    const file = this.get(decodeURIComponent(path.slice(UPLOAD_PATH.length)));
    if (!file || file.bytes !== null) return [404, "not found"];
    const boundary = boundaryOf(contentType);
    const sent = boundary ? readParts(body, boundary).find((p) => p.filename !== null)?.body : body;
    if (!sent) return [400, "no file in the form"];
    file.bytes = sent;
    return [200, `OK - ${sent.length}`];
  }

  /** files.completeUploadExternal: refused for a file whose bytes never arrived or differ from the announced size. */
  complete(args: Record<string, unknown>): Record<string, unknown> {
    const listed = (args.files as { id?: string; title?: string }[] | undefined) ?? [];
    const done: Record<string, unknown>[] = [];
    for (const f of listed) {
      const file = f.id ? this.get(f.id) : undefined;
      if (!file || file.bytes === null || file.bytes.length !== file.length)
        return { ok: false, error: "file_not_found" };
      file.completed = {
        title: f.title ?? null,
        channel: typeof args.channel_id === "string" ? args.channel_id : null,
      };
      done.push({ id: file.id, name: file.filename, title: f.title ?? file.filename, mimetype: "image/png" });
    }
    return { ok: true, files: done };
  }
}
