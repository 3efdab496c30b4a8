import { describe, expect, it } from "vitest";
import type { LogLevel } from "../../src/config.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { buildApp } from "../../src/main.js";
import { RecordingAnnouncer } from "../fakes/announcer.js";
import { person, realContent, sink, terminalChannel } from "../support/app.js";

/** An app whose log is the real JSON-lines logger at `level`, written where the test can read it. */
function loggedApp(level: LogLevel) {
  const stream = sink();
  const app = buildApp(loadConfig({ SRM_DB: ":memory:" }), {
    announcer: new RecordingAnnouncer(),
    logger: createLogger({ level, stream, secrets: [] }),
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
