import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback proxy in front of the fake Slack Web API that answers chosen calls with a server error
 * (500, 502, 503) instead of passing them on, as Slack does in an incident. Everything else goes through.
 */
export class FaultProxy {
  /** Status of every call the proxy saw, by method, in order. */
  readonly seen: { method: string; status: number }[] = [];
  private readonly faults = new Map<string, number[]>();

  private constructor(
    private readonly server: Server,
    private readonly target: string,
  ) {
    server.on("request", (req, res) => void this.handle(req, res));
  }

  /** Starts the proxy for the Web API at `targetApiUrl` (ending in /api/). */
  static async start(targetApiUrl: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(createServer(), targetApiUrl);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  /** The base URL to give as SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** Answers the next `count` calls of `method` with `status`. */
  failNext(method: string, count: number, status: 500 | 502 | 503): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array<number>(count).fill(status)]);
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const fault = this.faults.get(method)?.shift();
    if (fault !== undefined) {
      this.seen.push({ method, status: fault });
      res.writeHead(fault, { "content-type": "text/html" }).end("<html>upstream error</html>");
      return;
    }
    const upstream = await fetch(new URL(method, this.target), {
      method: "POST",
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => ["content-type", "authorization"].includes(k)),
      ) as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    this.seen.push({ method, status: upstream.status });
    const headers: Record<string, string> = {
      "content-type": upstream.headers.get("content-type") ?? "application/json",
    };
    const retryAfter = upstream.headers.get("retry-after");
    if (retryAfter) headers["retry-after"] = retryAfter;
    res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  }
}
