import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderCard } from "../../src/views/plain.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";
import { answerOpen, DAY, openPrivate } from "./support.js";

const ann = member("ann");

type TestApp = ReturnType<typeof memoryApp>;

/** The item the person's open private question asks: a cell of a drill, or a scenario's id. */
function asked(app: TestApp): string {
  const open = openPrivate(app, ann);
  if (!open) throw new Error("nothing asked");
  const cell = open.question.cells[0];
  return open.question.id.startsWith("drill-") ? `${cell?.service}/${cell?.area}` : open.question.id;
}

/** Answers every question a practice asks, right, and returns what was asked and the last reply. */
async function practiseAll(app: TestApp): Promise<{ items: string[]; last: string }> {
  let last = await say(app, ann, "practice");
  const items: string[] = [];
  while (openPrivate(app, ann)) {
    items.push(asked(app));
    last = await answerOpen(app, ann, true);
  }
  return { items, last };
}

describe("new cards in /srm practice", () => {
  it("on day one, practice introduces ten new cards, the model's own ideas first, then says it is done for today", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const first = await say(app, ann, "practice");
    expect(first).toContain("Practice: a new card");
    expect(first).toContain("9 new cards");
    const { items, last } = await practiseAll(app);
    expect(items).toHaveLength(10);
    // What every service shares comes first: physical security on the infrastructure tier.
    expect(items[0]).toBe("tier-iaas/physical-security");
    expect(items.every((i) => i.startsWith("tier-"))).toBe(true);
    expect(last).toContain("Done for today");
    expect(last).toContain("You have had 10 new cards today (your limit is 10 a day");
    // A first right answer comes back in days, but new cards come again tomorrow.
    expect(last).toMatch(/Your next card is due at 2026-03-05 09:00 UTC/);
    expect(last).toContain("Tomorrow brings 10 new cards.");
    // Asking again the same day introduces nothing more.
    expect(await say(app, ann, "practice")).toContain("Done for today");
    expect(openPrivate(app, ann)).toBeNull();
  });

  it("the next day brings the cards due and ten new ones, never one already met", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    const day1 = (await practiseAll(app)).items;
    clock.advance(DAY);
    expect(await say(app, ann, "stats")).toMatch(/Cards\s+Due now\s+New today\n\s+\d+\s+\d+\s+10/);
    const day2 = (await practiseAll(app)).items;
    const fresh = day2.filter((i) => !day1.includes(i));
    expect(fresh).toHaveLength(10);
    expect(new Set(day2).size).toBe(day2.length);
  });

  it("the daily number is a personal setting: 0 turns new cards off, a bad number is refused with the rule", async () => {
    const app = memoryApp();
    const bob = member("bob");
    expect(
      (await app.practice.newCardsPerDay(ann, "3")).cards.map((c) => renderCard(c, TEXT_SYNTAX)).join("\n"),
    ).toContain("3 new cards a day");
    expect((await practiseAll(app)).items).toHaveLength(3);
    const refused = (await app.practice.newCardsPerDay(ann, "lots")).cards
      .map((c) => renderCard(c, TEXT_SYNTAX))
      .join("\n");
    expect(refused).toContain('"lots" is not a number of new cards');
    expect(refused).toContain("from 0 to 100");
    expect(
      (await app.practice.newCardsPerDay(ann, "101")).cards.map((c) => renderCard(c, TEXT_SYNTAX)).join("\n"),
    ).toContain("is not a number of new cards");
    // Bob still has the default.
    expect(await say(app, bob, "practice")).toContain("9 new cards");
  });

  it("a path puts that exam's questions first, each after the cells it tests", async () => {
    const app = memoryApp();
    const channel = { platform: ann.platform, workspaceId: ann.workspaceId, channelId: "C1" };
    const reply = (await app.practice.practicePath(ann, channel, "scs-c02")).cards
      .map((c) => renderCard(c, TEXT_SYNTAX))
      .join("\n");
    expect(reply).toContain("AWS Certified Security – Specialty (SCS-C02)");
    const items = [asked(app)];
    while (openPrivate(app, ann)) {
      await answerOpen(app, ann, true);
      if (openPrivate(app, ann)) items.push(asked(app));
    }
    const scenarios = items.filter((i) => !i.includes("/"));
    expect(scenarios.length).toBeGreaterThan(0);
    for (const id of scenarios) expect(app.bank.get(id)?.exams).toContain("scs-c02");
    // The path is remembered: the next practice follows it too.
    const unknown = (await app.practice.practicePath(ann, channel, "the moon")).cards
      .map((c) => renderCard(c, TEXT_SYNTAX))
      .join("\n");
    expect(unknown).toContain('"the moon" is not a path');
  });

  it("a service path asks that service's own cells first", async () => {
    const app = memoryApp();
    const channel = { platform: ann.platform, workspaceId: ann.workspaceId, channelId: "C1" };
    await app.practice.practicePath(ann, channel, "rds");
    expect(asked(app)).toMatch(/^rds\//);
  });

  it("App Home says how many are due and how many new cards wait today", async () => {
    const clock = new ManualClock();
    const app = memoryApp({}, clock);
    expect((await app.engine.home(ann)).map((c) => renderCard(c, TEXT_SYNTAX)).join("\n")).toContain(
      "10 new cards today: practise with /srm practice.",
    );
    await practiseAll(app);
    clock.advance(3 * DAY);
    expect((await app.engine.home(ann)).map((c) => renderCard(c, TEXT_SYNTAX)).join("\n")).toContain(
      "10 due and 10 new cards today: practise with /srm practice.",
    );
  });
});

describe("the practice commands as typed", () => {
  it("/srm practice new-cards and /srm practice path set the person's own new cards, and bad values are refused", async () => {
    const app = memoryApp();
    expect(await say(app, ann, "practice new-cards 2")).toContain("2 new cards a day");
    expect(await say(app, ann, "practice new-cards many")).toContain('"many" is not a number of new cards');
    expect(await say(app, ann, "practice path glacier-of-doubt")).toContain(
      '"glacier-of-doubt" is not a path',
    );
    const path = await say(app, ann, "practice path saa-c03");
    expect(path).toContain("Your learning path");
    expect(path).toContain("/srm practice path default goes back");
    expect(await say(app, ann, "practice size")).toContain('Unknown setting "size"');
  });
});
