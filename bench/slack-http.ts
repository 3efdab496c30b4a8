// Slack HTTP mode on loopback. Lookups (`/srm <service> <area>`, a mix of six) through srm-bot's front end on the
// real Bolt HTTP receiver, beside two bare Bolt apps: one that only acknowledges, and one that acknowledges
// with srm-bot's answer, rendered once at its start (what the library costs to carry the answer). Rotating
// triples of short legs, each bot in its own child process (its CPU time is its own), medians of the rounds.
// Then 1,000 people click one round's buttons at once (and 100 of them twice). srm-bot runs on a SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { App, LogLevel } from "@slack/bolt";
import { startHttpServer } from "../adapters/http/server.js";
import { messageFor, type SlackMessage } from "../adapters/slack/blocks.js";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import { loadConfig } from "../src/config.js";
import { jsonLogger } from "../src/log.js";
import { buildApp } from "../src/main.js";
import { RoutingAnnouncer } from "../src/routing-announcer.js";
import { eventually } from "../test/fakes/slack/eventually.js";
import { type FakePerson, uniqueTs } from "../test/fakes/slack/payloads.js";
import { type SentResponse, SlackRequestSender } from "../test/fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../test/fakes/slack/web-api.js";
import { answerCounts, Child, serve } from "./support/child.js";
import { header } from "./support/machine.js";
import { measureParts, type Parts, partsLine } from "./support/parts.js";
import { type Round, reportLookups, rotatingRounds } from "./support/ratios.js";
import { ascending, count, memoryLine, percentile } from "./support/stats.js";

const SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token";
const SENDERS = 20;
const CLICKS = 1_000;
const REPEATS = 100;
/** The lookups people send, in turn: the same mix as the Discord benchmark. */
const LOOKUPS = [
  "ec2 os-patching",
  "rds engine patching",
  "s3 bucket policy",
  "lambda runtime",
  "hypervisor",
  "dynamodb",
];

const role = process.argv[2];
if (role === "--srm") await srmBot(process.argv[3] as string, process.argv[4] as string);
else if (role === "--bare") await bareBot(process.argv[3] as string, false);
else if (role === "--bare-answer") await bareBot(process.argv[3] as string, true);
else await main();

/** Child: srm-bot's Slack front end in HTTP mode on an ephemeral port, on a SQLite file. */
async function srmBot(apiUrl: string, dbPath: string): Promise<void> {
  const config = loadConfig({
    SRM_DB: dbPath,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
  });
  const logger = jsonLogger("warn", process.stderr);
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger });
  if (!config.slack) throw new Error("the Slack settings did not load");
  const srm = createSlackFrontEnd({
    engine: app.engine,
    config: config.slack,
    admins: config.admins,
    logger,
    server: await startHttpServer({ sources: { checks: () => [], metrics: app.metrics }, port: 0, logger }),
    deliveries: app.deliveries,
  });
  router.register("slack", srm.announcer);
  await srm.start();
  serve(
    {
      port: () => srm.httpPort(),
      idle: () => app.engine.idle(),
      answers: (round: number) => answerCounts(app.db, round),
      parts: () =>
        measureParts(
          app.engine,
          { platform: "slack", workspaceId: "T0FAKE", channelId: "C0PARTS" },
          LOOKUPS,
          (reply) => JSON.stringify({ response_type: "ephemeral", ...messageFor(reply.cards) }),
        ),
    },
    async () => {
      await srm.stop();
      await app.close();
    },
  );
}

/**
 * Child: a bare Bolt app in HTTP mode. It only acknowledges `/srm`, or with `answers` acknowledges it with
 * srm-bot's answer to its text, rendered once at start.
 */
async function bareBot(apiUrl: string, answers: boolean): Promise<void> {
  const bare = new App({
    token: BOT_TOKEN,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl },
  });
  const rendered = answers ? await renderedAnswers() : null;
  bare.command("/srm", async ({ ack, command }) => (rendered ? ack(rendered.get(command.text)) : ack()));
  const server = (await bare.start(0)) as { address(): { port: number } };
  serve({ port: () => server.address().port }, async () => {
    await bare.stop();
  });
}

/** srm-bot's answer to each lookup of the mix, as the acknowledgement body its Slack front end sends. */
async function renderedAnswers() {
  const logger = jsonLogger("warn", process.stderr);
  const app = buildApp(loadConfig({ SRM_DB: ":memory:" }), { announcer: new RoutingAnnouncer(), logger });
  const channel = { platform: "slack" as const, workspaceId: "T0FAKE", channelId: "C0GENERAL" };
  const actor = { ...channel, userId: "UBARE", displayName: "bare", platformAdmin: false };
  const answers = new Map<
    string,
    { response_type: "ephemeral"; text: string; blocks: SlackMessage["blocks"] }
  >();
  for (const text of LOOKUPS) {
    const reply = await app.engine.handle({ text, actor, channel });
    answers.set(text, { response_type: "ephemeral", ...messageFor(reply.cards) });
  }
  await app.close();
  return answers;
}

async function main(): Promise<void> {
  header("Slack HTTP mode on loopback: lookups beside bare Bolt apps, then a 1,000-person answer burst");
  const api = await FakeSlackWebApi.start();
  api.keepHistory = false;
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-slack-"));
  const self = fileURLToPath(import.meta.url);
  const [srm, bare, answer] = await Promise.all([
    Child.start(self, "slack-srm", ["--srm", api.apiUrl, join(dir, "srm.db")]),
    Child.start(self, "slack-bare", ["--bare", api.apiUrl]),
    Child.start(self, "slack-bare-answer", ["--bare-answer", api.apiUrl]),
  ]);
  const bots = { srm, bare, answer };
  const sender = async (c: Child) =>
    new SlackRequestSender(`http://127.0.0.1:${await c.call<number>("port")}/slack/events`, SECRET);
  const senders = { srm: await sender(srm), bare: await sender(bare), answer: await sender(answer) };
  try {
    const replies = api.responseUrl("lookups");
    const people = Array.from({ length: SENDERS }, (_, i) => ({ id: `USENDER${i}`, name: `sender${i}` }));
    const rounds = await rotatingRounds(bots, (who, ms) => lookups(senders[who], people, ms, replies));
    report(rounds, await srm.call<Parts>("parts"));
    await burst(api, senders.srm, srm);
  } finally {
    for (const s of Object.values(senders)) s.close();
    await Promise.all(Object.values(bots).map((b) => b.stop()));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rounds: readonly Round[], parts: Parts): void {
  reportLookups(
    rounds,
    `/srm lookups, ${SENDERS} senders`,
    {
      srm: "srm-bot (acks with the answer)",
      bare: "bare Bolt app, acks only",
      answer: "bare Bolt app, acks with the answer",
    },
    { bare: "the bare app that only acks", answer: "the bare app acking with the answer" },
  );
  console.log(partsLine(parts, "Block Kit and JSON"));
}

/** Senders send lookups back to back until `ms` have passed; every acknowledgement time, in ms. */
async function lookups(to: SlackRequestSender, people: FakePerson[], ms: number, responseUrl: string) {
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + ms;
  let next = 0;
  await Promise.all(
    people.map(async (person) => {
      while (performance.now() < deadline) {
        const text = LOOKUPS[next++ % LOOKUPS.length] as string;
        const res = await to.slashCommand({ person, text, responseUrl });
        check(res);
        samples.push(res.ms);
      }
    }),
  );
  return { samples, ms: performance.now() - started };
}

/** 1,000 people click one round's buttons at once, 100 of them twice; every answer must be stored exactly once. */
async function burst(api: FakeSlackWebApi, srm: SlackRequestSender, bot: Child): Promise<void> {
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
  const round = Number(buttons[0]?.split(":")[1]);
  const crowd = Array.from({ length: CLICKS }, (_, i) => ({ id: `UCLICK${i}`, name: `clicker${i}` }));
  const order = [...crowd, ...crowd.slice(0, REPEATS)];
  const before = api.responseCount;
  const cpuBefore = await bot.cpu();
  const started = performance.now();
  const acks = await Promise.all(
    order.map((person, i) =>
      srm.click({
        person,
        actionId: buttons[i % buttons.length] as string,
        responseUrl: api.responseUrl(`click-${i}`),
        channel: "CBENCH",
        messageTs: message.ts,
        actionTs: uniqueTs(),
      }),
    ),
  );
  acks.forEach(check);
  await eventually("every click's private answer", () => api.responseCount - before >= order.length, 60_000);
  const answeredMs = performance.now() - started;
  await bot.call("idle");
  const cpu = (await bot.cpu()) - cpuBefore;
  const stored = await bot.call<{ rows: number; people: number }>("answers", round);
  const shown = JSON.stringify(api.lastMessageIn("CBENCH")?.blocks ?? []).includes(`${CLICKS} answered`);
  const sorted = ascending(acks.map((a) => a.ms));
  console.log(
    `\n${count(CLICKS)} people click one round's buttons at once, ${REPEATS} of them twice (${count(order.length)} clicks on 64 kept-alive connections)`,
  );
  console.log(
    `  clicks/s ${count(order.length / (answeredMs / 1000))}   ack p50 ${percentile(sorted, 0.5).toFixed(1)} ms   p99 ${percentile(sorted, 0.99).toFixed(1)} ms   every click answered in ${answeredMs.toFixed(0)} ms   bot CPU ${count(cpu / order.length)} µs/click`,
  );
  const once = stored.rows === CLICKS && stored.people === CLICKS;
  console.log(
    `  answers stored ${stored.rows} from ${stored.people} people; channel message ${shown ? `shows ${CLICKS} answered` : "NOT updated to the final count"}`,
  );
  console.log(`  every answer recorded exactly once: ${once ? "yes" : "NO"}`);
  console.log(memoryLine(await bot.call<NodeJS.MemoryUsage>("memory")));
}

function check(res: SentResponse): void {
  if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
}
