// Slack HTTP mode on loopback: `/srm ec2 os-patching` through the real Bolt receiver, beside a bare Bolt app
// that only acknowledges (same run, same senders), then 1,000 people clicking one round's buttons at once.
// The bots run in a child process so that the fake Slack and its senders do not share their CPU.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { App, LogLevel } from "@slack/bolt";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import { loadConfig } from "../src/config.js";
import { jsonLogger } from "../src/log.js";
import { buildApp } from "../src/main.js";
import { RoutingAnnouncer } from "../src/routing-announcer.js";
import { eventually } from "../test/fakes/slack/eventually.js";
import { type FakePerson, uniqueTs } from "../test/fakes/slack/payloads.js";
import { type SentResponse, SlackRequestSender } from "../test/fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../test/fakes/slack/web-api.js";

const SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token";
const SENDERS = 20;
const WARM_MS = 1_000;
const MEASURE_MS = 1_000;
const ROUNDS = 6;
const CLICKS = 1_000;

type ToBot = { kind: "answers" } | { kind: "idle" } | { kind: "stop" };
type FromBot =
  | { kind: "ready"; srmPort: number; barePort: number }
  | { kind: "answers"; rows: number; people: number }
  | { kind: "idle" };

if (process.argv[2] === "--bot") await runBots(process.argv[3] as string);
else await runLoad();

/** The child: srm-bot's Slack front end and a bare Bolt app, both in HTTP mode on ephemeral ports. */
async function runBots(apiUrl: string): Promise<void> {
  const send = (m: FromBot) => process.send?.(m);
  const config = loadConfig({
    SRM_DB: ":memory:",
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
  });
  const logger = jsonLogger("warn", process.stderr);
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger });
  if (!config.slack) throw new Error("Slack settings did not load");
  const srm = createSlackFrontEnd({
    engine: app.engine,
    config: config.slack,
    admins: config.admins,
    logger,
    port: 0,
  });
  router.register("slack", srm.announcer);
  await srm.start();
  const bare = new App({
    token: BOT_TOKEN,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
  });
  bare.command("/srm", async ({ ack }) => ack());
  const server = (await bare.start(0)) as { address(): { port: number } };
  process.on("message", async (m: ToBot) => {
    if (m.kind === "answers") {
      const row = app.db
        .prepare("SELECT COUNT(*) AS rows, COUNT(DISTINCT user_id) AS people FROM answers")
        .get() as { rows: number; people: number };
      send({ kind: "answers", ...row });
    } else if (m.kind === "idle") {
      await app.engine.idle();
      send({ kind: "idle" });
    } else {
      await Promise.all([srm.stop(), bare.stop()]);
      app.close();
      process.exit(0);
    }
  });
  // Should the parent die, the bots must not linger holding their ports.
  process.on("disconnect", () => process.exit(1));
  send({ kind: "ready", srmPort: srm.httpPort() as number, barePort: server.address().port });
}

/** The parent: the fake Slack Web API and the senders. */
async function runLoad(): Promise<void> {
  const api = await FakeSlackWebApi.start();
  api.keepHistory = false;
  const child = fork(fileURLToPath(import.meta.url), ["--bot", api.apiUrl], {
    execArgv: ["--import", "tsx"],
  });
  const inbox: FromBot[] = [];
  child.on("message", (m: FromBot) => inbox.push(m));
  const ready = await eventually("the bots to start", () => inbox.find((m) => m.kind === "ready"), 30_000);
  if (ready.kind !== "ready") throw new Error("unexpected message");
  const endpoint = (port: number) => `http://127.0.0.1:${port}/slack/events`;
  const srm = new SlackRequestSender(endpoint(ready.srmPort), SECRET);
  const bare = new SlackRequestSender(endpoint(ready.barePort), SECRET);
  const replies = api.responseUrl("lookups");
  const people = Array.from({ length: SENDERS }, (_, i) => ({ id: `USENDER${i}`, name: `sender${i}` }));

  console.log("Slack HTTP mode, /srm ec2 os-patching, %d concurrent senders on loopback", SENDERS);
  await lookups(bare, people, WARM_MS, replies);
  await lookups(srm, people, WARM_MS, replies);
  const results = { bare: [] as number[], srm: [] as number[] };
  let bareMs = 0;
  let srmMs = 0;
  const ratios: number[] = [];
  // Short rounds, interleaved, so that a busy moment of the machine falls on both alike; the median of the
  // rounds' ratios is the figure least moved by one such moment.
  for (let round = 0; round < ROUNDS; round++) {
    const b = await lookups(bare, people, MEASURE_MS, replies);
    const s = await lookups(srm, people, MEASURE_MS, replies);
    results.bare.push(...b.samples);
    results.srm.push(...s.samples);
    bareMs += b.ms;
    srmMs += s.ms;
    ratios.push(s.samples.length / s.ms / (b.samples.length / b.ms));
  }
  report("bare Bolt app (ack only)", results.bare, results.bare.length / (bareMs / 1000));
  report("srm-bot (ack, lookup, reply)", results.srm, results.srm.length / (srmMs / 1000));
  ratios.sort((a, b) => a - b);
  console.log(
    "  ratio srm-bot / bare  %s median of %d rounds (%s to %s)   (target >= 0.8)",
    pct(ratios, 0.5).toFixed(2),
    ROUNDS,
    (ratios[0] ?? 0).toFixed(2),
    (ratios.at(-1) ?? 0).toFixed(2),
  );

  await clicks(api, srm, child, inbox);
  srm.close();
  bare.close();
  child.send({ kind: "stop" } satisfies ToBot);
  await new Promise((resolve) => child.once("exit", resolve));
  await api.close();
}

/** 20 senders each send lookups back to back until `ms` have passed; returns every acknowledgement time. */
async function lookups(to: SlackRequestSender, people: FakePerson[], ms: number, responseUrl: string) {
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    people.map(async (person) => {
      while (performance.now() < deadline) {
        const res = await to.slashCommand({ person, text: "ec2 os-patching", responseUrl });
        check(res);
        samples.push(res.ms);
      }
    }),
  );
  return { samples, ms: performance.now() - started };
}

/** 1,000 people click one round's buttons all at once; every answer must be stored exactly once. */
async function clicks(api: FakeSlackWebApi, srm: SlackRequestSender, child: ChildProcess, inbox: FromBot[]) {
  api.setUser("UADMIN", { name: "admin", admin: true });
  const admin = { id: "UADMIN", name: "admin" };
  check(
    await srm.slashCommand({
      person: admin,
      text: "daily now",
      responseUrl: api.responseUrl("daily"),
      channel: "CBENCH",
    }),
  );
  const message = await eventually("the round's message", () => api.lastMessageIn("CBENCH"), 10_000);
  const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
    .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
    .map((e) => e.action_id);
  const before = api.responseCount;
  const started = performance.now();
  const acks = await Promise.all(
    Array.from({ length: CLICKS }, (_, i) =>
      srm.click({
        person: { id: `UCLICK${i}`, name: `clicker${i}` },
        actionId: buttons[i % buttons.length] as string,
        responseUrl: api.responseUrl(`click-${i}`),
        channel: "CBENCH",
        messageTs: message.ts,
        actionTs: uniqueTs(),
      }),
    ),
  );
  acks.forEach(check);
  await eventually("every click's private confirmation", () => api.responseCount - before >= CLICKS, 60_000);
  const confirmedMs = performance.now() - started;
  const ask = async (m: ToBot, kind: FromBot["kind"]) => {
    inbox.length = 0;
    child.send(m);
    return eventually(`the bot's ${kind}`, () => inbox.find((x) => x.kind === kind), 60_000);
  };
  await ask({ kind: "idle" }, "idle");
  const counted = (await ask({ kind: "answers" }, "answers")) as Extract<FromBot, { kind: "answers" }>;
  const shown = JSON.stringify(api.lastMessageIn("CBENCH")?.blocks ?? []).includes(`${CLICKS} answered`);
  const sorted = acks.map((a) => a.ms).sort((a, b) => a - b);
  console.log("\n%d people click one round's buttons at once (over 64 kept-alive connections)", CLICKS);
  console.log("  ack p50 / p99      %s / %s ms", pct(sorted, 0.5).toFixed(1), pct(sorted, 0.99).toFixed(1));
  console.log("  all confirmed in   %s ms", confirmedMs.toFixed(0));
  console.log(
    "  answers stored     %d rows, %d people (expected %d each)",
    counted.rows,
    counted.people,
    CLICKS,
  );
  console.log("  exactly once       %s", counted.rows === CLICKS && counted.people === CLICKS ? "yes" : "NO");
  console.log(
    "  channel count      %s",
    shown ? `shows ${CLICKS} answered` : "not updated to the final count",
  );
}

function check(res: SentResponse): void {
  if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
}

function pct(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function report(name: string, samples: number[], rps: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(30)} ${Math.round(rps).toLocaleString("en").padStart(7)} req/s   p50 %s ms   p99 %s ms`,
    pct(sorted, 0.5).toFixed(2),
    pct(sorted, 0.99).toFixed(2),
  );
}
