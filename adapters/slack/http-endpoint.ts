import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../src/ports.js";
import { type RequestHandler, refuse } from "../http/server.js";
import { checkSlackBody } from "./request-body.js";

/** How far a request's timestamp may be from our clock, either way: Slack's five minutes. */
export const MAX_CLOCK_SKEW_S = 5 * 60;
/** The largest command or click (a form): a click carries the message it was on, still a few KiB. */
export const FORM_BODY_LIMIT = 256 * 1024;
/** The largest event (JSON): srm-bot subscribes to App Home openings, far smaller than this. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** How many bodies may be read at once; past this a request is refused with 503 before it is read. */
export const BODIES_AT_ONCE = 64;

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

/** Why a request's signature headers are refused before its body is read; null when they may be checked. */
export function headersProblem(req: IncomingMessage, nowS: number): string | null {
  const signature = req.headers["x-slack-signature"];
  const timestamp = req.headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || !SIGNATURE.test(signature))
    return "no well-formed x-slack-signature header";
  if (typeof timestamp !== "string" || !TIMESTAMP.test(timestamp))
    return "no x-slack-request-timestamp header of whole seconds";
  if (Math.abs(Number(timestamp) - nowS) > MAX_CLOCK_SKEW_S)
    return "the x-slack-request-timestamp is more than five minutes from now";
  return null;
}

/** The size limit for a body of this content type. */
function limitFor(req: IncomingMessage): number {
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim();
  return type === "application/json" ? JSON_BODY_LIMIT : FORM_BODY_LIMIT;
}

/**
 * Slack's endpoint in front of Bolt's verifier (`verified`): headers that cannot carry a valid signature
 * are refused with 401 before a byte of the body is read, a declared size over the limit with 413, and a
 * request past BODIES_AT_ONCE with 503; the body is then read within its limit and checked for what Bolt
 * cannot survive, and only then handed to Bolt, which verifies the signature over it.
 */
export function slackEndpoint(
  verified: (req: IncomingMessage, res: ServerResponse) => void,
  logger: Logger,
  now: () => number = Date.now,
): RequestHandler {
  let reading = 0;
  const refused = (res: ServerResponse, status: number, reason: string) => {
    logger.warn("slack: refused a request", { status, reason });
    refuse(res, status, reason);
  };
  return (req, res) => {
    const problem = headersProblem(req, Math.floor(now() / 1000));
    if (problem !== null) return refused(res, 401, problem);
    const limit = limitFor(req);
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) return refused(res, 413, `the body is over ${limit} bytes`);
    if (reading >= BODIES_AT_ONCE) {
      res.setHeader("retry-after", "1");
      return refused(res, 503, `${BODIES_AT_ONCE} requests are being read already`);
    }
    reading += 1;
    checkSlackBody(req, limit)
      .finally(() => {
        reading -= 1;
      })
      .then(
        (body) => {
          if (!body.ok) return refused(res, body.status, body.reason);
          try {
            verified(Object.assign(req, { rawBody: body.rawBody }), res);
          } catch (error) {
            logger.error("slack: a request failed inside Bolt", { where: "slack", error });
            refuse(res, 500, "internal error");
          }
        },
        (error: unknown) => {
          logger.warn("slack: a request's body could not be read", { error });
          refuse(res, 400, "the body could not be read");
        },
      );
  };
}
