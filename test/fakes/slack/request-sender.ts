import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";
import { blockActionsPayload, eventCallback, type FakePerson, slashCommandFields } from "./payloads.js";

/** How one request is sent: as Slack would, or deliberately wrong. */
export interface SendOptions {
  /** Sets X-Slack-Retry-Num (and a retry reason), as Slack does when it sends a delivery again. */
  readonly retryNum?: number;
  /** The request timestamp in seconds; defaults to now. */
  readonly timestamp?: number;
  /** Signs with this secret instead of the right one (a forgery). */
  readonly secret?: string;
}

/** What the bot answered to one request. */
export interface SentResponse {
  readonly status: number;
  readonly body: string;
  /** Milliseconds from sending to the bot's answer (its acknowledgement). */
  readonly ms: number;
}

/** Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/**
 * Sends signed requests to a bot's Slack endpoint the way Slack does: commands, clicks and events. It uses
 * node:http with kept-alive connections, which costs the sending side far less than fetch, so that a
 * benchmark measures the bot rather than its senders.
 */
export class SlackRequestSender {
  private readonly url: URL;
  private readonly agent: Agent;

  /** `connections` caps the open connections, as Slack's own senders reuse a pool of them. */
  constructor(
    endpoint: string,
    private readonly signingSecret: string,
    connections = 64,
  ) {
    this.url = new URL(endpoint);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** A `/srm` slash command (form-encoded, as Slack sends it). */
  slashCommand(
    o: {
      person: FakePerson;
      text: string;
      responseUrl: string;
      channel?: string;
      triggerId?: string;
      team?: string;
      enterprise?: string;
    },
    options: SendOptions = {},
  ): Promise<SentResponse> {
    return this.send(
      new URLSearchParams(slashCommandFields(o)).toString(),
      "application/x-www-form-urlencoded",
      options,
    );
  }

  /** A button click or a menu choice: the `block_actions` payload, JSON in the form field `payload`. */
  click(
    o: {
      person: FakePerson;
      actionId: string;
      responseUrl: string;
      channel?: string;
      messageTs?: string;
      actionTs?: string;
      selected?: { value: string; text: string };
    },
    options: SendOptions = {},
  ): Promise<SentResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(o)) }).toString();
    return this.send(body, "application/x-www-form-urlencoded", options);
  }

  /** An Events API delivery (JSON), from workspace `team` (FAKE_TEAM when not given). */
  event(
    event: Record<string, unknown>,
    eventId?: string,
    options: SendOptions = {},
    team?: string,
  ): Promise<SentResponse> {
    return this.send(JSON.stringify(eventCallback(event, eventId, team)), "application/json", options);
  }

  /** Sends a raw body with Slack's headers; the content type carries no charset, as Slack's does not. */
  async send(body: string, contentType: string, options: SendOptions = {}): Promise<SentResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": slackSignature(options.secret ?? this.signingSecret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    headers["content-length"] = String(Buffer.byteLength(body));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: "POST", headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
