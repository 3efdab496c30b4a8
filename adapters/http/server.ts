import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import type { Logger } from "../../src/ports.js";
import { answerHealth, type HealthSources } from "./health.js";

/** Answers one request on a path the server hands over (Slack's endpoint). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** What a mounted path answers, and to which method. */
interface Mounted {
  readonly handler: RequestHandler | null;
  readonly method: "GET" | "POST";
}

/** The one HTTP server of a running bot: health, readiness, metrics and (in Slack's HTTP mode) Slack's endpoint. */
export interface BotHttpServer {
  readonly port: number;
  /**
   * Hands `method` (POST unless told) requests for `path` to `handler` (null answers 503 there until a handler
   * is mounted again); GET serves a page a person opens, as Slack's install flow does.
   */
  mount(path: string, handler: RequestHandler | null, method?: "GET" | "POST"): void;
  /** Stops listening and closes idle connections; resolves once every connection is gone. */
  close(): Promise<void>;
}

/** How long a client may take to send its headers, and its whole request: Slack sends both at once. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long a kept-alive connection may sit idle between requests. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How long a socket may see no traffic at all before it is closed. */
export const IDLE_TIMEOUT_MS = 60_000;

const GET = ["GET", "HEAD"] as const;
const HEALTH_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/**
 * Writes a short plain-text answer at once. A body still arriving is discarded as it comes (node:http
 * drains what nobody reads), so it costs no memory, and the request timeout bounds how long it may take;
 * closing the connection instead would reset it before the client could read the answer.
 */
export function refuse(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(`${text}\n`);
}

/**
 * Routes every request at once: paths match exactly and case-sensitively (a query string is ignored),
 * so `/metrics/` and `/METRICS` are 404; a known path with the wrong method is 405; a target that is not
 * a path (`http://host/metrics`, `*`) is 400. Nothing is left unanswered.
 */
function route(
  sources: HealthSources,
  pages: ReadonlyMap<string, Page>,
  mounted: ReadonlyMap<string, Mounted>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const target = req.url ?? "";
  if (!target.startsWith("/") || target.startsWith("//")) {
    refuse(res, 400, "bad request target: send a path such as /healthz");
    return;
  }
  const path = target.split("?")[0] ?? "";
  const method = req.method ?? "";
  if (HEALTH_PATHS.has(path)) {
    if ((GET as readonly string[]).includes(method)) answerHealth(sources, path, req, res);
    else refuse(res, 405, `${path} answers GET only`, { allow: GET.join(", ") });
    return;
  }
  const page = pages.get(path);
  if (page !== undefined) {
    if ((GET as readonly string[]).includes(method)) answerPage(req, res, page);
    else refuse(res, 405, `${path} answers GET only`, { allow: GET.join(", ") });
    return;
  }
  const mount = mounted.get(path);
  if (mount) {
    const { handler } = mount;
    if (method !== mount.method)
      refuse(res, 405, `${path} answers ${mount.method} only`, { allow: mount.method });
    else if (!handler) refuse(res, 503, "not connected yet; try again shortly", { "retry-after": "5" });
    else handler(req, res);
    return;
  }
  refuse(res, 404, "not found");
}

/** A page's HTML, and the same compressed once at start (the matrix page is mostly repetitive JSON). */
interface Page {
  readonly html: Buffer;
  readonly gzip: Buffer;
}

/** A page built once at start (the matrix page): its HTML, which may run only its own inline script and style. */
function answerPage(req: IncomingMessage, res: ServerResponse, page: Page): void {
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzip : page.html;
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": body.length,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    vary: "accept-encoding",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Starts the bot's HTTP server on `port` (0 = an ephemeral port) with header, request and idle timeouts. */
export async function startHttpServer(o: {
  readonly sources: HealthSources;
  /** Pages answered at GET by path, e.g. /matrix. */
  readonly pages?: ReadonlyMap<string, string>;
  readonly port: number;
  readonly logger: Logger;
  readonly host?: string;
}): Promise<BotHttpServer> {
  const mounted = new Map<string, Mounted>();
  const pages = new Map<string, Page>();
  for (const [path, html] of o.pages ?? []) {
    const bytes = Buffer.from(html, "utf8");
    pages.set(path, { html: bytes, gzip: gzipSync(bytes) });
  }
  const server: Server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    },
    (req, res) => {
      try {
        route(o.sources, pages, mounted, req, res);
      } catch (error) {
        o.logger.error("an HTTP request failed", { where: "http", error });
        refuse(res, 500, "internal error");
      }
    },
  );
  // Garbage that is not HTTP gets node:http's own 400 (or 408, 431) and a closed socket.
  server.setTimeout(IDLE_TIMEOUT_MS, (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => o.logger.error("the HTTP server failed", { where: "http", error }));
  return {
    port: (server.address() as AddressInfo).port,
    mount: (path, handler, method = "POST") => {
      mounted.set(path, { handler, method });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
