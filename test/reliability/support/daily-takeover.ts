import { CLAIM_LEASE_MS } from "../../../src/schedule/daily-planner.js";
import { eventually } from "../../fakes/slack/eventually.js";
import type { FakePerson } from "../../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { headers } from "../../fakes/slack/workspace.js";
import { BotDatabase, type Engine } from "./bot-database.js";
import { type BotProcess, CHILD_TOKEN } from "./bot-process.js";
import { SlackCrowd } from "./slack-crowd.js";

/** What a daily post whose claimant died came to. */
export interface TakeoverFigures {
  replicas: number;
  /** Questions in the channel afterwards: must be 1. */
  messages: number;
  /** chat.postMessage calls the channel received: must be 1 (the one the dead replica made). */
  posts: number;
  /** Live processes that took the post over and found its message: must be 1. */
  tookOver: number;
  /** Whether the day's round points at the one message (1). */
  roundOnMessage: number;
  /** Whether the reveal afterwards landed on that message (1). */
  revealedThere: number;
}

const CHANNEL = "CDAILY";
const boss: FakePerson = { id: "UBOSS", name: "boss" };
const TOOK_OVER = "found a round's message whose post was interrupted";

/**
 * A scheduled daily post on `replicas` processes sharing one database: whichever claims the day is killed
 * while Slack holds the answer to its post (the question is in the channel; its id never came back). Once
 * its claim's lease has run out, a live process (on SQLite, the one process restarted) takes the day over:
 * it finds the message instead of posting a second, and the ledger ends done.
 */
export async function killTheDailyClaimant(o: {
  engine: Engine;
  replicas: number;
}): Promise<TakeoverFigures> {
  const api = await FakeSlackWebApi.start();
  const db = await BotDatabase.create(o.engine);
  const crowd = new SlackCrowd(api);
  api.setUser(boss.id, { name: "boss", admin: true });
  // Each process its own token, so the call that claimed the day names the process that made it.
  const tokenOf = (i: number) => `${CHILD_TOKEN}-${i}`;
  const start = (i: number) => db.start({ apiUrl: api.apiUrl, settings: { SLACK_BOT_TOKEN: tokenOf(i) } });
  const bots: BotProcess[] = [];
  try {
    bots.push(...(await Promise.all(Array.from({ length: o.replicas }, (_, i) => start(i)))));
    api.takePostSilently(CHANNEL);
    // The next whole minute at least ten seconds away: the schedule starts now, so it must post later.
    const at = new Date(Math.ceil((Date.now() + 10_000) / 60_000) * 60_000);
    const hhmm = at.toISOString().slice(11, 16);
    const set = await crowd.command(bots[0] as BotProcess, boss, `daily set ${hhmm} UTC mon-sun`, CHANNEL);
    if (!set?.startsWith("Daily question scheduled")) throw new Error(`daily set answered ${set}`);
    const post = await eventually(
      "the scheduled post",
      () => api.callsOf("chat.postMessage").find((c) => c.args.channel === CHANNEL),
      120_000,
    );
    const claimant = bots.findIndex((_, i) => post.token === tokenOf(i));
    if (claimant < 0) throw new Error(`the post carried an unknown token ${post.token}`);
    await (bots[claimant] as BotProcess).kill();
    // The lease is five minutes of waiting: the dead claim is aged by it instead.
    await db.run("UPDATE daily_runs SET claimed_at = $1 WHERE state = 'claimed'", [
      new Date(Date.now() - CLAIM_LEASE_MS - 1_000).toISOString(),
    ]);
    const survivors = bots.filter((b) => b.alive);
    if (survivors.length === 0) {
      const restarted = await start(claimant);
      bots[claimant] = restarted;
      survivors.push(restarted);
    }
    // The next tick of a live process (every 20 s) takes the day over and completes it.
    const deadline = performance.now() + 60_000;
    while ((await db.count("SELECT COUNT(*) AS n FROM daily_runs WHERE state = 'done'")) !== 1) {
      if (performance.now() > deadline) throw new Error("no live process took the dead claim's day over");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const inChannel = [...api.messages.values()].filter((m) => m.channel === CHANNEL);
    const refs = await db.rows<{ message_ref: string | null }>(
      "SELECT message_ref FROM rounds WHERE channel = $1",
      [CHANNEL],
    );
    const revealed = await crowd.command(survivors[0] as BotProcess, boss, "reveal", CHANNEL);
    const message = inChannel[0];
    const figures: TakeoverFigures = {
      replicas: o.replicas,
      messages: inChannel.length,
      posts: api.callsOf("chat.postMessage").filter((c) => c.args.channel === CHANNEL).length,
      tookOver: survivors.filter((b) => b.log.includes(TOOK_OVER)).length,
      roundOnMessage: refs.length === 1 && refs[0]?.message_ref === message?.ts ? 1 : 0,
      revealedThere:
        revealed === "Revealed" && (headers(message?.blocks)[0]?.startsWith("Answer") ?? false) ? 1 : 0,
    };
    for (const bot of bots.filter((b) => b.alive))
      if ((await bot.stop()) !== 0) throw new Error(`a bot did not stop cleanly:\n${bot.log.slice(-2000)}`);
    return figures;
  } finally {
    await Promise.all(bots.map((b) => b.kill()));
    crowd.close();
    await api.close();
    await db.remove();
  }
}
