import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, withoutCredentials } from "../src/config.js";
import { secretsOf } from "../src/log.js";

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

  it("waits 300 s for an unreachable platform unless SRM_CONNECT_TIMEOUT says otherwise, and knows whether PORT was set", () => {
    expect(loadConfig({}).connectTimeoutS).toBe(300);
    expect(loadConfig({}).portSet).toBe(false);
    const c = loadConfig({ SRM_CONNECT_TIMEOUT: "30", PORT: "3000" });
    expect(c.connectTimeoutS).toBe(30);
    expect(c.portSet).toBe(true);
  });

  it("keeps SQLite at SRM_DB when SRM_DATABASE_URL is unset, and waits 30 s for PostgreSQL when it is set", () => {
    expect(loadConfig({ SRM_DB: "/tmp/x.db" }).postgres).toBeNull();
    const c = loadConfig({ SRM_DATABASE_URL: "postgres://srm:pw@db.internal:5432/srm?sslmode=require" });
    expect(c.postgres).toEqual({
      url: "postgres://srm:pw@db.internal:5432/srm?sslmode=require",
      connectRetryMs: 30_000,
    });
    expect(
      loadConfig({ SRM_DATABASE_URL: "postgresql://db.internal/srm", SRM_DATABASE_CONNECT_SECONDS: "5" })
        .postgres,
    ).toEqual({ url: "postgresql://db.internal/srm", connectRetryMs: 5_000 });
    expect(loadConfig({ SRM_DATABASE_URL: "postgres:///srm?host=/var/run/postgresql" }).postgres?.url).toBe(
      "postgres:///srm?host=/var/run/postgresql",
    );
  });

  it.each([
    [
      "mysql://srm:hunter2@db.internal/srm",
      /^SRM_DATABASE_URL: "mysql:\/\/\[redacted\]@db.internal\/srm" is not a PostgreSQL URL \(it must start with postgres:\/\/ or postgresql:\/\/\)\. Use e\.g\. SRM_DATABASE_URL=postgres:\/\/srm:<password>@db\.internal:5432\/srm/,
    ],
    ["./data/srm.db", /^SRM_DATABASE_URL: is not a URL .*leave it unset to keep SQLite at SRM_DB\.$/],
    ["postgres://srm:hunter2@:5432/srm", /^SRM_DATABASE_URL: is not a URL/],
    ["postgres:///srm", /^SRM_DATABASE_URL: "postgres:\/\/\/srm" names no server\. Give the host/],
  ])(
    "SRM_DATABASE_URL=%s is refused with what was wrong and an example, never the password",
    (value, message) => {
      const failure = (() => {
        try {
          loadConfig({ SRM_DATABASE_URL: value });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).setting).toBe("SRM_DATABASE_URL");
      expect((failure as Error).message).toMatch(message);
      expect((failure as Error).message).not.toContain("hunter2");
    },
  );

  it("refuses an SRM_DATABASE_CONNECT_SECONDS that is not a number of seconds", () => {
    expect(() => loadConfig({ SRM_DATABASE_CONNECT_SECONDS: "forever" })).toThrow(
      /SRM_DATABASE_CONNECT_SECONDS: "forever" is not a whole number from 0 to 3600/,
    );
  });

  it("scrubs the database password from logs", () => {
    const config = loadConfig({ SRM_DATABASE_URL: "postgres://srm:hunter%232@db.internal/srm" });
    expect(secretsOf(config)).toEqual(expect.arrayContaining(["hunter%232", "hunter#2"]));
  });

  it("prints a URL with a user name and password in it without them", () => {
    expect(withoutCredentials("https://user:Secr3t@proxy.example/api/")).toBe(
      "https://[redacted]@proxy.example/api/",
    );
    expect(withoutCredentials("https://slack.com/api/")).toBe("https://slack.com/api/");
  });

  it.each([
    ['"U1","U2"', /^SRM_ADMINS: ""U1"" is in quotes/],
    ["U012ABC;U034DEF", /^SRM_ADMINS: "U012ABC;U034DEF" has a ";" in it \(separate ids with commas\)/],
    ["<@U012ABC>", /^SRM_ADMINS: "<@U012ABC>" is a mention, not a user id/],
    [
      "u012abcdef",
      /^SRM_ADMINS: "u012abcdef" is a Slack id in lower case \(Slack ids are upper case: U012ABCDEF\)/,
    ],
    ["U012\u200bABC", /^SRM_ADMINS: "U012\\u\{200B\}ABC" contains an invisible character \(U\+200B\)/],
    ["*", /^SRM_ADMINS: "\*" is a wildcard/],
    ["U012ABC,,U034DEF", /^SRM_ADMINS: has an empty entry between two commas/],
    ["U012 ABC", /^SRM_ADMINS: "U012 ABC" contains a space/],
  ])(
    "an SRM_ADMINS entry that could never match anyone is refused at start, shown safely, with the fix: %s",
    (raw, message) => {
      const env = { SRM_ADMINS: raw };
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
      expect(() => loadConfig(env)).toThrow(
        /comma-separated ids such as SRM_ADMINS=U012ABCDEF,123456789012345678/,
      );
    },
  );

  it("Slack, Discord and terminal ids in SRM_ADMINS are accepted as written", () => {
    const c = loadConfig({ SRM_ADMINS: "U012ABCDEF,W0ENTERPRISE1,123456789012345678,lead,ops.team-2" });
    expect([...c.admins]).toEqual([
      "U012ABCDEF",
      "W0ENTERPRISE1",
      "123456789012345678",
      "lead",
      "ops.team-2",
    ]);
  });

  it.each([
    [{ PORT: "http" }, /^PORT: "http" is not a TCP port\. Use a whole number/],
    [{ PORT: "70000" }, /^PORT:/],
    [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: "loud" is not a level\. Use one of debug, info/],
    [{ SRM_DB: "/var/data/" }, /^SRM_DB: .* is a folder\. Give a file path/],
    [
      { SRM_CONNECT_TIMEOUT: "2.5" },
      /^SRM_CONNECT_TIMEOUT: "2\.5" is not a number of seconds from 1 to 86400/,
    ],
    [{ SRM_CONNECT_TIMEOUT: "0" }, /^SRM_CONNECT_TIMEOUT:/],
  ])("a wrong setting names itself and the fix: %o", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
