import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIUser,
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
} from "discord.js";
import { type WebSocket, WebSocketServer } from "ws";
import { randomToken } from "./snowflake.js";

/** What the gateway fake needs to know about the bot and its guilds. */
export interface GatewayFakeOptions {
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly guilds: readonly GatewayGuildCreateDispatchData[];
  /** The shard count GET /gateway/bot recommends (1 unless told). */
  readonly shards?: number;
  /** Most guilds one shard may carry; a session over it is closed with 4011, Sharding required (Discord: 2,500). */
  readonly maxGuildsPerShard?: number;
  /** HELLO's heartbeat_interval; Discord's is about 41 s. */
  readonly heartbeatIntervalMs?: number;
}

/** An IDENTIFY as the fake received it (without the token). */
export interface IdentifyRecord {
  readonly intents: number;
  readonly shard: readonly number[] | undefined;
}

/** A RESUME as the fake received it. */
export interface ResumeRecord {
  readonly sessionId: string;
  readonly seq: number;
  readonly accepted: boolean;
}

interface Dispatch {
  readonly s: number;
  readonly t: string;
  readonly d: unknown;
}

interface Session {
  readonly id: string;
  /** The shard id and count the session identified with. */
  readonly shard: readonly [number, number];
  seq: number;
  /** Every dispatch of the session, so a RESUME can replay what the client missed. */
  readonly events: Dispatch[];
  socket: WebSocket | null;
  resumable: boolean;
}

const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

/** The events a session keeps for replay; older ones are dropped as Discord's buffer would. */
const REPLAY_BUFFER = 20_000;

/** The shard that carries a guild, by Discord's rule; direct messages travel on shard 0. */
export function guildShard(guildId: string | null, count: number): number {
  return guildId === null ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * A Discord gateway on 127.0.0.1 speaking JSON without compression: HELLO, IDENTIFY/READY, RESUME,
 * RECONNECT, with one session per shard: each gets only its own guilds and their events.
 */
export class GatewayFake {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  /** The request path of every connection (the resume URL's path differs from the first). */
  readonly connectionPaths: string[] = [];
  private readonly sessions = new Map<string, Session>();
  /** The live session of each shard id, the latest to identify or resume. */
  private readonly live = new Map<number, Session>();
  private readonly wss: WebSocketServer;

  private constructor(
    private readonly server: Server,
    private readonly o: GatewayFakeOptions,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on("connection", (socket, request) => this.accept(socket, request.url ?? "/"));
  }

  /** Starts a gateway fake on a free port of 127.0.0.1. */
  static async start(o: GatewayFakeOptions): Promise<GatewayFake> {
    const server = createServer();
    const fake = new GatewayFake(server, o);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** The URL GET /gateway/bot hands out. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The resume_gateway_url READY hands out: same server, its own path, so a test can see it was used. */
  get resumeUrl(): string {
    return `${this.url}/resume`;
  }

  /** The shard count GET /gateway/bot recommends. */
  get recommendedShards(): number {
    return this.o.shards ?? 1;
  }

  /** Whether every shard's session has a live connection (and there is one). */
  get connected(): boolean {
    return this.live.size > 0 && [...this.live.values()].every((s) => s.socket !== null);
  }

  /** The shard ids with a session now. */
  get shards(): number[] {
    return [...this.live.keys()].sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch on the session of the shard that carries `guildId` (shard 0 for none, as Discord
   * sends DMs); while the client is away it waits in that session's replay buffer.
   */
  dispatch(t: string, d: unknown, guildId: string | null = null): void {
    const count = this.live.values().next().value?.shard[1] ?? 1;
    const shard = guildShard(guildId, count);
    const session = this.live.get(shard);
    if (!session) throw new Error(`no gateway session on shard ${shard}: no client has identified for it`);
    this.send(session, t, d);
  }

  /** Sends RECONNECT (op 7) on every shard: the client should close, reconnect to the resume URL and RESUME. */
  requestReconnect(): void {
    for (const s of this.live.values())
      s.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  /** Drops every shard's connection without a close frame, as a network failure would. */
  dropConnection(): void {
    for (const s of this.live.values()) s.socket?.terminate();
  }

  /** Makes every existing session unresumable: the next RESUME gets INVALID_SESSION and the client identifies anew. */
  invalidateSessions(): void {
    for (const s of this.sessions.values()) s.resumable = false;
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, path: string): void {
    this.connectionPaths.push(path);
    let session: Session | null = null;
    socket.on("message", (raw) => {
      let payload: { op?: unknown; d?: Record<string, unknown> | null };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
        return;
      }
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
          return;
        case GatewayOpcodes.Identify:
          if (session) socket.close(GatewayCloseCodes.AlreadyAuthenticated, "Already authenticated.");
          else session = this.identify(socket, payload.d ?? {});
          return;
        case GatewayOpcodes.Resume:
          session = this.resume(socket, payload.d ?? {});
          return;
        case GatewayOpcodes.PresenceUpdate:
          return;
        default:
          socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
      }
    });
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = null;
    });
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.o.heartbeatIntervalMs ?? 41_250 },
      }),
    );
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | null {
    if (d.token !== this.o.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return null;
    }
    const intents = Number(d.intents);
    this.identifies.push({ intents, shard: d.shard as number[] | undefined });
    if ((intents & PRIVILEGED_INTENTS) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
      return null;
    }
    const shard = this.shardOf(d.shard);
    if (!shard) {
      socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return null;
    }
    const session: Session = { id: randomToken(32), shard, seq: 0, events: [], socket, resumable: true };
    this.sessions.set(session.id, session);
    this.live.set(shard[0], session);
    const guilds = this.o.guilds.filter((g) => guildShard(g.id, shard[1]) === shard[0]);
    if (guilds.length > (this.o.maxGuildsPerShard ?? 2500)) {
      socket.close(GatewayCloseCodes.ShardingRequired, "Sharding required.");
      return null;
    }
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.o.bot,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      shard: [...shard],
      application: { id: this.o.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
    };
    this.send(session, GatewayDispatchEvents.Ready, ready);
    for (const guild of guilds) this.send(session, GatewayDispatchEvents.GuildCreate, guild);
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | null {
    const session = this.sessions.get(String(d.session_id));
    const seq = Number(d.seq);
    const accepted = session?.resumable === true && d.token === this.o.token;
    this.resumes.push({ sessionId: String(d.session_id), seq, accepted });
    if (!session || !accepted) {
      // d: false means "not resumable": the client must identify again.
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    session.socket?.terminate();
    session.socket = socket;
    this.live.set(session.shard[0], session);
    for (const event of session.events)
      if (event.s > seq) socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...event }));
    this.send(session, GatewayDispatchEvents.Resumed, null);
    return session;
  }

  /** The shard [id, count] an IDENTIFY asks for ([0, 1] when it names none); null when Discord would refuse it. */
  private shardOf(raw: unknown): readonly [number, number] | null {
    if (raw === undefined) return [0, 1];
    if (!Array.isArray(raw) || raw.length !== 2) return null;
    const [id, count] = raw as unknown[];
    if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
    if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number)) return null;
    return [id as number, count as number];
  }

  private send(session: Session, t: string, d: unknown): void {
    const event: Dispatch = { s: ++session.seq, t, d };
    session.events.push(event);
    if (session.events.length > REPLAY_BUFFER)
      session.events.splice(0, session.events.length - REPLAY_BUFFER);
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...event }));
  }
}
