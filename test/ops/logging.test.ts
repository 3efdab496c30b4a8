import { describe, expect, it } from "vitest";
import type { LogLevel } from "../../src/config.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { buildApp } from "../../src/main.js";
import type { ChannelRef, PostedMessage } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";
import { RecordingAnnouncer } from "../fakes/announcer.js";
import { person, realContent, sink, terminalChannel } from "../support/app.js";

/** A platform whose posts fail the way a network client's do: a wrapping error with the socket's as cause. */
class RefusingAnnouncer extends RecordingAnnouncer {
  constructor(private readonly detail: string) {
    super();
  }
  override async post(_channel: ChannelRef, _card: Card): Promise<PostedMessage> {
    throw new Error("the platform did not take the post", {
      cause: new Error(`connect ECONNREFUSED 127.0.0.1:9 (${this.detail})`, {
        cause: new Error("socket hang up"),
      }),
    });
  }
}

/** An app whose log is the real JSON-lines logger at `level`, written where the test can read it. */
function loggedApp(level: LogLevel, announcer = new RecordingAnnouncer(), secrets: string[] = []) {
  const stream = sink();
  const app = buildApp(loadConfig({ SRM_DB: ":memory:" }), {
    announcer,
    logger: createLogger({ level, stream, secrets }),
    content: realContent(),
  });
  const say = (text: string) =>
    app.engine.handle({ text, actor: person("you", true), channel: terminalChannel });
  const lines = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return stream
      .text()
      .trim()
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return { app, say, lines, raw: () => stream.text() };
}

describe("what the log says about the bot's work", () => {
  it("posts, reveals and schedule changes are logged at info with the channel and the round", async () => {
    const { say, lines } = loggedApp("info");
    await say("daily set 09:00 UTC mon-fri reveal after 1h");
    await say("daily now");
    await say("reveal");
    const info = (await lines()).filter((l) => l.level === 30);
    expect(info).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          msg: "changed the daily schedule",
          change: "daily set",
          channel: "terminal|local|terminal",
        }),
        expect.objectContaining({ msg: "posted a question", channel: "terminal|local|terminal", round: 1 }),
        expect.objectContaining({ msg: "revealed a question", channel: "terminal|local|terminal", round: 1 }),
      ]),
    );
  });

  it("each command's name is logged at debug, never what the person typed, and nothing of it at info", async () => {
    const debug = loggedApp("debug");
    await debug.say("who patches the zebracorn guest os on ec2");
    await debug.say("daily status");
    await debug.say("stats");
    const commands = (await debug.lines()).filter((l) => l.msg === "command");
    expect(commands.map((l) => [l.level, l.command])).toEqual([
      [20, "ask"],
      [20, "daily status"],
      [20, "stats"],
    ]);
    expect(debug.raw()).not.toContain("zebracorn");
    const info = loggedApp("info");
    await info.say("who patches the zebracorn guest os on ec2");
    expect(await info.lines()).toEqual([]);
  });
});

describe("what the log says about an unexpected failure", () => {
  it("a failed post is logged with its name, message, stack and every cause in the chain", async () => {
    const { say, lines } = loggedApp("info", new RefusingAnnouncer("retry later"));
    await say("daily now");
    const failed = (await lines()).find((l) => l.msg === "posting a round failed; the round stays open");
    expect(failed?.level).toBe(50);
    const error = failed?.error as {
      name: string;
      message: string;
      stack: string;
      cause: { message: string; stack: string }[];
    };
    expect(error.name).toBe("Error");
    expect(error.message).toBe("the platform did not take the post");
    expect(error.stack).toMatch(/the platform did not take the post\n\s+at /);
    expect(error.cause.map((c) => c.message)).toEqual([
      "connect ECONNREFUSED 127.0.0.1:9 (retry later)",
      "socket hang up",
    ]);
    expect(error.cause[0]?.stack).toMatch(/\n\s+at /);
  });

  it("a secret inside a cause's message is replaced in the log line like any other", async () => {
    const secret = "xoxb-111-222-abcdefsecret";
    const { say, lines, raw } = loggedApp("info", new RefusingAnnouncer(`token ${secret}`), [secret]);
    await say("daily now");
    const failed = (await lines()).find((l) => l.msg === "posting a round failed; the round stays open");
    expect(JSON.stringify(failed?.error)).toContain("token [redacted]");
    expect(raw()).not.toContain(secret);
  });

  it("each of an AggregateError's errors is logged with its message", () => {
    const stream = sink();
    const logger = createLogger({ level: "info", stream, secrets: [] });
    logger.error("connecting failed", {
      error: new AggregateError(
        [new Error("IPv6 refused"), new Error("IPv4 timed out")],
        "no address worked",
      ),
    });
    const line = JSON.parse(stream.text()) as { error: { message: string; errors: { message: string }[] } };
    expect(line.error.message).toBe("no address worked");
    expect(line.error.errors.map((e) => e.message)).toEqual(["IPv6 refused", "IPv4 timed out"]);
  });

  it("an error's other properties (a request URL holding an interaction token) are never written, in any field", () => {
    const stream = sink();
    const logger = createLogger({ level: "info", stream, secrets: [] });
    const refused = () =>
      Object.assign(new Error("Unknown interaction"), {
        code: 10062,
        url: "http://127.0.0.1:9/api/v10/interactions/1/aW50ZXJhY3Rpb24tdG9rZW4/callback",
      });
    logger.error("handling an interaction failed", { error: refused(), apologyFailed: refused() });
    const line = JSON.parse(stream.text()) as Record<string, { message: string; code: number }>;
    expect([line.error?.message, line.error?.code]).toEqual(["Unknown interaction", 10062]);
    expect(line.apologyFailed?.message).toBe("Unknown interaction");
    expect(stream.text()).not.toContain("aW50ZXJhY3Rpb24tdG9rZW4");
  });
});
