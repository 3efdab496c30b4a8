import type { ChannelPause } from "../domain/channel.js";
import type { ChannelPauseStore } from "../ports/channel-pause-store.js";
import {
  type Announcer,
  type ChannelRef,
  ChannelUnreachable,
  type Clock,
  type Logger,
  type PostedMessage,
} from "../ports.js";
import type { Card } from "../views/card.js";
import { channelKey } from "./channel-work.js";

/** The wait after a second failure in a row in a channel (the first is tried again at the next tick); each further one doubles it. */
const FIRST_WAIT_MS = 40_000;
/** The longest wait between two tries in a failing channel. */
const LONGEST_WAIT_MS = 30 * 60_000;

/** Whether the scheduler may work in a channel now. */
export type ChannelState =
  | { readonly kind: "ready" }
  /** A call failed lately: wait (exponential backoff) before trying again. */
  | { readonly kind: "waiting"; readonly until: Date }
  /** The platform refused for good: nothing is posted until an admin resumes. */
  | ({ readonly kind: "paused" } & ChannelPause);

/**
 * What srm-bot knows of each channel's reachability, learnt from every post and update: a permanent refusal
 * pauses the channel (stored, logged once), other failures make the scheduler back off, a success clears both.
 */
export class ChannelHealth {
  private readonly failing = new Map<string, { failures: number; until: number }>();

  constructor(
    private readonly pauses: ChannelPauseStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** `inner`, reporting the outcome of every call here. */
  watch(inner: Announcer): Announcer {
    const observe = async <T>(channel: ChannelRef, call: () => Promise<T>): Promise<T> => {
      try {
        const result = await call();
        await this.succeeded(channel);
        return result;
      } catch (error) {
        await this.failed(channel, error);
        throw error;
      }
    };
    return {
      post: (channel: ChannelRef, card: Card, token?: string): Promise<PostedMessage> =>
        observe(channel, () => inner.post(channel, card, token)),
      find: async (channel: ChannelRef, token: string): Promise<PostedMessage | null> =>
        inner.find ? inner.find(channel, token) : null,
      update: (channel: ChannelRef, ref: string, card: Card): Promise<void> =>
        observe(channel, () => inner.update(channel, ref, card)),
      serves: (channel: ChannelRef): boolean => inner.serves?.(channel) ?? true,
    };
  }

  /** Whether the scheduler may work in `channel` now. */
  async state(channel: ChannelRef): Promise<ChannelState> {
    const pause = await this.pauses.get(channel);
    if (pause) return { kind: "paused", ...pause };
    const f = this.failing.get(channelKey(channel));
    if (f && f.until > this.clock.now().getTime()) return { kind: "waiting", until: new Date(f.until) };
    return { kind: "ready" };
  }

  /** The channel's stored pause, if any (for `/srm daily status`). */
  async pauseOf(channel: ChannelRef): Promise<ChannelPause | undefined> {
    return await this.pauses.get(channel);
  }

  /** Lifts a channel's pause and its backoff (`/srm daily resume`); false when it was not paused. */
  async resume(channel: ChannelRef): Promise<boolean> {
    this.failing.delete(channelKey(channel));
    return await this.pauses.resume(channel);
  }

  private async succeeded(channel: ChannelRef): Promise<void> {
    this.failing.delete(channelKey(channel));
    // Read first: a write on every successful call would contend with the answers for the database lock.
    if ((await this.pauses.get(channel)) && (await this.pauses.resume(channel)))
      this.logger.info("a paused channel took a message again; its schedule resumes", {
        channel: channel.channelId,
      });
  }

  private async failed(channel: ChannelRef, error: unknown): Promise<void> {
    if (error instanceof ChannelUnreachable) {
      if (await this.pauses.pause(channel, error.reason, this.clock.now()))
        this.logger.warn(
          "the platform refuses srm-bot in a channel for good; its schedule is paused until an admin runs daily resume",
          { platform: channel.platform, channel: channel.channelId, reason: error.reason },
        );
      return;
    }
    const key = channelKey(channel);
    const failures = (this.failing.get(key)?.failures ?? 0) + 1;
    // One failure may be a blip: the next tick tries again. Failures in a row back off exponentially.
    const wait = failures < 2 ? 0 : Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - 2));
    this.failing.set(key, { failures, until: this.clock.now().getTime() + wait });
  }
}
