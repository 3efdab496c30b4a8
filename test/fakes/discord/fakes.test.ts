import { GatewayDispatchEvents, GatewayOpcodes } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { FakeDiscord } from "./fake-discord.js";
import { within } from "./wait.js";

let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start({ interactionDeadlineMs: 300 });
});

afterEach(async () => {
  await fake.close();
});

type Frame = { op: number; t?: string; s?: number; d?: unknown };

/** A raw gateway connection that collects frames. */
async function connect(url: string) {
  const socket = new WebSocket(`${url}?v=10&encoding=json`);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on("message", (raw) => {
    frames.push(JSON.parse(String(raw)) as Frame);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  const next = async (match: (f: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const found = frames.find(match);
      if (found) return found;
      await within(new Promise<void>((resolve) => waiters.push(resolve)), 2000, "a gateway frame");
    }
  };
  await new Promise((resolve) => socket.once("open", resolve));
  return { socket, frames, next, closed, send: (f: Frame) => socket.send(JSON.stringify(f)) };
}

const api = (path: string, init: RequestInit = {}) => fetch(`${fake.rest.apiUrl}/v10${path}`, init);
const bot = () => ({ authorization: `Bot ${fake.token}`, "content-type": "application/json" });

describe("the Discord REST fake", () => {
  it("hands out the gateway URL to an authorised bot only", async () => {
    expect((await api("/gateway/bot")).status).toBe(401);
    const body = (await (await api("/gateway/bot", { headers: bot() })).json()) as { url: string };
    expect(body.url).toBe(fake.gateway.url);
  });

  it("takes one response per interaction, within the deadline, like Discord", async () => {
    const gateway = await connect(fake.gateway.url);
    gateway.send({ op: GatewayOpcodes.Identify, d: { token: fake.token, intents: 1, properties: {} } });
    await gateway.next((f) => f.t === GatewayDispatchEvents.Ready);
    const first = fake.command(fake.person("a"), "srm", "help");
    const callback = (d: { id: string; token: string }) =>
      api(`/interactions/${d.id}/${d.token}/callback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: 4, data: { content: "hi" } }),
      });
    expect((await callback(first)).status).toBe(204);
    const again = await callback(first);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: number }).code).toBe(40060);
    const late = fake.command(fake.person("b"), "srm", "help");
    await new Promise((resolve) => setTimeout(resolve, 350));
    const expired = await callback(late);
    expect(((await expired.json()) as { code: number }).code).toBe(10062);
    gateway.socket.close();
  });

  it("answers an armed 429 with retry-after and a JSON retry_after, not global, then serves again", async () => {
    fake.rest.failNext("POST", /^\/channels\/\d+\/messages$/, { status: 429, retryAfter: 0.25 });
    const post = () =>
      api(`/channels/${fake.general.id}/messages`, {
        method: "POST",
        headers: bot(),
        body: JSON.stringify({ content: "x" }),
      });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("0.25");
    expect(limited.headers.get("x-ratelimit-global")).toBeNull();
    expect(await limited.json()).toEqual({
      message: "You are being rate limited.",
      retry_after: 0.25,
      global: false,
    });
    expect((await post()).status).toBe(200);
  });

  it("refuses a message past Discord's limits with 50035 and the path of the problem", async () => {
    const res = await api(`/channels/${fake.general.id}/messages`, {
      method: "POST",
      headers: bot(),
      body: JSON.stringify({ embeds: [{ title: "x".repeat(257) }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 50035,
      errors: { embeds: { 0: { title: { _errors: [{}] } } } },
    });
  });
});

describe("the Discord gateway fake", () => {
  it("says HELLO, answers IDENTIFY with READY and GUILD_CREATE, and acknowledges heartbeats", async () => {
    const c = await connect(fake.gateway.url);
    expect((await c.next((f) => f.op === GatewayOpcodes.Hello)).d).toMatchObject({
      heartbeat_interval: 41_250,
    });
    c.send({ op: GatewayOpcodes.Identify, d: { token: fake.token, intents: 1, properties: {} } });
    const ready = await c.next((f) => f.t === GatewayDispatchEvents.Ready);
    expect(ready.d).toMatchObject({
      resume_gateway_url: fake.gateway.resumeUrl,
      application: { id: fake.applicationId },
    });
    expect((await c.next((f) => f.t === GatewayDispatchEvents.GuildCreate)).d).toMatchObject({
      id: fake.guildId,
    });
    c.send({ op: GatewayOpcodes.Heartbeat, d: 2 });
    await c.next((f) => f.op === GatewayOpcodes.HeartbeatAck);
    c.socket.close();
  });

  it("closes with 4014 when privileged intents are asked for", async () => {
    const c = await connect(fake.gateway.url);
    c.send({ op: GatewayOpcodes.Identify, d: { token: fake.token, intents: 1 | (1 << 15), properties: {} } });
    expect(await within(c.closed, 2000, "the close")).toBe(4014);
  });

  it("replays what a client missed on RESUME, then sends RESUMED; an unknown session gets INVALID_SESSION", async () => {
    const first = await connect(fake.gateway.url);
    first.send({ op: GatewayOpcodes.Identify, d: { token: fake.token, intents: 1, properties: {} } });
    const ready = await first.next((f) => f.t === GatewayDispatchEvents.Ready);
    const seen = (await first.next((f) => f.t === GatewayDispatchEvents.GuildCreate)).s as number;
    first.socket.terminate();
    await first.closed;
    const missed = fake.command(fake.person("c"), "srm", "help");
    const second = await connect(fake.gateway.resumeUrl);
    second.send({
      op: GatewayOpcodes.Resume,
      d: { token: fake.token, session_id: (ready.d as { session_id: string }).session_id, seq: seen },
    });
    const replayed = await second.next((f) => f.t === GatewayDispatchEvents.InteractionCreate);
    expect(replayed.d).toMatchObject({ id: missed.id });
    expect((await second.next((f) => f.t === GatewayDispatchEvents.Resumed)).s).toBe(
      (replayed.s as number) + 1,
    );
    const stranger = await connect(fake.gateway.resumeUrl);
    stranger.send({ op: GatewayOpcodes.Resume, d: { token: fake.token, session_id: "nope", seq: 1 } });
    expect((await stranger.next((f) => f.op === GatewayOpcodes.InvalidSession)).d).toBe(false);
    second.socket.close();
    stranger.socket.close();
  });
});

describe("the Discord gateway fake with shards", () => {
  let sharded: FakeDiscord;

  beforeEach(async () => {
    sharded = await FakeDiscord.start({ shards: 2 });
  });

  afterEach(async () => {
    await sharded.close();
  });

  const identify = (c: Awaited<ReturnType<typeof connect>>, shard?: unknown) =>
    c.send({
      op: GatewayOpcodes.Identify,
      d: { token: sharded.token, intents: 1, properties: {}, ...(shard ? { shard } : {}) },
    });

  it("recommends its shard count, and gives each shard only the guilds of (guild_id >> 22) % count", async () => {
    const info = (await (
      await fetch(`${sharded.rest.apiUrl}/v10/gateway/bot`, {
        headers: { authorization: `Bot ${sharded.token}` },
      })
    ).json()) as { shards: number };
    expect(info.shards).toBe(2);
    const [zero, one] = sharded.guilds;
    for (const [shard, guild] of [
      [0, zero],
      [1, one],
    ] as const) {
      const c = await connect(sharded.gateway.url);
      identify(c, [shard, 2]);
      const ready = await c.next((f) => f.t === GatewayDispatchEvents.Ready);
      expect(ready.d).toMatchObject({ shard: [shard, 2], guilds: [{ id: guild?.id }] });
      expect(((BigInt(guild?.id ?? "0") >> 22n) % 2n).toString()).toBe(String(shard));
      c.socket.close();
    }
  });

  it("sends an interaction on its guild's shard only, and a DM's on shard 0", async () => {
    const [zero, one] = [await connect(sharded.gateway.url), await connect(sharded.gateway.url)];
    identify(zero, [0, 2]);
    identify(one, [1, 2]);
    await zero.next((f) => f.t === GatewayDispatchEvents.Ready);
    await one.next((f) => f.t === GatewayDispatchEvents.Ready);
    const general = sharded.guilds[1]?.general;
    const there = sharded.command(sharded.person("a"), "srm", "help", {}, sharded.channel(general));
    const dm = sharded.command(sharded.person("b"), "srm", "help", {}, sharded.dm("user"));
    expect((await one.next((f) => f.t === GatewayDispatchEvents.InteractionCreate)).d).toMatchObject({
      id: there.id,
    });
    expect((await zero.next((f) => f.t === GatewayDispatchEvents.InteractionCreate)).d).toMatchObject({
      id: dm.id,
    });
    const delivered = (frames: Frame[]) =>
      frames
        .filter((f) => f.t === GatewayDispatchEvents.InteractionCreate)
        .map((f) => (f.d as { id: string }).id);
    expect(delivered(zero.frames)).toEqual([dm.id]);
    expect(delivered(one.frames)).toEqual([there.id]);
    zero.socket.close();
    one.socket.close();
  });

  it("closes with 4011 when one session would carry every shard's guilds, and 4010 for a shard outside the count", async () => {
    const unsharded = await connect(sharded.gateway.url);
    identify(unsharded);
    expect(await within(unsharded.closed, 2000, "the close")).toBe(4011);
    const outside = await connect(sharded.gateway.url);
    identify(outside, [2, 2]);
    expect(await within(outside.closed, 2000, "the close")).toBe(4010);
  });
});
