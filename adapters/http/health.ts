import type { IncomingMessage, ServerResponse } from "node:http";
import type { MetricsRegistry } from "../../src/metrics.js";

/** One readiness check: the database, or a platform connection. */
export interface ReadinessCheck {
  readonly name: string;
  ready(): boolean;
  /** What is wrong while not ready ("connecting", "unreachable, retrying", "<file> was removed"), named in /readyz. */
  state?(): string | null;
}

/** What the health routes read. */
export interface HealthSources {
  readonly checks: () => readonly ReadinessCheck[];
  readonly metrics: MetricsRegistry;
}

/**
 * Answers /healthz (the process is alive), /readyz (the database is open and every configured platform is
 * connected; 503 naming each failing check otherwise) and /metrics (Prometheus text).
 */
export function answerHealth(
  sources: HealthSources,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const head = req.method === "HEAD";
  if (path === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(head ? undefined : "ok\n");
    return;
  }
  if (path === "/readyz") {
    const results = sources.checks().map((c) => ({ name: c.name, ready: safe(c), state: c.state }));
    const checks = Object.fromEntries(results.map((r) => [r.name, r.ready]));
    const failing = results.filter((r) => !r.ready).map((r) => `${r.name}: ${r.state?.() ?? "not ready"}`);
    const ready = failing.length === 0;
    res
      .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
      .end(head ? undefined : `${JSON.stringify(ready ? { ready, checks } : { ready, checks, failing })}\n`);
    return;
  }
  res
    .writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" })
    .end(head ? undefined : sources.metrics.render());
}

function safe(check: ReadinessCheck): boolean {
  try {
    return check.ready();
  } catch {
    // A check that throws is a check that failed; /readyz reports it as not ready.
    return false;
  }
}
