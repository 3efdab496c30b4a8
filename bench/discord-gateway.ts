// Discord on loopback fakes. `/srm lookup` (a mix of six) through srm-bot's front end on the real discord.js
// client, beside two bare discord.js clients: one that only acknowledges (defers its reply), and one that
// replies with srm-bot's answer, rendered once at its start (what the library costs to carry the answer).
// Rotating triples of short legs, each bot in its own child process (its CPU time is its own), medians, 20
// interactions in flight. Latency runs from the gateway dispatch to the interaction callback reaching the REST
// fake. Then 1,000 people click one question's buttons at once (100 of them twice). srm-bot runs on a SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type APIMessage, Events, MessageFlags } from "discord.js";
import { createDiscordClient } from "../adapters/discord/client.js";
import { createDiscordFrontEnd } from "../adapters/discord/index.js";
import { messageContent } from "../adapters/discord/message-body.js";
import { type DiscordConfig, loadConfig } from "../src/config.js";
import { buildApp } from "../src/main.js";
import type { Logger } from "../src/ports.js";
import { RoutingAnnouncer } from "../src/routing-announcer.js";
import { type Delivered, FakeDiscord } from "../test/fakes/discord/fake-discord.js";
import type { FakePerson } from "../test/fakes/discord/guild.js";
import { waitFor } from "../test/fakes/discord/wait.js";
import { answerCounts, Child, serve } from "./support/child.js";
import { header } from "./support/machine.js";
import { measureParts, type Parts, partsLine } from "./support/parts.js";
import { type Round, reportLookups, rotatingRounds } from "./support/ratios.js";
import { ascending, count, memoryLine, percentile } from "./support/stats.js";

const IN_FLIGHT = 20;
const CLICKS = 1_000;
const REPEATS = 100;
/** The lookups people send, in turn: the same mix as the Slack benchmark. */
const LOOKUPS: readonly { service?: string; area?: string }[] = [
  { service: "ec2", area: "os-patching" },
  { service: "rds", area: "engine patching" },
  { service: "s3", area: "bucket policy" },
  { service: "lambda", area: "runtime" },
  { area: "hypervisor" },
  { service: "dynamodb" },
];

interface Target {
  readonly token: string;
  readonly applicationId: string;
  readonly apiUrl: string;
}

const quiet: Logger = {
  info() {},
  warn: (message, fields) => console.error(JSON.stringify({ level: "warn", message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: "error", message, ...fields })),
};

const role = process.argv[2];
if (role === "--srm")
  await srmBot(JSON.parse(process.argv[3] as string) as Target, process.argv[4] as string);
else if (role === "--bare") await bareBot(JSON.parse(process.argv[3] as string) as Target, false);
else if (role === "--bare-answer") await bareBot(JSON.parse(process.argv[3] as string) as Target, true);
else await main();

function configOf(t: Target): DiscordConfig {
  const discord = loadConfig({
    DISCORD_TOKEN: t.token,
    DISCORD_APPLICATION_ID: t.applicationId,
    DISCORD_API_URL: t.apiUrl,
  }).discord;
  if (!discord) throw new Error("the Discord settings did not load");
  return discord;
}

/** Child: srm-bot's Discord front end on a SQLite file. */
async function srmBot(target: Target, dbPath: string): Promise<void> {
  const router = new RoutingAnnouncer();
  const app = buildApp(loadConfig({ SRM_DB: dbPath }), { announcer: router, logger: quiet });
  const srm = createDiscordFrontEnd({
    engine: app.engine,
    config: configOf(target),
    admins: new Set(),
    logger: quiet,
    matrix: app.matrix,
  });
  router.register("discord", srm.announcer);
  await srm.start();
  serve(
    {
      idle: () => app.engine.idle(),
      answers: (round: number) => answerCounts(app.db, round),
      parts: () =>
        measureParts(
          app.engine,
          { platform: "discord", workspaceId: "1", channelId: "2" },
          LOOKUPS.map((l) => ["lookup", l.service ?? "", l.area ?? ""].join(" ").trim()),
          (reply) => JSON.stringify(messageContent(reply.cards, quiet)),
        ),
    },
    async () => {
      await srm.stop();
      await app.close();
    },
  );
}

/**
 * Child: a bare discord.js client. It only acknowledges each slash command (a private deferral), or with
 * `answers` replies with srm-bot's answer to it, rendered once at start and sent as ready JSON.
 */
async function bareBot(target: Target, answers: boolean): Promise<void> {
  const bare = createDiscordClient(configOf(target));
  const rendered = answers ? await renderedAnswers() : null;
  bare.on(Events.InteractionCreate, (i) => {
    if (!i.isChatInputCommand()) return;
    if (!rendered) {
      void i.deferReply({ flags: MessageFlags.Ephemeral });
      return;
    }
    const m = rendered.get(`${i.options.getString("service") ?? ""}|${i.options.getString("area") ?? ""}`);
    void i.reply({
      embeds: (m?.embeds ?? []).map((e) => ({ toJSON: () => e })),
      components: (m?.components ?? []).map((c) => ({ toJSON: () => c })),
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  });
  const ready = new Promise((resolve) => bare.once(Events.ClientReady, resolve));
  await bare.login(target.token);
  await ready;
  serve({}, async () => {
    await bare.destroy();
  });
}

/** srm-bot's answer to each lookup of the mix, as the Discord message it sends, by "service|area". */
async function renderedAnswers() {
  const app = buildApp(loadConfig({ SRM_DB: ":memory:" }), {
    announcer: new RoutingAnnouncer(),
    logger: quiet,
  });
  const channel = { platform: "discord" as const, workspaceId: "1", channelId: "2" };
  const actor = { ...channel, userId: "3", displayName: "bare", platformAdmin: false };
  const answers = new Map<string, ReturnType<typeof messageContent>>();
  for (const l of LOOKUPS) {
    const text = ["lookup", l.service ?? "", l.area ?? ""].join(" ").trim();
    const reply = await app.engine.handle({ text, actor, channel });
    answers.set(`${l.service ?? ""}|${l.area ?? ""}`, messageContent(reply.cards, quiet));
  }
  await app.close();
  return answers;
}

/** Keeps IN_FLIGHT interactions outstanding until `ms` have passed; callback latencies in ms. */
async function drive(fake: FakeDiscord, ms: number, next: (i: number) => Delivered) {
  const latencies: number[] = [];
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() - t0 < ms) {
      const sent = next(started++);
      const callback = await fake.rest.callback(sent.id);
      latencies.push(callback.at - sent.sentAt);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { samples: latencies, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  header(
    "Discord on loopback fakes: lookups beside a bare discord.js client, then a 1,000-person answer burst",
  );
  const fakes = {
    srm: await FakeDiscord.start(),
    bare: await FakeDiscord.start(),
    answer: await FakeDiscord.start(),
  };
  const dir = mkdtempSync(join(tmpdir(), "srm-bench-discord-"));
  const self = fileURLToPath(import.meta.url);
  const target = (f: FakeDiscord): string =>
    JSON.stringify({
      token: f.token,
      applicationId: f.applicationId,
      apiUrl: f.rest.apiUrl,
    } satisfies Target);
  const [srm, bare, answer] = await Promise.all([
    Child.start(self, "discord-srm", ["--srm", target(fakes.srm), join(dir, "srm.db")]),
    Child.start(self, "discord-bare", ["--bare", target(fakes.bare)]),
    Child.start(self, "discord-bare-answer", ["--bare-answer", target(fakes.answer)]),
  ]);
  const bots = { srm, bare, answer };
  try {
    const people = Array.from({ length: 200 }, (_, i) => fakes.srm.person(`p${i}`));
    const rounds = await rotatingRounds(bots, (who, ms) =>
      drive(fakes[who], ms, (i: number) =>
        fakes[who].command(
          people[i % people.length] as FakePerson,
          "srm",
          "lookup",
          LOOKUPS[i % LOOKUPS.length] ?? {},
        ),
      ),
    );
    report(rounds, await srm.call<Parts>("parts"));
    await burst(fakes.srm, srm);
  } finally {
    await Promise.all([srm.stop(), bare.stop(), answer.stop()]);
    for (const f of Object.values(fakes)) await f.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rounds: readonly Round[], parts: Parts): void {
  reportLookups(
    rounds,
    `/srm lookup, ${IN_FLIGHT} in flight`,
    {
      srm: "srm-bot (replies with the answer)",
      bare: "bare discord.js, defers only",
      answer: "bare discord.js, sends the answer",
    },
    { bare: "the bare client that defers", answer: "the bare client sending the answer" },
  );
  console.log(partsLine(parts, "embeds and JSON"));
}

/** 1,000 people answer one question, 100 of them twice; every answer must be recorded exactly once. */
async function burst(fake: FakeDiscord, bot: Child): Promise<void> {
  const admin = fake.person("admin", { manageGuild: true });
  await fake.reply(fake.command(admin, "srm-admin", "daily-now"), 10_000);
  const question = await waitFor(
    () => fake.rest.channelMessages(fake.general.id).at(-1),
    "the question",
    10_000,
  );
  const ids = (question.components ?? []).flatMap((row) =>
    "components" in row ? row.components.map((b) => ("custom_id" in b ? b.custom_id : "")) : [],
  );
  const round = Number(ids[0]?.split(":")[1]);
  const crowd = Array.from({ length: CLICKS }, (_, i) => fake.person(`clicker${i}`));
  const order = [...crowd, ...crowd.slice(0, REPEATS)];
  const cpuBefore = await bot.cpu();
  const started = performance.now();
  // All at once, as a thousand people pressing within the same moment reach the gateway.
  const sent = order.map((person, i) => fake.click(person, question, ids[i % ids.length] as string));
  const callbacks = await Promise.all(sent.map((s) => fake.rest.callback(s.id)));
  const answeredMs = performance.now() - started;
  await bot.call("idle");
  const cpu = (await bot.cpu()) - cpuBefore;
  const stored = await bot.call<{ rows: number; people: number }>("answers", round);
  const footer = (fake.rest.messages.get(question.id) as APIMessage).embeds[0]?.footer?.text ?? "";
  const titles = callbacks.map((c) =>
    String((c.data.embeds as { title?: string }[] | undefined)?.[0]?.title ?? ""),
  );
  const locked = titles.filter((t) => t.startsWith("Locked in")).length;
  const refused = titles.filter((t) => t.startsWith("You already answered")).length;
  const once = stored.rows === CLICKS && stored.people === CLICKS && locked === CLICKS && refused === REPEATS;
  const sorted = ascending(callbacks.map((c, i) => c.at - (sent[i] as Delivered).sentAt));
  console.log(
    `\n${count(CLICKS)} people click one question's buttons at once, ${REPEATS} of them twice (${count(order.length)} clicks)`,
  );
  console.log(
    `  clicks/s ${count(order.length / (answeredMs / 1000))}   ack p50 ${percentile(sorted, 0.5).toFixed(1)} ms   p99 ${percentile(sorted, 0.99).toFixed(1)} ms   every click answered in ${answeredMs.toFixed(0)} ms   bot CPU ${count(cpu / order.length)} µs/click`,
  );
  console.log(
    `  answers stored ${stored.rows} from ${stored.people} people; ${locked} locked in, ${refused} second clicks refused; message: ${footer.split(" · ")[0]}`,
  );
  console.log(`  every answer recorded exactly once: ${once ? "yes" : "NO"}`);
  console.log(memoryLine(await bot.call<NodeJS.MemoryUsage>("memory")));
}
