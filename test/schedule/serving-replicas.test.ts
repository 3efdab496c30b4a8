import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/ports.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { channel, member, say } from "../support/people.js";

const folder = mkdtempSync(join(tmpdir(), "srm-serving-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Two replicas on one database, each with its own announcer and clock set to the same instant. */
function replicas(file: string, slices: [ReadonlySet<string> | null, ReadonlySet<string> | null]) {
  return slices.map((slice) => {
    const app = memoryApp({ SRM_DB: file }, new ManualClock(new Date("2026-11-23T08:00:00Z")));
    // A replica running a slice of Discord's shards serves only its servers (null: every server).
    Object.assign(app.announcer, { serves: (c: ChannelRef) => slice === null || slice.has(c.workspaceId) });
    return app;
  });
}

const inW1 = channel("C1", "W1");
const inW2 = channel("C2", "W2");
const postsIn = (app: ReturnType<typeof memoryApp>, where: ChannelRef) =>
  app.announcer.messages.filter(
    (m) => m.channel.channelId === where.channelId && m.card.title.includes("Question"),
  ).length;

describe("replicas that each serve a slice of the servers", () => {
  it("each daily question is posted by the replica serving its server, once, and never by the other", async () => {
    const [a, b] = replicas(join(folder, "slices.db"), [new Set(["W1"]), new Set(["W2"])]);
    if (!a || !b) throw new Error("two replicas expected");
    await say(a, member("admin", { admin: true, workspaceId: "W1" }), "daily set 09:00 UTC", inW1);
    await say(a, member("admin", { admin: true, workspaceId: "W2" }), "daily set 09:00 UTC", inW2);
    for (const app of [a, b]) app.clock.set("2026-11-23T09:05:00Z");
    await a.engine.tick();
    await b.engine.tick();
    await a.engine.tick();
    expect([postsIn(a, inW1), postsIn(a, inW2), postsIn(b, inW1), postsIn(b, inW2)]).toEqual([1, 0, 0, 1]);
    await a.close();
    await b.close();
  });

  it("replicas that both serve every server post each daily question once between them", async () => {
    const [a, b] = replicas(join(folder, "all.db"), [null, null]);
    if (!a || !b) throw new Error("two replicas expected");
    await say(a, member("admin", { admin: true, workspaceId: "W1" }), "daily set 09:00 UTC", inW1);
    for (const app of [a, b]) app.clock.set("2026-11-23T09:05:00Z");
    await Promise.all([a.engine.tick(), b.engine.tick()]);
    expect(postsIn(a, inW1) + postsIn(b, inW1)).toBe(1);
    await a.close();
    await b.close();
  });
});
