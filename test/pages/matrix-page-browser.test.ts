import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotHttpServer, startHttpServer } from "../../adapters/http/server.js";
import { MetricsRegistry } from "../../src/metrics.js";
import { matrixPage } from "../../src/pages/matrix-page.js";
import { RecordingLogger } from "../fakes/announcer.js";
import { realMatrix } from "../support/app.js";

/** Debian's Chromium, as .ci/run and README's "Running the tests" install it. */
const CHROMIUM = "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(
    `Skipping the matrix page's browser test: no Chromium at ${CHROMIUM} (apt-get install chromium).`,
  );

let server: BotHttpServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!haveChromium) return;
  server = await startHttpServer({
    sources: { metrics: new MetricsRegistry(), checks: () => [] },
    pages: new Map([["/matrix", matrixPage(realMatrix())]]),
    port: 0,
    host: "127.0.0.1",
    logger: new RecordingLogger(),
  });
  url = `http://127.0.0.1:${server.port}/matrix`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page on /matrix that records console errors and refuses (and records) every request off 127.0.0.1. */
async function openMatrix() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  const outside: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === "127.0.0.1") return route.continue();
    outside.push(target.href);
    return route.abort();
  });
  await page.goto(url);
  return { page, errors, outside };
}

describe.skipIf(!haveChromium)(`the matrix page in a real browser (Chromium at ${CHROMIUM})`, () => {
  it("loads every service and area with no console error and no request off this machine", async () => {
    const { page, errors, outside } = await openMatrix();
    const matrix = realMatrix();
    const services = matrix.services.filter((s) => s.kind === "service").length;
    await expect.poll(() => page.locator("#matrix tbody tr").count()).toBe(services);
    expect(await page.locator("#matrix thead th[data-area]").count()).toBe(matrix.areas.length);
    expect(await page.locator("#count").textContent()).toBe(
      `${services} of ${services} services × ${matrix.areas.length} of ${matrix.areas.length} areas`,
    );
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it("filters by tier, by service name and by area", async () => {
    const { page, errors } = await openMatrix();
    const visibleRows = () =>
      page
        .locator("#matrix tbody tr:not(.hidden)")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-service")));
    await page.selectOption("#tier-filter", "serverless");
    const serverless = await visibleRows();
    expect(serverless).toContain("lambda");
    expect(serverless).not.toContain("ec2");
    expect(
      await page
        .locator("#matrix tbody tr:not(.hidden)")
        .evaluateAll((rows) => rows.every((r) => r.getAttribute("data-tier") === "serverless")),
    ).toBe(true);
    await page.selectOption("#tier-filter", "");
    await page.fill("#service-filter", "rds");
    expect(await visibleRows()).toEqual(["rds"]);
    await page.selectOption("#area-filter", "database-engine-patching");
    expect(await page.locator("#matrix thead th[data-area]:not(.hidden)").count()).toBe(1);
    expect(await page.locator("#matrix tbody tr:not(.hidden) td:not(.hidden) button").textContent()).toBe(
      "A",
    );
    expect(await page.locator("#count").textContent()).toMatch(/^1 of \d+ services × 1 of \d+ areas$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a cell opens its detail: owner, why, both parts, conditions and AWS sources; a screenshot is kept", async () => {
    const { page, errors } = await openMatrix();
    await page.click('button[data-cell="rds/database-engine-patching"]');
    const detail = page.locator("#detail");
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await detail.locator("h2").textContent()).toBe("Amazon RDS · Database engine patching");
    expect(await detail.locator(".owner").textContent()).toBe("AWS");
    const text = (await detail.textContent()) ?? "";
    for (const heading of ["Why", "AWS's part", "Your part", "Conditions", "Sources"])
      expect(text).toContain(heading);
    const links = await detail.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    const dir = mkdtempSync(join(tmpdir(), "srm-matrix-page-"));
    const shot = join(dir, "matrix-page.png");
    await page.screenshot({ path: shot });
    console.log(`matrix page screenshot: ${shot}`);
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.keyboard.press("Escape");
    await expect.poll(() => detail.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
