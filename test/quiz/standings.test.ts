import { describe, expect, it } from "vitest";
import { memoryApp } from "../support/app.js";
import { member, playRound, say } from "../support/people.js";

const DAY = 86_400_000;
const admin = member("admin", { admin: true });

describe("leaderboards", () => {
  it("rank, name, points, answered and accuracy; ties share a rank", async () => {
    const app = memoryApp();
    await playRound(app, ["ann", "bob"], ["cat"]);
    const board = await say(app, member("ann"), "leaderboard");
    expect(board).toMatch(/1\s+ann\s+10\s+1\s+100%/);
    expect(board).toMatch(/1\s+bob\s+10\s+1\s+100%/);
    expect(board).toMatch(/3\s+cat\s+0\s+1\s+0%/);
  });

  it("the asker's own row appears even outside the top ten", async () => {
    const app = memoryApp();
    await playRound(
      app,
      Array.from({ length: 12 }, (_, i) => `top${i}`),
      ["me"],
    );
    const board = await say(app, member("me"), "leaderboard all");
    const lines = board.split("\n");
    expect(lines.filter((l) => /top\d+/.test(l))).toHaveLength(10);
    expect(board).toMatch(/…\n\s+13\s+me\s+0\s+1\s+0%/);
  });

  it("week and month count the rounds opened in them; all counts everything", async () => {
    const app = memoryApp();
    app.clock.set("2026-03-02T09:00:00Z"); // a Monday
    await playRound(app, ["old"], []);
    app.clock.set("2026-04-06T09:00:00Z");
    await playRound(app, ["new"], []);
    expect(await say(app, member("new"), "leaderboard week")).not.toContain("old");
    expect(await say(app, member("new"), "leaderboard month")).not.toContain("old");
    const all = await say(app, member("new"), "leaderboard all");
    expect(all).toContain("old");
    expect(all).toContain("new");
  });

  it("an accuracy ranking lists only people with five or more answers", async () => {
    const app = memoryApp();
    for (let i = 0; i < 5; i++) {
      await playRound(app, ["steady"], []);
      app.clock.advance(DAY);
    }
    await playRound(app, ["lucky"], []);
    const board = await say(app, member("steady"), "leaderboard all accuracy");
    expect(board).toMatch(/1\s+steady\s+\d+\s+5\s+100%/);
    expect(board).not.toMatch(/\blucky\b/);
    expect(board).toContain("5 or more answers");
  });

  it("an unknown period or competition name says what is allowed", async () => {
    const app = memoryApp();
    expect(await say(app, member("x"), "leaderboard fortnight")).toContain(
      'There is no competition called "fortnight"',
    );
  });
});

describe("stats", () => {
  it("shows answered, accuracy, streaks, and strongest and weakest services", async () => {
    const app = memoryApp();
    for (let i = 0; i < 6; i++) await playRound(app, i % 3 === 0 ? [] : ["ann"], i % 3 === 0 ? ["ann"] : []);
    const stats = await say(app, member("ann"), "stats");
    expect(stats).toMatch(/\n\s+6\s+67%\s+2\s+2\s+/);
    expect(stats).toContain("Strongest services:");
    expect(await say(app, member("bob"), "stats ann")).toContain("Stats: ann");
    expect(await say(app, member("bob"), "stats nobody")).toContain('No stats for "nobody" yet');
  });
});

describe("competitions", () => {
  it("have their own leaderboard, and ending one announces the final standings with the top three", async () => {
    const app = memoryApp();
    await playRound(app, ["before"], []);
    const started = await say(app, admin, 'competition start "Spring Cup" 2w');
    expect(started).toContain('Competition "Spring Cup" has started');
    await playRound(app, ["gold", "silver"], ["bronze"]);
    await playRound(app, ["gold"], ["silver", "bronze"]);
    const board = await say(app, member("gold"), "leaderboard Spring Cup");
    expect(board).toMatch(/1\s+gold\s+21/);
    expect(board).not.toContain("before");
    expect(await say(app, member("gold"), "competition status")).toMatch(/1\. gold: 21 points/);
    const ended = await say(app, admin, "competition end");
    expect(ended).toContain('Competition "Spring Cup" is over');
    expect(ended).toMatch(/🥇 1\. gold: 21 points/);
    expect(ended).toMatch(/🥈 2\. silver: 10 points/);
    expect(ended).toMatch(/🥉 3\. bronze: 0 points/);
    expect(await say(app, member("x"), "leaderboard spring cup")).toContain("(final)");
  });

  it("a competition whose end date passes is ended and announced by the next tick, once", async () => {
    const app = memoryApp();
    await say(app, admin, "competition start Weekly 1d");
    await playRound(app, ["ann"], []);
    app.clock.advance(2 * DAY);
    await app.engine.tick();
    await app.engine.tick();
    const announcements = app.announcer.messages.filter((m) => m.card.title.includes("is over"));
    expect(announcements).toHaveLength(1);
    expect(await say(app, admin, "competition status")).toContain("No competition is running");
  });

  it.each([
    ['competition start "Cup"', "Give the competition a name and a length"],
    ["competition start Cup fortnight", '"fortnight" is neither a duration nor a date'],
    ["competition start Cup 2000-01-01", "is not in the future"],
    ["competition start Cup 2026-02-30", "neither a duration nor a date"],
    ["competition start Cup 900d", "at most 366 days"],
    ["competition start", "Give the competition a name"],
    ["competition pause", "Unknown competition command"],
  ])("%s is refused: %s", async (command, message) => {
    const app = memoryApp();
    expect(await say(app, admin, command)).toContain(message);
  });

  it("one competition runs at a time, names are unique, and only admins start or end them", async () => {
    const app = memoryApp();
    expect(await say(app, member("eve"), "competition start Cup 1w")).toContain("Only admins");
    await say(app, admin, "competition start Cup 1w");
    expect(await say(app, admin, "competition start Other 1w")).toContain('"Cup" is still running');
    await say(app, admin, "competition end");
    expect(await say(app, admin, "competition start cup 1w")).toContain("already exists");
    expect(await say(app, member("eve"), "competition end")).toContain("Only admins");
  });
});
