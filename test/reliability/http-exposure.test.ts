import { createHmac } from "node:crypto";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommandFields } from "../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { BotProcess, CHILD_SECRET, removeTempDb, tempDb } from "./support/bot-process.js";
import { report } from "./support/figures.js";

let api: FakeSlackWebApi;
let bot: BotProcess;
const dbPath = tempDb();

beforeAll(async () => {
  api = await FakeSlackWebApi.start();
  bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
}, 60_000);

afterAll(async () => {
  await bot?.kill();
  await api?.close();
  removeTempDb(dbPath);
});

/** Past this, a request counts as never answered (the bot answers at once; Slack gives up after 3 s). */
const NO_ANSWER_AFTER_MS = 10_000;

/**
 * Writes `head` (and `body`, up to `bodyBytes` in 64 KiB pieces, stopping as soon as an answer comes) on a
 * fresh connection; resolves to the status of the answer, or 0 if none came.
 */
function rawRequest(port: number, head: string, bodyBytes = 0): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    let answered = false;
    const finish = (status: number) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => finish(0), NO_ANSWER_AFTER_MS);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const line = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (line) {
        answered = true;
        finish(Number(line[1]));
      }
    });
    socket.on("error", () => finish(answered ? 0 : -1));
    socket.on("connect", async () => {
      socket.write(head);
      const piece = Buffer.alloc(64 * 1024, "x");
      for (let sent = 0; sent < bodyBytes && !answered && !socket.destroyed; sent += piece.length) {
        const part = piece.subarray(0, Math.min(piece.length, bodyBytes - sent));
        if (!socket.write(part)) await new Promise((r) => socket.once("drain", r));
      }
    });
  });
}

/** A request head with these lines. */
function head(requestLine: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ host: "127.0.0.1", ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${requestLine}\r\n${lines.join("\r\n")}\r\n\r\n`;
}

describe("srm start, reached by anyone on the network", () => {
  it("every request in a burst of odd paths, methods and targets gets an answer, and the bot lives", async () => {
    const unsigned = { "content-type": "application/json", "content-length": "2" };
    const cases: [string, string, number][] = [
      ["GET /METRICS", head("GET /METRICS HTTP/1.1"), 404],
      ["GET /metrics/", head("GET /metrics/ HTTP/1.1"), 404],
      ["GET /Healthz", head("GET /Healthz HTTP/1.1"), 404],
      ["GET /readyz/", head("GET /readyz/ HTTP/1.1"), 404],
      ["an absolute-form target", head("GET http://127.0.0.1/metrics HTTP/1.1"), 400],
      ["an asterisk target", head("OPTIONS * HTTP/1.1"), 400],
      ["a path starting //", head("GET //metrics HTTP/1.1"), 400],
      ["an unsigned POST to /", `${head("POST / HTTP/1.1", unsigned)}{}`, 404],
      ["an unsigned POST to /slack/events/", `${head("POST /slack/events/ HTTP/1.1", unsigned)}{}`, 404],
      ["an unsigned POST to /healthz", `${head("POST /healthz HTTP/1.1", unsigned)}{}`, 405],
      ["GET /slack/events", head("GET /slack/events HTTP/1.1"), 405],
      ["an unknown path", head("GET /nothing/here HTTP/1.1"), 404],
      ["a query string on /metrics", head("GET /metrics?format=text HTTP/1.1"), 200],
      ["HEAD /healthz", head("HEAD /healthz HTTP/1.1"), 200],
    ];
    // Each case fifty times over, all at once.
    const burst = Array.from({ length: 50 }, () => cases).flat();
    const statuses = await Promise.all(burst.map(([, h]) => rawRequest(bot.port, h)));
    const wrong = burst
      .map(([what, , want], i) => ({ what, want, got: statuses[i] }))
      .filter((r) => r.got !== r.want);
    expect(wrong, bot.log.slice(-2000)).toEqual([]);
    expect(bot.alive).toBe(true);
    expect((await bot.get("/readyz"))?.status).toBe(200);
    report("HTTP exposure", {
      "odd requests sent at once": burst.length,
      "left without an answer": statuses.filter((s) => s === 0).length,
    });
  });

  it("200 unsigned 4 MiB uploads at once are refused with 401 before their bodies are read, and memory stays flat", async () => {
    const rssBefore = bot.rssMiB();
    const size = 4 * 1024 * 1024 - 1;
    const upload = head("POST /slack/events HTTP/1.1", {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(size),
    });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => rawRequest(bot.port, upload, size)));
    const rssAfter = bot.rssMiB();
    expect(
      statuses.filter((s) => s !== 401),
      bot.log.slice(-1500),
    ).toEqual([]);
    // Before the fix every body was read in full first: the process grew by about 800 MiB and stayed there.
    expect(rssAfter - rssBefore).toBeLessThan(100);
    expect(bot.alive).toBe(true);
    report("HTTP exposure", {
      "RSS before 200 unsigned 4 MiB uploads (MiB)": Math.round(rssBefore),
      "RSS after them (MiB)": Math.round(rssAfter),
    });
  }, 60_000);

  it("signed-looking bodies are read 64 at a time: the 65th is refused with 503 at once, and a command is answered once they end", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signedLooking = head("POST /slack/events HTTP/1.1", {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(128 * 1024),
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": `v0=${"0".repeat(64)}`,
    });
    // Sixty-four uploads that send their headers and a little of their body, then hold.
    const held = await Promise.all(
      Array.from(
        { length: 64 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(bot.port, "127.0.0.1", () => {
              socket.write(`${signedLooking}payload=`);
              resolve(socket);
            });
          }),
      ),
    );
    try {
      // The held uploads reach the bot in their own time: ask again (each try a whole body) until it is full.
      const tries: number[] = [];
      while (tries.at(-1) !== 503 && tries.length < 40) {
        if (tries.length > 0) await new Promise((r) => setTimeout(r, 250));
        tries.push(await rawRequest(bot.port, `${signedLooking}payload=`, 128 * 1024 - 8));
      }
      expect(tries.at(-1), `answers: ${tries.join(", ")}`).toBe(503);
    } finally {
      for (const socket of held) socket.destroy();
    }
    const body = new URLSearchParams(
      slashCommandFields({
        person: { id: "UANN", name: "ann" },
        text: "ec2",
        responseUrl: api.responseUrl("c"),
      }),
    ).toString();
    const command = () => {
      const now = String(Math.floor(Date.now() / 1000));
      return fetch(bot.eventsUrl, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": now,
          "x-slack-signature": `v0=${createHmac("sha256", CHILD_SECRET).update(`v0:${now}:${body}`).digest("hex")}`,
        },
      });
    };
    // The ended uploads leave the bot in their own time too (each close is an event it handles, and each
    // is logged): a 503 refuses before reading, so the command is simply sent again until they have.
    const answers: number[] = [];
    while (answers.length === 0 || (answers.at(-1) === 503 && answers.length < 40)) {
      if (answers.length > 0) await new Promise((r) => setTimeout(r, 250));
      answers.push((await command()).status);
    }
    expect(answers.at(-1), `answers: ${answers.join(", ")}`).toBe(200);
  });

  it("a signed command whose timestamp is not whole seconds is refused with 401 and nothing is done", async () => {
    const timestamp = `${Math.floor(Date.now() / 1000)}.5`;
    const body = new URLSearchParams(
      slashCommandFields({
        person: { id: "UMAL", name: "mal" },
        text: "ec2",
        responseUrl: api.responseUrl("f"),
      }),
    ).toString();
    // Signed exactly as Slack signs, over the timestamp as sent.
    const signature = `v0=${createHmac("sha256", CHILD_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const r = await fetch(bot.eventsUrl, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
      },
    });
    expect(r.status).toBe(401);
    expect(await r.text()).toContain("x-slack-request-timestamp");
    expect(api.responsesTo("f")).toEqual([]);
  });
});
