// A 1,000-person answer burst through Slack's HTTP mode, on one replica with SQLite, one replica with PostgreSQL,
// and three replicas sharing one PostgreSQL database (each a child process running srm-bot's Slack front end on
// the real Bolt HTTP receiver, as `srm start` does; the clicks are dealt to the three in turn, as a load
// balancer would). 1,000 people click one round's buttons at once and 100 of them twice: the acknowledgement
// p50 / p99, and every answer stored exactly once, which fails the benchmark if not.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startHttpServer } from "../adapters/http/server.js";
import { createSlackFrontEnd } from "../adapters/slack/index.js";
import { loadConfig } from "../src/config.js";
import { jsonLogger } from "../src/log.js";
import { openApp, type SqliteApp } from "../src/main.js";
import { RoutingAnnouncer } from "../src/routing-announcer.js";
import { applyPgMigrations } from "../src/store/postgres/migrate.js";
import { eventually } from "../test/fakes/slack/eventually.js";
import { uniqueTs } from "../test/fakes/slack/payloads.js";
import { type SentResponse, SlackRequestSender } from "../test/fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../test/fakes/slack/web-api.js";
import { answerCounts, Child, serve } from "./support/child.js";
import { header } from "./support/machine.js";
import { startBenchPostgres } from "./support/postgres.js";
import { ascending, count, percentile } from "./support/stats.js";

const SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token";
const CLICKS = 1_000;
const REPEATS = 100;

if (process.argv[2] === "--srm") await replica(process.argv[3] as string, process.argv[4] as string);
else await main();

/** Child: srm-bot's Slack front end in HTTP mode on an ephemeral port, on a SQLite file or a PostgreSQL URL. */
async function replica(apiUrl: string, database: string): Promise<void> {
  const config = loadConfig({
    ...(database.startsWith("postgres") ? { SRM_DATABASE_URL: database } : { SRM_DB: database }),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
  });
  const logger = jsonLogger("warn", process.stderr);
  const router = new RoutingAnnouncer();
  const app = await openApp(config, { announcer: router, logger });
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
      // PostgreSQL is counted by the parent, over its own connection.
      answers: (round: number) => (config.postgres ? null : answerCounts((app as SqliteApp).db, round)),
    },
    async () => {
      await srm.stop();
      await app.close();
    },
  );
}

interface Setup {
  readonly name: string;
  readonly database: string;
  readonly replicas: number;
  readonly channel: string;
}

async function main(): Promise<void> {
  header(
    "A 1,000-person answer burst through Slack's HTTP mode: SQLite, PostgreSQL, three replicas on PostgreSQL",
  );
  const api = await FakeSlackWebApi.start();
  api.keepHistory = false;
  api.setUser("UADMIN", { name: "admin", admin: true });
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-replicas-"));
  const server = await startBenchPostgres();
  console.log(`  server: ${server.settings}`);
  const url = await server.database("srm");
  await applyPgMigrations(url, loadConfig({}).postgresMigrationsDir);
  const counter = new pg.Client({ connectionString: url });
  await counter.connect();
  let failed = false;
  try {
    const setups: Setup[] = [
      { name: "1 replica, SQLite", database: join(dir, "srm.db"), replicas: 1, channel: "CSQLITE" },
      { name: "1 replica, PostgreSQL", database: url, replicas: 1, channel: "CPGONE" },
      { name: "3 replicas, one PostgreSQL database", database: url, replicas: 3, channel: "CPGTHREE" },
    ];
    for (const setup of setups) {
      const stored = await burst(api, setup, server.cpuMicros, async (round, bots) => {
        if (!setup.database.startsWith("postgres"))
          return await (bots[0] as Child).call<{ rows: number; people: number }>("answers", round);
        const r = await counter.query<{ rows: number; people: number }>(
          "SELECT COUNT(*)::int AS rows, COUNT(DISTINCT user_id)::int AS people FROM answers WHERE round_id = $1",
          [round],
        );
        return r.rows[0] ?? { rows: 0, people: 0 };
      });
      if (!stored) failed = true;
    }
  } finally {
    await counter.end();
    await server.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) throw new Error("an answer was lost or stored twice: see above");
}

/** Runs one burst on `setup`; true when every answer was stored exactly once. */
async function burst(
  api: FakeSlackWebApi,
  setup: Setup,
  serverCpu: () => number,
  stored: (round: number, bots: readonly Child[]) => Promise<{ rows: number; people: number }>,
): Promise<boolean> {
  const self = fileURLToPath(import.meta.url);
  const bots: Child[] = [];
  const senders: SlackRequestSender[] = [];
  try {
    for (let i = 0; i < setup.replicas; i++)
      bots.push(await Child.start(self, `replica-${i}`, ["--srm", api.apiUrl, setup.database]));
    for (const b of bots)
      senders.push(
        new SlackRequestSender(`http://127.0.0.1:${await b.call<number>("port")}/slack/events`, SECRET),
      );
    const first = senders[0] as SlackRequestSender;
    check(
      await first.slashCommand({
        person: { id: "UADMIN", name: "admin" },
        text: "daily now",
        responseUrl: api.responseUrl("daily"),
        channel: setup.channel,
      }),
    );
    const message = await eventually("the round's message", () => api.lastMessageIn(setup.channel), 10_000);
    const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .map((e) => e.action_id);
    const round = Number(buttons[0]?.split(":")[1]);
    const crowd = Array.from({ length: CLICKS }, (_, i) => ({ id: `UCLICK${i}`, name: `clicker${i}` }));
    const order = [...crowd, ...crowd.slice(0, REPEATS)];
    const before = api.responseCount;
    const cpuBefore = await Promise.all(bots.map((b) => b.cpu()));
    const serverBefore = serverCpu();
    const started = performance.now();
    const acks = await Promise.all(
      order.map((person, i) =>
        (senders[i % senders.length] as SlackRequestSender).click({
          person,
          actionId: buttons[i % buttons.length] as string,
          responseUrl: api.responseUrl(`${setup.channel}-click-${i}`),
          channel: setup.channel,
          messageTs: message.ts,
          actionTs: uniqueTs(),
        }),
      ),
    );
    acks.forEach(check);
    await eventually(
      "every click's private answer",
      () => api.responseCount - before >= order.length,
      120_000,
    );
    const answeredMs = performance.now() - started;
    await Promise.all(bots.map((b) => b.call("idle")));
    const cpu = (await Promise.all(bots.map((b) => b.cpu()))).reduce(
      (s, c, i) => s + c - (cpuBefore[i] ?? 0),
      0,
    );
    const dbCpu = serverCpu() - serverBefore;
    const { rows, people } = await stored(round, bots);
    const sorted = ascending(acks.map((a) => a.ms));
    console.log(
      `\n  ${setup.name}: ${count(CLICKS)} people, ${REPEATS} of them twice (${count(order.length)} clicks)`,
    );
    console.log(
      `    clicks/s ${count(order.length / (answeredMs / 1000))}   ack p50 ${percentile(sorted, 0.5).toFixed(1)} ms   p99 ${percentile(sorted, 0.99).toFixed(1)} ms   every click answered in ${answeredMs.toFixed(0)} ms`,
    );
    console.log(
      `    bots' CPU ${count(cpu / order.length)} µs/click${setup.database.startsWith("postgres") ? `   PostgreSQL server CPU ${count(dbCpu / order.length)} µs/click` : ""}`,
    );
    const once = rows === CLICKS && people === CLICKS;
    console.log(
      `    answers stored ${rows} from ${people} people: every answer exactly once: ${once ? "yes" : "NO"}`,
    );
    return once;
  } finally {
    for (const s of senders) s.close();
    await Promise.all(bots.map((b) => b.stop()));
  }
}

function check(res: SentResponse): void {
  if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
}
