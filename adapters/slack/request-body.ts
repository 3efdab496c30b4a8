import type { IncomingMessage } from "node:http";
import { unescape as decodeForm, parse } from "node:querystring";

/** The largest body Bolt's HTTP receiver reads; a larger one is refused before it is read in full. */
export const SLACK_BODY_LIMIT = 4 * 1024 * 1024;

/** What reading a request's body came to. */
export type BodyCheck =
  | { readonly ok: true; readonly rawBody: Buffer }
  | { readonly ok: false; readonly status: 400 | 413; readonly reason: string };

/** Reads a request's whole body, up to `limit` bytes (null past it). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const part = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += part.length;
      if (size > limit) {
        req.off("data", onData);
        req.resume();
        resolve(null);
      } else chunks.push(part);
    };
    req.on("data", onData);
    req.once("end", () => resolve(size > limit ? null : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

/** Parses JSON text; undefined when it is not JSON. */
function parsedJson(json: string): { value: unknown } | undefined {
  // A form (`token=...&team_id=...`) is never JSON: skip the throw that parsing it would cost every command.
  const first = json.trimStart()[0];
  if (first !== "{" && first !== "[" && first !== '"' && json.includes("=")) return undefined;
  try {
    return { value: JSON.parse(json) as unknown };
  } catch {
    // Not JSON: Bolt refuses it (or reads it as a form) itself.
    return undefined;
  }
}

/** What a value is, when it is not an object; null when it is one. */
function notAnObject(value: unknown): string | null {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return null;
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/**
 * A team or enterprise id in a body that names a property every JavaScript object has ("valueOf",
 * "constructor", "__proto__"): Bolt keeps a pool of clients per team in a plain object, and such an id
 * fails inside Bolt. Real ids are never such names. Looks a few levels down, under keys naming a team or an
 * enterprise (`team_id`, `team.id`, `user.team_id`, `enterprise`...).
 */
function prototypeTeamId(value: unknown, depth = 0, underTeam = false): string | null {
  if (typeof value === "string") return underTeam && value in Object.prototype ? value : null;
  if (typeof value !== "object" || value === null || depth > 3) return null;
  for (const [key, inner] of Object.entries(value)) {
    const team = /team|enterprise/i.test(key) || (underTeam && key === "id");
    const found = prototypeTeamId(inner, depth + 1, team);
    if (found !== null) return found;
  }
  return null;
}

/** The names every plain JavaScript object answers to. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

/** Whether a body's text could name a prototype key once decoded: most bodies cannot, and are not walked. */
function mayNamePrototypeKey(decoded: string): boolean {
  return decoded.includes("\\u") || PROTOTYPE_KEYS.some((k) => decoded.includes(k));
}

/**
 * What is wrong with a body for Bolt, read both ways Bolt may read it (as JSON, or as a form whose `payload`
 * field is JSON, depending on a content type the sender chooses): a signed body reading `null` makes Bolt
 * throw where no one catches it, and the request is never answered. A body that is not JSON at all is left
 * to Bolt. A slash command (a form without a payload naming no prototype key) is the common case and costs
 * one decoding of its text.
 */
function wrongBody(text: string): string | null {
  const json = parsedJson(text);
  const decoded = json ? text : decodeForm(text);
  const suspect = mayNamePrototypeKey(decoded);
  const form = !json && (suspect || decoded.includes("payload")) ? parse(text) : undefined;
  const parsed = json ?? (typeof form?.payload === "string" ? parsedJson(form.payload) : undefined);
  if (parsed) {
    const wrong = notAnObject(parsed.value);
    if (wrong !== null) return `the body's JSON is ${wrong}, not an object`;
  }
  if (!suspect) return null;
  const team = prototypeTeamId(parsed ? parsed.value : form);
  return team === null ? null : `the team id "${team}" is not a Slack id`;
}

/**
 * Reads a POST body before Bolt does, so that what Bolt cannot survive is refused here with a status:
 * 413 for a body over the limit, 400 for JSON that is not an object or a team id Bolt would trip on. Bolt
 * reuses the body read here.
 */
export async function checkSlackBody(req: IncomingMessage, limit = SLACK_BODY_LIMIT): Promise<BodyCheck> {
  const rawBody = await readBody(req, limit);
  if (rawBody === null) return { ok: false, status: 413, reason: `the body is over ${limit} bytes` };
  const wrong = wrongBody(rawBody.toString());
  if (wrong !== null) return { ok: false, status: 400, reason: wrong };
  return { ok: true, rawBody };
}
