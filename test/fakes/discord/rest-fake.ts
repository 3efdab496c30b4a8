import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { type APIMessage, type APIUser, InteractionResponseType, MessageFlags } from "discord.js";
import { boundaryOf } from "../multipart.js";
import { AttachmentStore } from "./attachments.js";
import { autocompleteErrors, messageBodyErrors } from "./message-rules.js";
import { MessageStore } from "./message-store.js";
import {
  type Failure,
  failureHeaders,
  failureResponse,
  invalidForm,
  UNAUTHORIZED,
  UNKNOWN_INTERACTION,
  UNKNOWN_MESSAGE,
} from "./responses.js";
import { snowflake } from "./snowflake.js";

/** One HTTP call as the fake saw it; `path` is after /api/v10. */
export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly status: number;
  readonly at: number;
}

/** The one response an interaction got (type 4 reply, 5 deferral, 8 autocomplete choices...). */
export interface CallbackRecord {
  readonly interactionId: string;
  readonly type: number;
  readonly data: Record<string, unknown>;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/** What the REST fake needs to know. */
export interface RestFakeOptions {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly gatewayUrl: () => string;
  /** The shard count GET /gateway/bot recommends (1 unless told). */
  readonly shards?: number;
  /** How long after its creation an interaction may still get its first response (Discord: 3 s). */
  readonly interactionDeadlineMs?: number;
}

interface InteractionState {
  readonly token: string;
  readonly channelId: string;
  readonly createdAt: number;
  callback: CallbackRecord | null;
  original: string | null;
}

type Json = Record<string, unknown>;
type Handler = (m: RegExpMatchArray, body: Json, auth: boolean) => [number, unknown];

/** Discord's REST API on 127.0.0.1 (/api/v10), for the calls srm-bot makes; it records every call. */
export class RestFake {
  readonly calls: RecordedCall[] = [];
  /** Files sent with messages (multipart bodies), by attachment id. */
  readonly attachments = new AttachmentStore();
  private readonly messageStore: MessageStore;
  private readonly interactions = new Map<string, InteractionState>();
  private readonly tokens = new Map<string, InteractionState>();
  private readonly waiters = new Map<string, ((c: CallbackRecord) => void)[]>();
  private readonly failures: { method: string; path: RegExp; left: number; failure: Failure }[] = [];
  private readonly routes: [string, RegExp, Handler][];
  private readonly byNonce = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    private readonly o: RestFakeOptions,
  ) {
    const app = o.applicationId;
    this.messageStore = new MessageStore(o.bot, app);
    this.routes = [
      ["GET", /^\/gateway\/bot$/, (_m, _b, auth) => (auth ? [200, this.gatewayBot()] : UNAUTHORIZED)],
      ["GET", /^\/users\/@me$/, (_m, _b, auth) => (auth ? [200, o.bot] : UNAUTHORIZED)],
      ["POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (m, b) => this.respond(m[1], m[2], b)],
      ["POST", new RegExp(`^/webhooks/${app}/([^/]+)$`), (m, b) => this.followUp(m[1] as string, b)],
      [
        "PATCH",
        new RegExp(`^/webhooks/${app}/([^/]+)/messages/(@original|\\d+)$`),
        (m, b) => this.editWebhook(m, b),
      ],
      ["GET", new RegExp(`^/webhooks/${app}/([^/]+)/messages/(@original|\\d+)$`), (m) => this.getWebhook(m)],
      [
        "POST",
        /^\/channels\/(\d+)\/messages$/,
        (m, b, auth) => (auth ? this.post(m[1] as string, b) : UNAUTHORIZED),
      ],
      [
        "PATCH",
        /^\/channels\/(\d+)\/messages\/(\d+)$/,
        (m, b, auth) => (auth ? this.edit(m[1], m[2], b) : UNAUTHORIZED),
      ],
      [
        "PUT",
        new RegExp(`^/applications/${app}(?:/guilds/(\\d+))?/commands$`),
        (_m, b, auth) => (auth ? this.overwrite(b) : UNAUTHORIZED),
      ],
    ];
    server.on("request", (req, res) => void this.serve(req, res));
  }

  /** Starts the fake on a free port of 127.0.0.1. */
  static async start(o: RestFakeOptions): Promise<RestFake> {
    const fake = new RestFake(createServer(), o);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** The base URL to give discord.js as `rest.api` (DISCORD_API_URL). */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  /** Tells the fake about an interaction the gateway is about to deliver, so its responses can be checked. */
  expectInteraction(i: { id: string; token: string; channel_id?: string }): void {
    const state: InteractionState = {
      token: i.token,
      channelId: i.channel_id ?? "",
      createdAt: performance.now(),
      callback: null,
      original: null,
    };
    this.interactions.set(i.id, state);
    this.tokens.set(i.token, state);
  }

  /** Makes the next `count` calls of a method and path answer `failure` instead. */
  failNext(method: string, path: RegExp, failure: Failure, count = 1): void {
    this.failures.push({ method, path, left: count, failure });
  }

  /** Resolves with an interaction's first response once it arrives. */
  callback(interactionId: string): Promise<CallbackRecord> {
    const known = this.interactions.get(interactionId)?.callback;
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const list = this.waiters.get(interactionId) ?? [];
      list.push(resolve);
      this.waiters.set(interactionId, list);
    });
  }

  /** Every message by id, channel posts and interaction responses alike, at its latest version. */
  get messages(): ReadonlyMap<string, APIMessage> {
    return this.messageStore.latest;
  }

  /** Every version of each message, oldest first. */
  get history(): ReadonlyMap<string, readonly APIMessage[]> {
    return this.messageStore.history;
  }

  /** An interaction's original response message (after any edits), if it has one. */
  original(interactionId: string): APIMessage | undefined {
    const id = this.interactions.get(interactionId)?.original;
    return id ? this.messages.get(id) : undefined;
  }

  /** The messages posted in a channel through POST /channels/{id}/messages, oldest first. */
  channelMessages(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter(
      (m) => m.channel_id === channelId && m.webhook_id === undefined,
    );
  }

  /** The recorded calls whose method and path match. */
  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Closes the server and every kept-alive connection. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    const method = req.method ?? "GET";
    let body: Json = {};
    const boundary = boundaryOf(String(req.headers["content-type"] ?? ""));
    try {
      if (boundary) body = this.attachments.read(Buffer.concat(chunks), boundary);
      else if (chunks.length > 0) body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json;
    } catch {
      return this.reply(res, method, path, body, [400, { message: "400: Bad Request", code: 50109 }]);
    }
    const failure = this.failures.find((f) => f.left > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.left--;
      return this.reply(res, method, path, body, failureResponse(failure.failure), failure.failure);
    }
    const auth = req.headers.authorization === `Bot ${this.o.token}`;
    for (const [m, pattern, handle] of this.routes) {
      const match = method === m ? path.match(pattern) : null;
      if (match) return this.reply(res, method, path, body, handle(match, body, auth));
    }
    this.reply(res, method, path, body, [404, { message: "404: Not Found", code: 0 }]);
  }

  private reply(
    res: ServerResponse,
    method: string,
    path: string,
    body: Json,
    [status, payload]: [number, unknown],
    failure?: Failure,
  ): void {
    this.calls.push({ method, path, body, status, at: performance.now() });
    if (failure) for (const [name, value] of failureHeaders(failure)) res.setHeader(name, value);
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
  }

  private gatewayBot(): Json {
    return {
      url: this.o.gatewayUrl(),
      shards: this.o.shards ?? 1,
      // A large bot's concurrency: up to 16 shards identify at once, so a sharded test does not wait 5 s a shard.
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
    };
  }

  private respond(id: string | undefined, token: string | undefined, body: Json): [number, unknown] {
    const state = this.interactions.get(id ?? "");
    if (!state || state.token !== token) return UNKNOWN_INTERACTION;
    if (state.callback) return [400, { message: "Interaction has already been acknowledged.", code: 40060 }];
    if (performance.now() - state.createdAt > (this.o.interactionDeadlineMs ?? 3000))
      return UNKNOWN_INTERACTION;
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const errors = autocompleteErrors(data);
      if (errors.length > 0) return invalidForm(errors);
    } else if (type === InteractionResponseType.ChannelMessageWithSource) {
      const errors = messageBodyErrors(data);
      if (errors.length > 0) return invalidForm(errors);
      state.original = this.messageStore.create(state.channelId, data, true).id;
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const flags = (Number(data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
      state.original = this.messageStore.create(state.channelId, { content: "", flags }, true).id;
    }
    const record: CallbackRecord = { interactionId: id as string, type, data, at: performance.now() };
    state.callback = record;
    for (const resolve of this.waiters.get(record.interactionId) ?? []) resolve(record);
    this.waiters.delete(record.interactionId);
    return [204, null];
  }

  private byToken(token: string): InteractionState | undefined {
    return this.tokens.get(token);
  }

  private followUp(token: string, body: Json): [number, unknown] {
    const state = this.byToken(token);
    if (!state?.callback) return [404, { message: "Unknown Webhook", code: 10015 }];
    const errors = messageBodyErrors(body);
    if (errors.length > 0) return invalidForm(errors);
    return [200, this.messageStore.create(state.channelId, body, true)];
  }

  private webhookMessage(m: RegExpMatchArray): APIMessage | undefined {
    const state = this.byToken(m[1] as string);
    const id = m[2] === "@original" ? state?.original : m[2];
    return state && id ? this.messages.get(id) : undefined;
  }

  private getWebhook(m: RegExpMatchArray): [number, unknown] {
    const message = this.webhookMessage(m);
    return message ? [200, message] : UNKNOWN_MESSAGE;
  }

  private editWebhook(m: RegExpMatchArray, body: Json): [number, unknown] {
    const message = this.webhookMessage(m);
    if (!message) return UNKNOWN_MESSAGE;
    return this.edit(message.channel_id, message.id, body);
  }

  private post(channelId: string, body: Json): [number, unknown] {
    const errors = messageBodyErrors(body);
    if (errors.length > 0) return invalidForm(errors);
    // enforce_nonce: a second post with the same nonce returns the first message instead of a new one.
    const key =
      body.enforce_nonce === true && typeof body.nonce === "string" ? `${channelId}:${body.nonce}` : null;
    const earlier = key ? this.messages.get(this.byNonce.get(key) ?? "") : undefined;
    if (earlier) return [200, earlier];
    const message = this.messageStore.create(channelId, body, false);
    if (key) this.byNonce.set(key, message.id);
    return [200, message];
  }

  private edit(channelId: string | undefined, messageId: string | undefined, body: Json): [number, unknown] {
    const current = this.messages.get(messageId ?? "");
    if (!current || current.channel_id !== channelId) return UNKNOWN_MESSAGE;
    const errors = messageBodyErrors(body);
    if (errors.length > 0) return invalidForm(errors);
    const next = this.messageStore.edit(current, body);
    return [200, next];
  }

  private overwrite(body: unknown): [number, unknown] {
    if (!Array.isArray(body)) return [400, { message: "Invalid Form Body", code: 50035 }];
    const commands = (body as Json[]).map((c) => ({
      ...c,
      id: snowflake(),
      application_id: this.o.applicationId,
      version: snowflake(),
    }));
    return [200, commands];
  }
}
