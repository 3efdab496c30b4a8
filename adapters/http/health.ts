import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { MetricsRegistry } from "../../src/metrics.js";

/** One readiness check: the database, or a platform connection. */
export interface ReadinessCheck {
  readonly name: string;
  ready(): boolean;
  /** Why it is not ready, when it can say (the database file removed, say); shown by /readyz. */
  reason?(): string | null;
}

/** What the health routes read. */
export interface HealthSources {
  readonly checks: () => readonly ReadinessCheck[];
  readonly metrics: MetricsRegistry;
}

/**
 * Answers /healthz (the process is alive), /readyz (the database is open and every configured platform is
 * connected; 503 otherwise) and /metrics (Prometheus text). Returns false for any other path.
 */
export function handleHealth(sources: HealthSources, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (path === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok\n");
    return true;
  }
  if (path === "/readyz") {
    const checks = Object.fromEntries(sources.checks().map((c) => [c.name, safe(c)]));
    const ready = Object.values(checks).every(Boolean);
    const said = sources.checks().flatMap((c) => {
      const why = checks[c.name] ? null : c.reason?.();
      return why ? [[c.name, why] as const] : [];
    });
    const reasons = said.length > 0 ? { reasons: Object.fromEntries(said) } : {};
    res
      .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
      .end(`${JSON.stringify({ ready, checks, ...reasons })}\n`);
    return true;
  }
  if (path === "/metrics") {
    res
      .writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
      .end(sources.metrics.render());
    return true;
  }
  return false;
}

function safe(check: ReadinessCheck): boolean {
  try {
    return check.ready();
  } catch {
    // A check that throws is a check that failed; /readyz reports it as not ready.
    return false;
  }
}

/** A small HTTP server for the health routes alone (when Slack's HTTP mode does not already run one). */
export async function startHealthServer(
  sources: HealthSources,
  port: number,
  host = "0.0.0.0",
): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (!handleHealth(sources, req, res))
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
