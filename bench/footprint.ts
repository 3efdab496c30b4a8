// Start-up and memory of the real process, started the way an operator starts it (node bin/srm.js start) with
// Slack (HTTP mode) and Discord configured against loopback fakes, on a SQLite file: time to "ready", resident
// size at rest, then after 5,000 lookups and a 1,000-person answer burst on each platform. Then the terminal
// front end (node bin/srm.js terminal): time to its first answer and its resident size.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { APIMessage } from "discord.js";
import { FakeDiscord } from "../test/fakes/discord/fake-discord.js";
import type { FakePerson } from "../test/fakes/discord/guild.js";
import { waitFor } from "../test/fakes/discord/wait.js";
import { eventually } from "../test/fakes/slack/eventually.js";
import { uniqueTs } from "../test/fakes/slack/payloads.js";
import { SlackRequestSender } from "../test/fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../test/fakes/slack/web-api.js";
import { header } from "./support/machine.js";
import { count, mib } from "./support/stats.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = "bench-signing-secret-0123456789ab";
const LOOKUPS = 5_000;
const CLICKS = 1_000;
const IN_FLIGHT = 20;
const SETTLE_MS = 2_000;

/** Resident and peak resident size of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kib("VmRSS") * 1024, peak: kib("VmHWM") * 1024 };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `node bin/srm.js <args>`; resolves with the process and the ms until a stdout line matches `ready`. */
async function startSrm(args: string[], env: Record<string, string>, ready: RegExp, stdin?: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "bin", "srm.js"), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`srm ${args.join(" ")} was not ready within 60 s:\n${out}`)),
      60_000,
    );
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.once("exit", (code) => reject(new Error(`srm ${args.join(" ")} exited (${code}):\n${out}`)));
    if (stdin !== undefined) child.stdin.write(stdin);
  });
  child.stdout.removeAllListeners("data");
  child.stdout.resume();
  return { child, readyMs };
}

async function stop(child: ChildProcess, how: "SIGTERM" | "end stdin"): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (how === "SIGTERM") child.kill("SIGTERM");
  else child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

header("Start-up and resident memory of srm start (Slack HTTP + Discord) and of the terminal front end");
const dir = mkdtempSync(join(tmpdir(), "srm-bench-footprint-"));
const api = await FakeSlackWebApi.start();
api.keepHistory = false;
const discord = await FakeDiscord.start();
const port = await freePort();
const dbPath = join(dir, "srm.db");
const { child: bot, readyMs } = await startSrm(
  ["start"],
  {
    SRM_DB: dbPath,
    PORT: String(port),
    LOG_LEVEL: "info",
    SLACK_BOT_TOKEN: "xoxb-bench-footprint",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: api.apiUrl,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.rest.apiUrl,
  },
  /srm-bot is ready/,
);
const pid = bot.pid as number;
try {
  await settle();
  const rest = memoryOf(pid);
  const slack = new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
  const people = Array.from({ length: 200 }, (_, i) => ({ id: `UPERSON${i}`, name: `person${i}` }));
  const texts = [
    "ec2 os-patching",
    "rds engine patching",
    "s3 bucket policy",
    "lambda runtime",
    "hypervisor",
  ];
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < LOOKUPS) {
        const i = sent++;
        const res = await slack.slashCommand({
          person: people[i % people.length] as { id: string; name: string },
          text: texts[i % texts.length] as string,
          responseUrl: api.responseUrl("lookup"),
        });
        if (res.status !== 200) throw new Error(`Slack lookup answered ${res.status}`);
      }
    }),
  );
  const discordPeople = Array.from({ length: 200 }, (_, i) => discord.person(`member${i}`));
  let asked = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (asked < LOOKUPS) {
        const i = asked++;
        const s = discord.command(discordPeople[i % discordPeople.length] as FakePerson, "srm", "lookup", {
          service: "ec2",
          area: "os-patching",
        });
        await discord.rest.callback(s.id);
      }
    }),
  );
  const afterLookups = memoryOf(pid);

  // Slack: an admin posts a question; 1,000 people click it at once.
  api.setUser("UADMIN", { name: "admin", admin: true });
  await slack.slashCommand({
    person: { id: "UADMIN", name: "admin" },
    text: "daily now",
    responseUrl: api.responseUrl("daily"),
    channel: "CBURST",
  });
  const message = await eventually("the Slack question", () => api.lastMessageIn("CBURST"), 10_000);
  const buttons = (message.blocks as { type: string; elements?: { action_id: string }[] }[])
    .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
    .map((e) => e.action_id);
  const before = api.responseCount;
  await Promise.all(
    Array.from({ length: CLICKS }, (_, i) =>
      slack.click({
        person: { id: `UCLICK${i}`, name: `clicker${i}` },
        actionId: buttons[i % buttons.length] as string,
        responseUrl: api.responseUrl(`click-${i}`),
        channel: "CBURST",
        messageTs: message.ts,
        actionTs: uniqueTs(),
      }),
    ),
  );
  await eventually("every Slack click's answer", () => api.responseCount - before >= CLICKS, 60_000);

  // Discord: the same on one question of the day.
  const admin = discord.person("admin", { manageGuild: true });
  await discord.reply(discord.command(admin, "srm-admin", "daily-now"), 10_000);
  const question = await waitFor(
    () => discord.rest.channelMessages(discord.general.id).at(-1),
    "the Discord question",
    10_000,
  );
  const ids = (question.components ?? []).flatMap((row) =>
    "components" in row ? row.components.map((b) => ("custom_id" in b ? b.custom_id : "")) : [],
  );
  const clicks = Array.from({ length: CLICKS }, (_, i) =>
    discord.click(discord.person(`clicker${i}`), question as APIMessage, ids[i % ids.length] as string),
  );
  await Promise.all(clicks.map((c) => discord.rest.callback(c.id)));
  await settle();
  const afterBursts = memoryOf(pid);

  const check = new Database(dbPath, { readonly: true });
  const perRound = check
    .prepare(
      "SELECT COUNT(*) AS rows, COUNT(DISTINCT user_id) AS people FROM answers GROUP BY round_id ORDER BY round_id",
    )
    .all() as { rows: number; people: number }[];
  check.close();
  slack.close();

  console.log("\n  srm start, Slack (HTTP mode) and Discord, SQLite file");
  console.log(
    `    start-up to "srm-bot is ready"        ${readyMs.toFixed(0)} ms (node bin/srm.js, TypeScript through tsx)`,
  );
  console.log(`    resident at rest                      ${mib(rest.rss)} MiB`);
  console.log(`    after ${count(LOOKUPS)} lookups on each platform   ${mib(afterLookups.rss)} MiB`);
  console.log(
    `    after a ${count(CLICKS)}-person burst on each     ${mib(afterBursts.rss)} MiB (peak ${mib(afterBursts.peak)} MiB)`,
  );
  console.log(
    `    answers per round                     ${perRound.map((r) => `${r.rows} from ${r.people} people`).join(", ")} (${perRound.every((r) => r.rows === CLICKS && r.people === CLICKS) ? "each exactly once" : "NOT exactly once"})`,
  );
} finally {
  await stop(bot, "SIGTERM");
  await discord.close();
  await api.close();
}

// The terminal front end on the same database: time to its first answer, then its size at rest.
const terminal = await startSrm(
  ["terminal"],
  { SRM_DB: dbPath, LOG_LEVEL: "warn" },
  /Customer/,
  "/srm ec2 os-patching\n",
);
try {
  await settle();
  const t = memoryOf(terminal.child.pid as number);
  console.log("\n  srm terminal, commands on standard input, the same SQLite file");
  console.log(`    start-up to the first answer          ${terminal.readyMs.toFixed(0)} ms`);
  console.log(`    resident at rest                      ${mib(t.rss)} MiB (peak ${mib(t.peak)} MiB)`);
} finally {
  await stop(terminal.child, "end stdin");
  rmSync(dir, { recursive: true, force: true });
}
