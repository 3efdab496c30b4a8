import { PassThrough } from "node:stream";
import { loadConfig } from "../../src/config.js";
import { OwnershipLookup } from "../../src/knowledge/lookup.js";
import type { OwnershipMatrix } from "../../src/knowledge/matrix.js";
import { buildApp, type Content, loadContent, type SqliteApp } from "../../src/main.js";
import type { Actor, ChannelRef, Clock } from "../../src/ports.js";
import { RecordingAnnouncer, RecordingLogger } from "../fakes/announcer.js";

let content: Content | undefined;

/** The shipped content, loaded once per test file. */
export function realContent(): Content {
  content ??= loadContent(loadConfig({}).contentDir);
  return content;
}

/** The real matrix from questions/, loaded once per test file. */
export function realMatrix(): OwnershipMatrix {
  return realContent().matrix;
}

/** A lookup over the real matrix. */
export function realLookup(): OwnershipLookup {
  return new OwnershipLookup(realMatrix());
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date("2026-03-02T09:00:00Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A whole app on an in-memory (or given) database with the real content, a fake channel and a manual clock. */
export function memoryApp(env: Record<string, string> = {}, clock: ManualClock = new ManualClock()) {
  const announcer = new RecordingAnnouncer();
  const logger = new RecordingLogger();
  const app: SqliteApp = buildApp(loadConfig({ SRM_DB: ":memory:", ...env }), {
    clock,
    announcer,
    logger,
    content: realContent(),
  });
  return Object.assign(app, { announcer, logger, clock });
}

/** A person in the terminal workspace. */
export function person(name: string, platformAdmin = false): Actor {
  return { platform: "terminal", workspaceId: "local", userId: name, displayName: name, platformAdmin };
}

/** The terminal channel. */
export const terminalChannel: ChannelRef = {
  platform: "terminal",
  workspaceId: "local",
  channelId: "terminal",
};

/** A writable stream that keeps what was written. */
export function sink(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString("utf8") });
}
