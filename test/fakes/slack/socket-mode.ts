import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import {
  blockActionsPayload,
  eventCallback,
  type FakePerson,
  slashCommandFields,
  uniqueId,
} from "./payloads.js";
import type { FakeSlackWebApi } from "./web-api.js";

/** An acknowledgement the app sent back over the socket. */
export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

/**
 * Slack's Socket Mode on 127.0.0.1: the Web API fake's apps.connections.open hands out this server's
 * ws:// URL; a connecting app is greeted with `hello`, then gets the envelopes a test pushes, and its
 * acknowledgements are recorded.
 */
export class FakeSocketMode {
  readonly acks: SocketAck[] = [];
  private readonly sockets = new Set<WebSocket>();

  private constructor(private readonly server: WebSocketServer) {
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as SocketAck;
        if (typeof message.envelope_id === "string") this.acks.push(message);
      });
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 3600 },
          connection_info: { app_id: "A0SRM" },
        }),
      );
    });
  }

  /** Starts the server and points the Web API fake's apps.connections.open at it. */
  static async start(api: FakeSlackWebApi): Promise<FakeSocketMode> {
    const server = await new Promise<WebSocketServer>((resolve) => {
      const s: WebSocketServer = new WebSocketServer({ host: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    api.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=fake`;
    return new FakeSocketMode(server);
  }

  /** How many apps are connected. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Pushes a `/srm` slash command envelope; returns its envelope id. */
  slashCommand(o: { person: FakePerson; text: string; responseUrl: string; channel?: string }): string {
    return this.push("slash_commands", slashCommandFields(o), { accepts_response_payload: true });
  }

  /** Pushes an `interactive` envelope with a button click; returns its envelope id. */
  click(o: { person: FakePerson; actionId: string; responseUrl: string; channel?: string }): string {
    return this.push("interactive", blockActionsPayload(o), { accepts_response_payload: false });
  }

  /** Pushes an `events_api` envelope; returns its envelope id. */
  event(event: Record<string, unknown>, eventId?: string): string {
    return this.push("events_api", eventCallback(event, eventId), {
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
    });
  }

  /** The acknowledgement of one envelope, if it came. */
  ackOf(envelopeId: string): SocketAck | undefined {
    return this.acks.find((a) => a.envelope_id === envelopeId);
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private push(type: string, payload: Record<string, unknown>, extra: Record<string, unknown>): string {
    const envelopeId = `env-${uniqueId()}`;
    const frame = JSON.stringify({ envelope_id: envelopeId, type, payload, ...extra });
    for (const s of this.sockets) s.send(frame);
    return envelopeId;
  }
}
