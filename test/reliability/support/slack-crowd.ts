import { type FakePerson, uniqueId, uniqueTs } from "../../fakes/slack/payloads.js";
import { SlackRequestSender } from "../../fakes/slack/request-sender.js";
import type { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { headers } from "../../fakes/slack/workspace.js";
import { type BotProcess, CHILD_SECRET } from "./bot-process.js";

/**
 * How long a person waits for a reply before giving up on it (and trying again later). A reveal scores every
 * answer of a 500-person round in one transaction: with three replicas and PostgreSQL on a loaded two-core
 * machine that takes more than 15 s, and an admin waits for it; a reply from a live bot always comes.
 */
const REPLY_WITHIN_MS = 60_000;

/** A small deterministic random number generator (mulberry32), so that kill moments replay from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * People in front of a child bot process: they type commands and click buttons through signed requests,
 * and read the replies the fake Slack received for them. A reply never comes from a bot that died.
 */
export class SlackCrowd {
  private readonly senders = new Map<BotProcess, SlackRequestSender>();

  constructor(private readonly api: FakeSlackWebApi) {}

  private sender(bot: BotProcess): SlackRequestSender {
    let s = this.senders.get(bot);
    if (!s) {
      s = new SlackRequestSender(bot.eventsUrl, CHILD_SECRET, 200);
      this.senders.set(bot, s);
    }
    return s;
  }

  /** The header of the reply a person got at `replyId`, or null if none came (the bot died, or it timed out). */
  private async reply(bot: BotProcess, replyId: string, ack: string): Promise<string | null> {
    if (ack !== "") return headers((JSON.parse(ack) as { blocks: unknown }).blocks)[0] ?? "";
    const deadline = performance.now() + REPLY_WITHIN_MS;
    let diedAt: number | null = null;
    for (;;) {
      const got = this.api.responsesTo(replyId)[0];
      if (got) return headers(got.blocks)[0] ?? "";
      // A reply already on the wire when the bot died still arrives; after a moment none can.
      if (!bot.alive) diedAt ??= performance.now();
      if ((diedAt !== null && performance.now() - diedAt > 250) || performance.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** `/srm <text>` in a channel; resolves to the reply's title, or null if the person never got one. */
  async command(bot: BotProcess, person: FakePerson, text: string, channel: string): Promise<string | null> {
    const replyId = `cmd-${uniqueId()}`;
    try {
      const ack = await this.sender(bot).slashCommand({
        person,
        text,
        channel,
        responseUrl: this.api.responseUrl(replyId),
      });
      return ack.status === 200 ? await this.reply(bot, replyId, ack.body) : null;
    } catch {
      return null;
    }
  }

  /** One press of a button; resolves to what the person was told, or null if they were told nothing. */
  async click(bot: BotProcess, person: FakePerson, actionId: string, channel: string, messageTs: string) {
    const replyId = `click-${uniqueId()}`;
    try {
      const ack = await this.sender(bot).click({
        person,
        actionId,
        channel,
        messageTs,
        actionTs: uniqueTs(),
        responseUrl: this.api.responseUrl(replyId),
      });
      return ack.status === 200 ? await this.reply(bot, replyId, "") : null;
    } catch {
      return null;
    }
  }

  /** Closes every kept-alive connection. */
  close(): void {
    for (const s of this.senders.values()) s.close();
  }
}

/** The key a person was told was recorded ("Locked in: B", or "You already answered B"), or null. */
export function recordedKey(title: string | null): string | null {
  const m = /^(?:Locked in: |You already answered )([A-D])$/.exec(title ?? "");
  return m ? (m[1] as string) : null;
}
