import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { startHttpServer } from "../adapters/http/server.js";
import { runCli } from "../src/cli.js";
import { MetricsRegistry } from "../src/metrics.js";
import { matrixPage } from "../src/pages/matrix-page.js";
import { RecordingLogger } from "./fakes/announcer.js";
import { decode, pixel } from "./pictures/png-pixels.js";
import { realMatrix, sink } from "./support/app.js";

async function cli(args: string[], cwd = tmpdir()) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe("srm stack and srm compare", () => {
  it("srm stack rds --png writes the picture where asked, says where, and prints the text too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-png-"));
    const r = await cli(["stack", "rds", "--png", "rds.png"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Amazon RDS: who owns what/);
    expect(r.out).toContain(`Wrote the picture to ${join(dir, "rds.png")}`);
    const png = decode(readFileSync(join(dir, "rds.png")));
    expect(png.width).toBe(720);
    // The top layer, customer data, is the customer's: blue, a few pixels inside its bar.
    expect(pixel(png, 31, 104 + 23)).toBe("#1f6feb");
  });

  it("srm stack without --png prints the text and writes nothing", async () => {
    const r = await cli(["stack", "lambda"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^AWS Lambda: who owns what/);
    expect(r.out).not.toContain("Wrote the picture");
  });

  it("srm stack of an area is refused with what to type", async () => {
    const r = await cli(["stack", "patching"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('that names no single service to draw, e.g. "srm stack rds"');
  });

  it("srm compare ec2 vs fargate compares EC2 with both Fargate variants, in text and as a picture", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-png-"));
    const r = await cli(["compare", "ec2", "vs", "fargate", "--png", "c.png"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Amazon EC2 vs Amazon ECS on Fargate vs Amazon EKS on Fargate/);
    expect(r.out).toContain(
      "Guest OS patching: Customer on Amazon EC2; AWS on Amazon ECS on Fargate and Amazon EKS on Fargate",
    );
    expect(decode(readFileSync(join(dir, "c.png"))).width).toBeGreaterThanOrEqual(720);
  });

  it("srm compare with one service, six services, an area or an unknown name says what to type", async () => {
    expect((await cli(["compare", "ec2"])).err).toContain("A comparison needs at least two services");
    expect((await cli(["compare", "ec2", "s3", "ebs", "lambda", "rds", "efs"])).err).toContain(
      "That names 6 services; a comparison draws at most 5",
    );
    expect((await cli(["compare", "ec2", "patching"])).err).toContain(
      "Patch management is an area, not a service",
    );
    const unknown = await cli(["compare", "ec2", "quantumledger"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('I don\'t know "quantumledger" as a service');
  });

  it("a typo of a service's name is read as that service, and the answer says so", async () => {
    const r = await cli(["compare", "ec2", "vs", "lamda"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Amazon EC2 vs AWS Lambda/);
    expect(r.out).toContain('Did you mean that? I read "lamda" as "lambda".');
  });

  it("--png into a folder that does not exist is refused with the reason", async () => {
    const r = await cli(["compare", "ec2", "rds", "--png", "/nonexistent-folder/x.png"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot write /nonexistent-folder/x.png: its folder does not exist");
  });

  it("--png without a file name is a usage error", async () => {
    const r = await cli(["stack", "rds", "--png"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--png needs a file name");
  });
});

describe("srm matrix export --html", () => {
  it("writes the same self-contained page the bot serves at /matrix: inline style, script and data, nothing fetched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-page-"));
    const r = await cli(["matrix", "export", "--html", "matrix.html"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Wrote the matrix page to .*matrix\.html \([\d,]+ bytes, self-contained\)/);
    const html = readFileSync(join(dir, "matrix.html"), "utf8");
    expect(html).toBe(matrixPage(realMatrix()));
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it("without --html <file> it says what to type", async () => {
    const r = await cli(["matrix", "export"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected "export --html <file>"');
  });
});

describe("/matrix on the bot's HTTP server", () => {
  it("answers GET with the page (gzip when asked) and refuses other methods", async () => {
    const server = await startHttpServer({
      sources: { metrics: new MetricsRegistry(), checks: () => [] },
      pages: new Map([["/matrix", "<!doctype html><title>m</title>"]]),
      port: 0,
      host: "127.0.0.1",
      logger: new RecordingLogger(),
    });
    try {
      const page = await fetch(`http://127.0.0.1:${server.port}/matrix`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      // fetch asks for gzip and unpacks it: the page travels compressed and reads the same.
      expect(page.headers.get("content-encoding")).toBe("gzip");
      expect(await page.text()).toBe("<!doctype html><title>m</title>");
      expect((await fetch(`http://127.0.0.1:${server.port}/matrix`, { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
