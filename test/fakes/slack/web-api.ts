import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeSlackFiles, UPLOAD_PATH } from "./files.js";
import { blocksProblem } from "./message-limits.js";
import { FakeSlackOAuth } from "./oauth.js";
import { FAKE_TEAM } from "./payloads.js";

/** One Web API call as the fake received it. */
export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The bearer token the call carried (to check the right one was used), or null. */
  readonly token: string | null;
  /** What the fake answered: 200, or 429 when told to rate-limit. */
  readonly status: number;
}

/** A message the fake channel holds: its latest text and blocks, and every version before. */
export interface FakeSlackMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown[];
  readonly versions: { text: string; blocks: unknown[] }[];
  /** The metadata it was posted with, if any. */
  readonly metadata?: unknown;
}

/** What Bolt's respond() posted to one response_url. */
export interface ResponsePost {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** A failure to answer with, for the next calls of one method. */
export type Fault = { readonly status: 429; readonly retryAfter: number } | { readonly error: string };

/** A Slack user as users.info describes them. */
export interface FakeUser {
  readonly name?: string;
  readonly admin?: boolean;
  readonly owner?: boolean;
}

/** Fields Slack sends JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(["blocks", "view", "attachments", "metadata", "files"]);

/**
 * Slack's Web API on 127.0.0.1: records every call with its arguments, answers like Slack, keeps the
 * channel messages it was asked to post and update, and takes what Bolt's respond() sends to response_urls.
 */
export class FakeSlackWebApi {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly messages = new Map<string, FakeSlackMessage>();
  /** Slack's OAuth v2: the consent page and oauth.v2.access, and the bot tokens it issued. */
  readonly oauth = new FakeSlackOAuth();
  /** Files by id, as uploaded through files upload v2. */
  readonly files = new FakeSlackFiles();
  /** The Socket Mode URL apps.connections.open hands out, once a Socket Mode fake is attached. */
  socketUrl: string | null = null;
  /** Whether calls and responses are kept; a benchmark turns this off and reads the counts instead. */
  keepHistory = true;
  /** How many posts reached response_urls, kept or not. */
  responseCount = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly faults = new Map<string, Fault[]>();
  /** Faults answered to every call of a method until lifted (a rate-limit window, say). */
  private readonly standing = new Map<string, Fault>();
  /** Channels whose chat.* calls are refused with an error (the bot removed, the channel archived). */
  private readonly refusedChannels = new Map<string, string>();
  /** Channels whose chat.* calls go unanswered until released, with the calls held so far. */
  private readonly hung = new Map<string, (() => void)[]>();
  private readonly heldCounts = new Map<string, number>();
  private readonly silent = new Set<string>();
  private nextTs = 1;

  private constructor(private readonly server: Server) {}

  /** Starts the fake on an ephemeral loopback port. */
  static async start(): Promise<FakeSlackWebApi> {
    const server = createServer();
    const fake = new FakeSlackWebApi(server);
    server.on("request", (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The base URL to give as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response_url whose posts are recorded under `id`. */
  responseUrl(id: string): string {
    return `${this.base}/respond/${encodeURIComponent(id)}`;
  }

  /** Describes a user for users.info; anyone not described is a plain member named after their id. */
  setUser(id: string, user: FakeUser): void {
    this.users.set(id, user);
  }

  /** Answers the next `count` calls of `method` with `fault` instead of success. */
  failNext(method: string, count: number, fault: Fault): void {
    this.faults.set(method, [
      ...(this.faults.get(method) ?? []),
      ...Array.from({ length: count }, () => fault),
    ]);
  }

  /** Answers every call of `method` with `fault` until `lift(method)`. */
  refuseAll(method: string, fault: Fault): void {
    this.standing.set(method, fault);
  }

  /** Ends a standing fault; returns whether one was in place. */
  lift(method: string): boolean {
    return this.standing.delete(method);
  }

  /** Whether calls of `method` are still being refused. */
  refusing(method: string): boolean {
    return this.standing.has(method);
  }

  /** Refuses every chat.* call in `channel` with Slack's `error` (channel_not_found, is_archived...). */
  refuseChannel(channel: string, error: string): void {
    this.refusedChannels.set(channel, error);
  }

  /** Takes the next chat.postMessage in `channel` and never answers it, as when the bot dies waiting. */
  takePostSilently(channel: string): void {
    this.silent.add(channel);
  }

  /** Takes `channel`'s calls again (the bot was added back). */
  admit(channel: string): void {
    this.refusedChannels.delete(channel);
  }

  /** Leaves every chat.* call in `channel` unanswered until `release(channel)`. */
  hang(channel: string): void {
    this.hung.set(channel, []);
  }

  /** How many calls `channel` has held since it began to hang. */
  heldIn(channel: string): number {
    return this.heldCounts.get(channel) ?? 0;
  }

  /** Answers the calls held in `channel` and stops holding them. */
  release(channel: string): void {
    const held = this.hung.get(channel) ?? [];
    this.hung.delete(channel);
    for (const go of held) go();
  }

  /** The calls of one method, in order. */
  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** What was posted to the response_url `id`. */
  responsesTo(id: string): Record<string, unknown>[] {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** The message posted in `channel`, the latest first when there are several. */
  lastMessageIn(channel: string): FakeSlackMessage | undefined {
    return [...this.messages.values()].filter((m) => m.channel === channel).at(-1);
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const raw = bytes.toString("utf8");
    const path = new URL(req.url ?? "/", this.base).pathname;
    if (path.startsWith(UPLOAD_PATH)) {
      const [status, text] = this.files.receive(path, bytes, String(req.headers["content-type"] ?? ""));
      return sendText(res, status, text);
    }
    if (path.startsWith("/respond/")) {
      this.responseCount += 1;
      const id = decodeURIComponent(path.slice("/respond/".length));
      if (this.keepHistory) this.responses.push({ id, body: JSON.parse(raw) });
      return send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, "");
    const args = parseArgs(raw, String(req.headers["content-type"] ?? ""));
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null;
    const channel = typeof args.channel === "string" ? args.channel : "";
    const held = method.startsWith("chat.") ? this.hung.get(channel) : undefined;
    if (held) {
      this.heldCounts.set(channel, this.heldIn(channel) + 1);
      await new Promise<void>((resolve) => held.push(resolve));
    }
    const refused = method.startsWith("chat.") ? this.refusedChannels.get(channel) : undefined;
    const fault =
      this.faults.get(method)?.shift() ??
      this.standing.get(method) ??
      (refused ? { error: refused } : undefined);
    if (fault && "status" in fault) {
      this.record({ method, args, token, status: 429 });
      res.setHeader("Retry-After", String(fault.retryAfter));
      return send(res, 429, { ok: false, error: "ratelimited" });
    }
    this.record({ method, args, token, status: 200 });
    if (fault) return send(res, 200, { ok: false, error: fault.error });
    const answer = this.answer(method, args, token);
    // Taken, but the answer never leaves: the connection stays open until the caller goes away.
    if (method === "chat.postMessage" && this.silent.delete(channel)) return;
    return send(res, 200, answer);
  }

  private record(call: ApiCall): void {
    if (this.keepHistory) this.calls.push(call);
  }

  private answer(
    method: string,
    args: Record<string, unknown>,
    token: string | null,
  ): Record<string, unknown> {
    const isBot = token?.startsWith("xoxb-") ?? false;
    if (method === "apps.connections.open") {
      if (!token?.startsWith("xapp-")) return { ok: false, error: "not_allowed_token_type" };
      return this.socketUrl
        ? { ok: true, url: this.socketUrl }
        : { ok: false, error: "socket_mode_not_set_up" };
    }
    if (method === "oauth.v2.access") return this.oauth.exchange(args);
    if (!isBot) return { ok: false, error: "not_authed" };
    // A token the install flow issued answers for its own workspace; one revoked since is refused.
    const issued = token ? this.oauth.tokens.get(token) : undefined;
    if (token && this.oauth.revoked.has(token)) return { ok: false, error: "token_revoked" };
    const channel = String(args.channel ?? "");
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Fake",
          user: "srm",
          team_id: issued ? issued.team : FAKE_TEAM,
          user_id: issued?.botUserId ?? "UBOT",
          bot_id: issued?.botId ?? "BBOT",
          ...(issued?.enterprise ? { enterprise_id: issued.enterprise } : {}),
        };
      case "users.info": {
        const id = String(args.user ?? "");
        const u = this.users.get(id) ?? {};
        const name = u.name ?? id.toLowerCase();
        return {
          ok: true,
          user: {
            id,
            team_id: FAKE_TEAM,
            name,
            real_name: name,
            is_admin: u.admin === true,
            is_owner: u.owner === true,
            is_bot: false,
            profile: { display_name: name, real_name: name },
          },
        };
      }
      case "chat.postMessage": {
        const tooBig = blocksProblem(args.blocks);
        if (tooBig) return { ok: false, error: tooBig };
        const ts = `1700000000.${String(this.nextTs++).padStart(6, "0")}`;
        const text = String(args.text ?? "");
        const blocks = (args.blocks as unknown[] | undefined) ?? [];
        const metadata = args.metadata;
        this.messages.set(`${channel}:${ts}`, {
          channel,
          ts,
          text,
          blocks,
          versions: [{ text, blocks }],
          ...(metadata ? { metadata } : {}),
        });
        return { ok: true, channel, ts, message: { text, ts } };
      }
      case "chat.update": {
        const m = this.messages.get(`${channel}:${String(args.ts)}`);
        if (!m) return { ok: false, error: "message_not_found" };
        const tooBig = blocksProblem(args.blocks);
        if (tooBig) return { ok: false, error: tooBig };
        m.text = String(args.text ?? "");
        m.blocks = (args.blocks as unknown[] | undefined) ?? [];
        m.versions.push({ text: m.text, blocks: m.blocks });
        return { ok: true, channel, ts: m.ts, text: m.text };
      }
      case "conversations.history": {
        const withMetadata = String(args.include_all_metadata) === "true";
        const messages = [...this.messages.values()]
          .filter((m) => m.channel === channel)
          .reverse()
          .slice(0, Number(args.limit ?? 100))
          .map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.text,
            ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: `1700000001.${String(this.nextTs++).padStart(6, "0")}` };
      case "files.getUploadURLExternal":
        return this.files.uploadUrl(args, this.base);
      case "files.completeUploadExternal":
        return this.files.complete(args);
      case "views.publish":
        return { ok: true, view: { id: "VHOME", type: "home", ...(args.view as object) } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Reads a Web API body: JSON, or a form whose nested fields (blocks, view) are JSON strings. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw))
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return args;
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
