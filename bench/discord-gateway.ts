// Discord on loopback: `/srm lookup` through the real discord.js client and srm-bot's front end, beside a bare
// discord.js client that only replies (same run, same fakes), 20 interactions in flight; then 1,000 people
// clicking one round's buttons. Latency is from the gateway dispatch to the interaction callback arriving at
// the REST fake. The bots run in a child process so that the fakes and the load do not share their CPU.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type APIMessage, Events, MessageFlags } from "discord.js";
import { createDiscordClient } from "../adapters/discord/client.js";
import { createDiscordFrontEnd } from "../adapters/discord/index.js";
import { type DiscordConfig, loadConfig } from "../src/config.js";
import { buildApp } from "../src/main.js";
import type { Logger } from "../src/ports.js";
import { RoutingAnnouncer } from "../src/routing-announcer.js";
import { type Delivered, FakeDiscord } from "../test/fakes/discord/fake-discord.js";
import type { FakePerson } from "../test/fakes/discord/guild.js";
import { waitFor } from "../test/fakes/discord/wait.js";

const IN_FLIGHT = 20;
const WARM = 500;
const MEASURED = 2_000;
const PAIRS = 5;
const CLICKS = 1_000;
const REPEATS = 100;
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
type ToBots =
  | { kind: "start"; srm: Target; bare: Target }
  | { kind: "answers"; round: number }
  | { kind: "idle" }
  | { kind: "cpu" }
  | { kind: "engine" }
  | { kind: "stop" };
type FromBots =
  | { kind: "ready" }
  | { kind: "answers"; rows: number; people: number }
  | { kind: "idle" }
  | { kind: "cpu"; micros: number }
  | { kind: "engine"; micros: number };

if (process.argv[2] === "--bots") runBots();
else await runLoad();

/** The child: srm-bot's Discord front end on an in-memory engine, and a bare client that replies with one embed. */
function runBots(): void {
  const send = (m: FromBots) => process.send?.(m);
  const quiet: Logger = {
    info() {},
    warn: (message, fields) => console.error(JSON.stringify({ level: "warn", message, ...fields })),
    error: (message, fields) => console.error(JSON.stringify({ level: "error", message, ...fields })),
  };
  const configOf = (t: Target): DiscordConfig => {
    const discord = loadConfig({
      DISCORD_TOKEN: t.token,
      DISCORD_APPLICATION_ID: t.applicationId,
      DISCORD_API_URL: t.apiUrl,
    }).discord;
    if (!discord) throw new Error("the Discord settings did not load");
    return discord;
  };
  let app: ReturnType<typeof buildApp> | undefined;
  process.on("message", async (m: ToBots) => {
    if (m.kind === "start") {
      const router = new RoutingAnnouncer();
      app = buildApp(loadConfig({ SRM_DB: ":memory:" }), { announcer: router, logger: quiet });
      const srm = createDiscordFrontEnd({
        engine: app.engine,
        config: configOf(m.srm),
        admins: new Set(),
        logger: quiet,
        matrix: app.matrix,
      });
      router.register("discord", srm.announcer);
      const bare = createDiscordClient(configOf(m.bare));
      bare.on(Events.InteractionCreate, (i) => {
        if (i.isChatInputCommand())
          void i.reply({
            embeds: [{ title: "Customer", description: "Amazon EC2 · Guest OS patching" }],
            flags: MessageFlags.Ephemeral,
          });
      });
      const bareReady = new Promise((resolve) => bare.once(Events.ClientReady, resolve));
      await Promise.all([srm.start(), bare.login(m.bare.token), bareReady]);
      send({ kind: "ready" });
    } else if (m.kind === "answers" && app) {
      const row = app.db
        .prepare("SELECT COUNT(*) AS rows, COUNT(DISTINCT user_id) AS people FROM answers WHERE round_id = ?")
        .get(m.round) as { rows: number; people: number };
      send({ kind: "answers", ...row });
    } else if (m.kind === "idle" && app) {
      await app.engine.idle();
      send({ kind: "idle" });
    } else if (m.kind === "cpu") {
      const used = process.cpuUsage();
      send({ kind: "cpu", micros: used.user + used.system });
    } else if (m.kind === "engine" && app) {
      send({ kind: "engine", micros: await engineAlone(app) });
    } else if (m.kind === "stop") {
      process.exit(0);
    }
  });
}

/** The engine's own time per lookup of the same mix, called directly (no Discord): µs per call. */
async function engineAlone(app: ReturnType<typeof buildApp>): Promise<number> {
  const channel = { platform: "discord" as const, workspaceId: "1", channelId: "2" };
  const actor = { ...channel, userId: "3", displayName: "bench", platformAdmin: false };
  const text = (i: number) => {
    const l = LOOKUPS[i % LOOKUPS.length] ?? {};
    return ["lookup", l.service ?? "", l.area ?? ""].join(" ").trim();
  };
  const calls = 3000;
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) await app.engine.handle({ text: text(i), actor, channel });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / calls;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

/** Keeps `IN_FLIGHT` interactions outstanding until `total` were answered; latencies in ms. */
async function drive(fake: FakeDiscord, total: number, next: (i: number) => Delivered) {
  const latencies = new Float64Array(total);
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total) {
      const k = started++;
      const sent = next(k);
      const callback = await fake.rest.callback(sent.id);
      latencies[k] = callback.at - sent.sentAt;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort();
  return { perSecond: total / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function runLoad(): Promise<void> {
  const [srm, bare] = [await FakeDiscord.start(), await FakeDiscord.start()];
  const child = fork(fileURLToPath(import.meta.url), ["--bots"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: FromBots[] = [];
  child.on("message", (m: FromBots) => inbox.push(m));
  const ask = async <K extends FromBots["kind"]>(m: ToBots, kind: K) => {
    inbox.length = 0;
    child.send(m);
    return (await waitFor(() => inbox.find((x) => x.kind === kind), `the bots' ${kind}`, 60_000)) as Extract<
      FromBots,
      { kind: K }
    >;
  };
  const target = (f: FakeDiscord): Target => ({
    token: f.token,
    applicationId: f.applicationId,
    apiUrl: f.rest.apiUrl,
  });
  try {
    await ask({ kind: "start", srm: target(srm), bare: target(bare) }, "ready");
    const people = Array.from({ length: 200 }, (_, i) => srm.person(`p${i}`));
    const lookup = (f: FakeDiscord) => (i: number) =>
      f.command(people[i % people.length] as FakePerson, "srm", "lookup", LOOKUPS[i % LOOKUPS.length] ?? {});
    await drive(srm, WARM, lookup(srm));
    await drive(bare, WARM, lookup(bare));
    // Pairs alternate which client goes first, so that a drift in machine load falls on both alike.
    type Run = Awaited<ReturnType<typeof drive>> & { cpuMicros: number };
    const measure = async (f: FakeDiscord): Promise<Run> => {
      const before = (await ask({ kind: "cpu" }, "cpu")).micros;
      const run = await drive(f, MEASURED, lookup(f));
      const after = (await ask({ kind: "cpu" }, "cpu")).micros;
      return { ...run, cpuMicros: (after - before) / MEASURED };
    };
    const pairs: { srm: Run; bare: Run }[] = [];
    for (let r = 0; r < PAIRS; r++) {
      if (r % 2 === 0) pairs.push({ srm: await measure(srm), bare: await measure(bare) });
      else {
        const bareRun = await measure(bare);
        pairs.push({ srm: await measure(srm), bare: bareRun });
      }
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    const summary = (k: "srm" | "bare") => ({
      perSecond: median(pairs.map((p) => p[k].perSecond)),
      p50: median(pairs.map((p) => p[k].p50)),
      p99: median(pairs.map((p) => p[k].p99)),
      cpuMicros: median(pairs.map((p) => p[k].cpuMicros)),
    });
    const [ours, theirs] = [summary("srm"), summary("bare")];
    const ratios = pairs.map((p) => p.srm.perSecond / p.bare.perSecond);
    console.log(
      "/srm lookup through discord.js on loopback fakes (%d in flight; medians of %d alternating pairs of %d)",
      IN_FLIGHT,
      PAIRS,
      MEASURED,
    );
    console.log("                        interactions/s   p50 ms   p99 ms   bot CPU µs/interaction");
    const line = (name: string, x: typeof ours) =>
      console.log(
        "  %s %s %s %s %s",
        name.padEnd(22),
        Math.round(x.perSecond).toLocaleString("en").padStart(14),
        x.p50.toFixed(2).padStart(8),
        x.p99.toFixed(2).padStart(8),
        Math.round(x.cpuMicros).toString().padStart(10),
      );
    line("srm-bot front end", ours);
    line("bare discord.js reply", theirs);

    console.log(
      "  ratio                  %s   (median of pairs %s; target >= 0.8)",
      median([...ratios]).toFixed(2),
      ratios.map((r) => r.toFixed(2)).join(", "),
    );
    const engine = (await ask({ kind: "engine" }, "engine")).micros;
    console.log(
      "  of the front end's CPU, engine.handle alone takes %d µs per lookup (same mix, called directly)",
      Math.round(engine),
    );
    await clicks(srm, ask);
  } finally {
    child.send({ kind: "stop" });
    await new Promise((resolve) => child.once("exit", resolve));
    await srm.close();
    await bare.close();
  }
}

/** 1,000 people answer one question (and 100 of them click twice); every answer must be recorded once. */
async function clicks(
  fake: FakeDiscord,
  ask: <K extends FromBots["kind"]>(m: ToBots, kind: K) => Promise<Extract<FromBots, { kind: K }>>,
): Promise<void> {
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
  const titles: string[] = [];
  const result = await drive(fake, order.length, (i) => {
    const sent = fake.click(order[i] as FakePerson, question, ids[i % ids.length] as string);
    void fake.rest
      .callback(sent.id)
      .then((c) =>
        titles.push(String((c.data.embeds as { title?: string }[] | undefined)?.[0]?.title ?? "")),
      );
    return sent;
  });
  await ask({ kind: "idle" }, "idle");
  const stored = await ask({ kind: "answers", round }, "answers");
  const footer = (fake.rest.messages.get(question.id) as APIMessage).embeds[0]?.footer?.text ?? "";
  const locked = titles.filter((t) => t.startsWith("Locked in")).length;
  const refused = titles.filter((t) => t.startsWith("You already answered")).length;
  const ok = stored.rows === CLICKS && stored.people === CLICKS && locked === CLICKS && refused === REPEATS;
  console.log("\n%d people click one question (%d click twice), %d in flight", CLICKS, REPEATS, IN_FLIGHT);
  console.log(
    "  clicks/s %s   p50 %s ms   p99 %s ms",
    Math.round(result.perSecond).toLocaleString("en"),
    result.p50.toFixed(2),
    result.p99.toFixed(2),
  );
  console.log(
    "  answers stored %d from %d people; %d locked in, %d second clicks refused; message: %s",
    stored.rows,
    stored.people,
    locked,
    refused,
    footer.split(" · ")[0],
  );
  console.log("  every answer recorded exactly once: %s", ok ? "yes" : "NO");
}
