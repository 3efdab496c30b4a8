import { describe, expect, it } from "vitest";
import { memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";

const admin = member("admin", { admin: true });

function scheduled(app: ReturnType<typeof memoryApp>) {
  return app.db.prepare("SELECT COUNT(*) AS n FROM daily_schedules").get() as { n: number };
}

describe("/srm daily says what happens", () => {
  it("reveal after 1m is refused with the 15-minute rule, and nothing is scheduled", async () => {
    const app = memoryApp();
    const reply = await say(app, admin, "daily set 09:00 reveal after 1m");
    expect(reply).toContain('"reveal after 1m" needs a length from 15m to 24h');
    expect(reply).toContain("a question stays open at least 15 minutes so people can answer");
    expect(scheduled(app)).toEqual({ n: 0 });
  });

  it("reveal after 15m is honoured: the question is revealed 15 minutes after the post", async () => {
    const app = memoryApp();
    app.clock.set("2026-03-02T08:00:00Z"); // Monday
    expect(await say(app, admin, "daily set 09:00 UTC mon-sun reveal after 15m")).toContain(
      "Next reveal: Mon 2026-03-02 09:15 (UTC)",
    );
    app.clock.set("2026-03-02T09:00:00Z");
    await app.engine.tick();
    app.clock.set("2026-03-02T09:15:00Z");
    await app.engine.tick();
    const closed = app.db.prepare("SELECT closed_at FROM rounds").get() as { closed_at: string };
    expect(closed.closed_at).toBe("2026-03-02T09:15:00.000Z");
  });

  it("a reveal time minutes after the post is refused with the rule", async () => {
    const app = memoryApp();
    const reply = await say(app, admin, "daily set 09:30 Europe/Berlin reveal 09:35");
    expect(reply).toContain(
      "A reveal at 09:35 comes 5 minutes after the post at 09:30; a question stays open at least 15 minutes",
    );
    expect(scheduled(app)).toEqual({ n: 0 });
  });

  it("daily status shows the open question's real reveal time, even when a late post had to stay open longer", async () => {
    const app = memoryApp();
    app.clock.set("2026-03-02T06:00:00Z"); // Monday
    await say(app, admin, "daily set 09:00 UTC mon-sun reveal 10:00");
    app.clock.set("2026-03-02T09:55:00Z"); // the bot was down at 09:00 and catches up
    await app.engine.tick();
    const status = await say(app, member("ann"), "daily status");
    expect(status).toContain("Open question: revealed Mon 2026-03-02 10:10 (UTC)");
    await say(app, admin, "reveal");
    await say(app, admin, "daily now");
    expect(await say(app, member("ann"), "daily status")).toContain(
      "Open question: revealed when an admin runs /srm reveal",
    );
  });

  it("daily set says which earlier parts it kept", async () => {
    const app = memoryApp();
    await say(app, admin, "daily set 09:30 Europe/Berlin sun-thu reveal after 6h");
    const reply = await say(app, admin, "daily set 10:00");
    expect(reply).toContain(
      "Kept from the earlier schedule: time zone Europe/Berlin, days sun-thu, reveal 6h after the post. To change one, name it in /srm daily set.",
    );
    const first = await say(memoryApp(), admin, "daily set 10:00 Asia/Dubai");
    expect(first).toContain("Defaults used: days mon-fri, reveal 8h after the post.");
    expect(first).not.toContain("Kept");
  });

  it("skipping a day that has no question anyway says so and records nothing", async () => {
    const app = memoryApp();
    app.clock.set("2026-03-02T06:00:00Z"); // Monday
    await say(app, admin, "daily set 09:00 UTC mon-fri");
    const reply = await say(app, admin, "daily skip 2026-03-07");
    expect(reply).toContain("Nothing to skip on 2026-03-07");
    expect(reply).toContain(
      "No question is posted that day anyway: Saturday is not one of this channel's days (mon-fri).",
    );
    expect(reply).not.toContain("Skipped");
    expect(await say(app, admin, "daily skip 2026-03-06")).toContain("No question on 2026-03-06");
    expect(await say(app, admin, "daily skip 2026-03-06")).toContain(
      "No question is posted that day anyway: it is skipped already.",
    );
  });
});
