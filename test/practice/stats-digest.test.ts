import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderCard } from "../../src/views/plain.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { channel, member, playRound, say } from "../support/people.js";
import { answerOpen, DAY } from "./support.js";

type TestApp = ReturnType<typeof memoryApp>;

const admin = member("admin", { admin: true });
const ann = member("ann");
const bob = member("bob");

async function meet(app: TestApp, who: typeof ann, text: string, right: boolean): Promise<void> {
  await say(app, who, `drill ${text}`);
  await answerOpen(app, who, right);
}

function digests(app: TestApp) {
  return app.announcer.messages.filter((m) => m.card.title.startsWith("Weekly digest"));
}

describe("/srm stats with memory cards", () => {
  it("shows cards due, measured retention and recall per service, least remembered first", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(ann, "0");
    await meet(app, ann, "ec2 os patching", true);
    await meet(app, ann, "rds engine patching", true);
    clock.advance(3 * DAY);
    expect(await say(app, ann, "stats")).toMatch(/Cards\s+Due now\s+New today\n\s+2\s+2\s+0/);
    await say(app, ann, "practice");
    await answerOpen(app, ann, true);
    await answerOpen(app, ann, false);
    clock.advance(2 * DAY);
    const stats = await say(app, ann, "stats");
    expect(stats).toContain("Memory");
    // The miss is due again the next day; the card answered right is weeks away.
    expect(stats).toMatch(/Cards\s+Due now\s+New today\n\s+2\s+1\s+0/);
    expect(stats).toContain("Measured retention: 50% of 2 reviews of learned cards in the last 30 days");
    const recall = /Amazon RDS\s+1\s+(\d+)%\n\s+Amazon EC2\s+1\s+(\d+)%/.exec(stats);
    expect(Number(recall?.[1])).toBeLessThan(Number(recall?.[2]));
  });

  it("memory is shown to its owner only, and the home tab says what is due", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    await app.practice.newCardsPerDay(ann, "0");
    await playRound(app, ["ann"], []);
    await meet(app, ann, "s3 public access", true);
    expect(await say(app, bob, "stats ann")).not.toContain("Memory");
    clock.advance(30 * DAY);
    const home = (await app.engine.home(ann)).map((c) => renderCard(c, TEXT_SYNTAX)).join("\n");
    const cards = app.db.prepare("SELECT COUNT(*) AS n FROM practice_cards WHERE user_id = 'ann'").get() as {
      n: number;
    };
    expect(cards.n).toBeGreaterThan(1);
    expect(home).toContain(`Practise next\n${cards.n} cards due today: practise with /srm practice.`);
  });
});

describe("the weekly digest", () => {
  async function channelWithHistory(clock: ManualClock): Promise<TestApp> {
    const app = memoryApp({}, clock);
    await playRound(app, ["ann", "bob"], []);
    for (const who of [ann, bob]) {
      await meet(app, who, "kms key management", false);
      await meet(app, who, "lambda runtime", true);
    }
    for (const text of ["ec2 os-patching", "ec2 os-patching", "rds"])
      await app.engine.handle({ text, actor: ann, channel: channel() });
    return app;
  }

  it("posts once a week from Monday 09:00 UTC: the three weakest cells and the most asked lookups", async () => {
    const clock = new ManualClock(new Date("2026-03-04T12:00:00Z"));
    const app = await channelWithHistory(clock);
    expect(await say(app, admin, "settings digest on")).toContain("Weekly digest: on");
    clock.set("2026-03-09T08:59:00Z");
    await app.engine.tick();
    expect(digests(app)).toHaveLength(0);
    clock.set("2026-03-09T09:00:00Z");
    await app.engine.tick();
    await app.engine.tick();
    expect(digests(app)).toHaveLength(1);
    const text = renderCard(
      digests(app)[0]?.card ?? { accent: "neutral", title: "", sections: [] },
      TEXT_SYNTAX,
    );
    expect(text).toContain("Weekly digest (2026-W11)");
    expect(text).toMatch(
      /Most likely forgotten:\n {2}- AWS KMS · Key management: \d+% recall across 2 people/,
    );
    expect(text.match(/recall across/g)).toHaveLength(3);
    expect(text).toContain("Looked up most this week:\n  - Amazon EC2 · Guest OS patching, asked 2 times");
    expect(digests(app)[0]?.card.actions?.[0]?.id).toBe("drill:kms:key-management");
    clock.set("2026-03-15T23:00:00Z");
    await app.engine.tick();
    expect(digests(app)).toHaveLength(1);
    clock.set("2026-03-16T10:00:00Z");
    await app.engine.tick();
    expect(digests(app)).toHaveLength(2);
  });

  it("turned on on a Thursday, it posts nothing at once and comes the next Monday from 09:00 UTC", async () => {
    const clock = new ManualClock(new Date("2026-03-12T15:00:00Z"));
    const app = await channelWithHistory(clock);
    await say(app, admin, "settings digest on");
    await app.engine.tick();
    clock.set("2026-03-15T23:59:00Z");
    await app.engine.tick();
    expect(digests(app)).toHaveLength(0);
    clock.set("2026-03-16T09:00:00Z");
    await app.engine.tick();
    expect(digests(app).map((m) => m.card.title)).toEqual(["Weekly digest (2026-W12)"]);
  });

  it("names only the recognised cells looked up, never what anyone typed", async () => {
    const clock = new ManualClock(new Date("2026-03-04T12:00:00Z"));
    const app = memoryApp({}, clock);
    await say(app, admin, "settings digest on");
    const typed = [
      "AKIAIOSFODNN7EXAMPLE",
      "this bot is garbage",
      "ec2 security groups",
      "sg on ec2",
      "ec2 sg",
    ];
    for (const text of typed) await app.engine.handle({ text, actor: ann, channel: channel() });
    clock.set("2026-03-09T09:00:00Z");
    await app.engine.tick();
    const text = renderCard(
      digests(app)[0]?.card ?? { accent: "neutral", title: "", sections: [] },
      TEXT_SYNTAX,
    );
    expect(text).toContain("Amazon EC2 · Security groups, asked 3 times");
    for (const words of typed) expect(text).not.toContain(words);
  });

  it("help tells people that lookups are counted anonymously, and when the digest comes", async () => {
    const help = await say(memoryApp(), ann, "help");
    expect(help).toContain("Lookups are private: they are counted anonymously");
    expect(help).toContain("digest on|off (Mondays from 09:00 UTC)");
  });

  it("goes only to channels that turned it on", async () => {
    const clock = new ManualClock(new Date("2026-03-04T12:00:00Z"));
    const app = await channelWithHistory(clock);
    await say(app, admin, "settings digest on", channel("C2"));
    clock.set("2026-03-09T09:30:00Z");
    await app.engine.tick();
    expect(digests(app).map((m) => m.channel.channelId)).toEqual(["C2"]);
    expect(
      renderCard(digests(app)[0]?.card ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX),
    ).toContain("Nobody here has answered enough");
  });

  it("a failed post is logged and tried again at the next tick", async () => {
    const clock = new ManualClock(new Date("2026-03-04T12:00:00Z"));
    const app = await channelWithHistory(clock);
    await say(app, admin, "settings digest on");
    clock.set("2026-03-09T09:00:00Z");
    app.announcer.failNext = 1;
    await app.engine.tick();
    expect(digests(app)).toHaveLength(0);
    expect(app.logger.lines.some((l) => l.level === "error" && l.message.includes("weekly digest"))).toBe(
      true,
    );
    await app.engine.tick();
    expect(digests(app)).toHaveLength(1);
  });
});

describe("channel settings for practice", () => {
  it("pick and digest are admin settings, saved per channel and shown", async () => {
    const app = memoryApp();
    expect(await say(app, member("eve"), "settings pick memory")).toContain("Only admins");
    expect(await say(app, admin, "settings pick sometimes")).toContain("pick is rotation or memory");
    expect(await say(app, admin, "settings digest maybe")).toContain("digest is on or off");
    await say(app, admin, "settings pick memory");
    await say(app, admin, "settings digest on");
    const shown = await say(app, member("eve"), "settings");
    expect(shown).toContain("Question pick: memory");
    expect(shown).toContain("Weekly digest: on");
    expect(await say(app, member("eve"), "settings", channel("C2"))).toContain("Question pick: rotation");
    expect(app.db.prepare("SELECT question_pick, weekly_digest FROM channel_settings").all()).toEqual([
      { question_pick: "memory", weekly_digest: 1 },
    ]);
  });
});
