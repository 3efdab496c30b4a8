import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../../adapters/http/server.js";
import { createLogger } from "../../src/log.js";
import { MetricsRegistry } from "../../src/metrics.js";
import { RecordingLogger } from "../fakes/announcer.js";
import { memoryApp } from "../support/app.js";
import { member, playRound, say } from "../support/people.js";

describe("health and metrics over HTTP", () => {
  it("/healthz is alive, /readyz reports each check, /metrics counts commands, lookups, answers and rounds", async () => {
    const app = memoryApp();
    let platformUp = false;
    const server = await startHttpServer({
      sources: {
        metrics: app.metrics,
        checks: () => [
          { name: "database", ready: () => app.db.open },
          { name: "slack", ready: () => platformUp, state: () => "connecting" },
        ],
      },
      port: 0,
      host: "127.0.0.1",
      logger: new RecordingLogger(),
    });
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok\n");
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      checks: { database: true, slack: false },
      failing: ["slack: connecting"],
    });
    platformUp = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await say(app, member("ann"), "ec2 os-patching");
    await playRound(app, ["ann", "bob"], []);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('srm_lookups_total{status="answer"} 1');
    expect(metrics).toContain('srm_answers_total{outcome="locked"} 2');
    expect(metrics).toContain('srm_rounds_total{event="revealed",kind="channel"} 1');
    expect(metrics).toMatch(/srm_platform_call_seconds_count\{method="post",platform="slack"\} 1/);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    await server.close();
  });

  it("a histogram renders cumulative buckets", () => {
    const m = new MetricsRegistry();
    m.observe("srm_platform_call_seconds", 0.02, { platform: "slack", method: "post" });
    m.observe("srm_platform_call_seconds", 3, { platform: "slack", method: "post" });
    const text = m.render();
    expect(text).toContain('srm_platform_call_seconds_bucket{method="post",platform="slack",le="0.025"} 1');
    expect(text).toContain('srm_platform_call_seconds_bucket{method="post",platform="slack",le="+Inf"} 2');
  });
});

describe("logs", () => {
  it("are JSON lines with levels, and never contain a token or secret, whatever field it hides in", async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on("data", (c: Buffer) => lines.push(c.toString("utf8")));
    const secret = "xoxb-123456789012-abcdefSECRET";
    const log = createLogger({ level: "info", stream: out, secrets: [secret, "signing-secret-value"] });
    log.info("starting", { token: secret });
    log.error(`the platform said: invalid_auth for ${secret}`, { detail: { nested: `Bearer ${secret}` } });
    log.warn("signing secret signing-secret-value rejected");
    await new Promise((r) => setTimeout(r, 50));
    const text = lines.join("");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("signing-secret-value");
    const parsed = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.level)).toEqual([30, 50, 40]);
    expect(parsed[1].msg).toContain("[redacted]");
  });
});
