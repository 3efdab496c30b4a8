import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("defaults to ./data/srm.db in the working folder and port 3000", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c.dbPath).toBe("/srv/app/data/srm.db");
    expect(c.port).toBe(3000);
    expect(c.admins.size).toBe(0);
  });

  it("gives every platform call a 10 s deadline and 3 retries within 60 s unless told otherwise", () => {
    expect(loadConfig({}).platformCalls).toEqual({ timeoutMs: 10_000, retries: 3, retryWindowMs: 60_000 });
    const c = loadConfig({
      SRM_PLATFORM_TIMEOUT_SECONDS: "5",
      SRM_PLATFORM_RETRIES: "1",
      SRM_PLATFORM_RETRY_SECONDS: "30",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
    });
    expect(c.slack?.calls).toEqual({ timeoutMs: 5_000, retries: 1, retryWindowMs: 30_000 });
    expect(() => loadConfig({ SRM_PLATFORM_TIMEOUT_SECONDS: "forever" })).toThrow(
      /SRM_PLATFORM_TIMEOUT_SECONDS: "forever" is not a whole number from 1 to 120/,
    );
    expect(() => loadConfig({ SRM_PLATFORM_RETRIES: "50" })).toThrow(/SRM_PLATFORM_RETRIES/);
  });

  it("reads SRM_DB, SRM_ADMINS and LOG_LEVEL", () => {
    const c = loadConfig({ SRM_DB: "/tmp/x.db", SRM_ADMINS: " U1, 1234 ,", LOG_LEVEL: "WARN" });
    expect(c.dbPath).toBe("/tmp/x.db");
    expect([...c.admins]).toEqual(["U1", "1234"]);
    expect(c.logLevel).toBe("warn");
  });

  it.each([
    [{ PORT: "http" }, /^PORT: "http" is not a TCP port\. Use a whole number/],
    [{ PORT: "70000" }, /^PORT:/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: "loud" is not a level\. Use one of debug, info/],
    [{ SRM_DB: "/var/data/" }, /^SRM_DB: .* is a folder\. Give a file path/],
  ])("a wrong setting names itself and the fix: %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
