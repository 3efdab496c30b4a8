import type { Announcer, ChannelRef, Logger, PostedMessage } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";

/** A message as the fake channel holds it: its latest card and every version before. */
export interface FakeMessage {
  readonly ref: string;
  readonly channel: ChannelRef;
  card: Card;
  readonly history: Card[];
}

/** An announcer that keeps channel messages in memory, and can be told to fail. */
export class RecordingAnnouncer implements Announcer {
  readonly messages: FakeMessage[] = [];
  /** How many of the next calls fail (as a platform outage would). */
  failNext = 0;
  private next = 1;

  async post(channel: ChannelRef, card: Card): Promise<PostedMessage> {
    this.maybeFail("post");
    const ref = `m${this.next++}`;
    this.messages.push({ ref, channel, card, history: [card] });
    return { ref };
  }

  async update(_channel: ChannelRef, ref: string, card: Card): Promise<void> {
    this.maybeFail("update");
    const m = this.messages.find((x) => x.ref === ref);
    if (!m) throw new Error(`no message ${ref}`);
    m.card = card;
    m.history.push(card);
  }

  /** The latest message in a channel. */
  last(): FakeMessage | undefined {
    return this.messages.at(-1);
  }

  private maybeFail(what: string): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error(`fake platform refused ${what}`);
    }
  }
}

/** A logger that keeps every line. */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  info(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "info", message, ...(fields ? { fields } : {}) });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "warn", message, ...(fields ? { fields } : {}) });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "error", message, ...(fields ? { fields } : {}) });
  }
  debug(message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level: "debug", message, ...(fields ? { fields } : {}) });
  }
}
