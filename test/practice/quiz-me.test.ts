import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { drillActionId } from "../../src/views/practice-view.js";
import { memoryApp } from "../support/app.js";
import { channel, member, say } from "../support/people.js";
import { answerOpen, openPrivate, storedCard } from "./support.js";

const ann = member("ann");

describe("Quiz me on this", () => {
  it("a lookup of one cell offers it; pressing it adds the cell to the person's cards and asks its drill", async () => {
    const app = memoryApp();
    const lookup = await app.engine.handle({ text: "rds engine patching", actor: ann, channel: channel() });
    const action = lookup.cards[0]?.actions?.find((a) => a.label === "Quiz me on this");
    expect(action?.id).toBe("drill:rds:database-engine-patching");
    const asked = renderPlain(await app.engine.press(action?.id as string, ann), TEXT_SYNTAX);
    expect(asked).toContain("Quiz me");
    expect(asked).toContain("On Amazon RDS, who is responsible for");
    expect(storedCard(app, ann, "rds/database-engine-patching")).toMatchObject({ lastReview: null, reps: 0 });
    expect(await answerOpen(app, ann, true)).toContain("Right!");
    expect(storedCard(app, ann, "rds/database-engine-patching")).toMatchObject({ reps: 1, lastRating: 3 });
  });

  it("lookups that are not one cell (a service's stack, an area table) offer no button", async () => {
    const app = memoryApp();
    for (const text of ["rds", "patching", "who patches"]) {
      const reply = await app.engine.handle({ text, actor: ann, channel: channel() });
      expect(reply.cards.flatMap((c) => c.actions ?? []).filter((a) => a.id.startsWith("drill:"))).toEqual(
        [],
      );
    }
  });

  it("every cell that applies has a button id under Discord's 100 characters that asks that cell's drill", () => {
    const app = memoryApp();
    let cells = 0;
    for (const service of app.matrix.services)
      for (const area of app.matrix.areas) {
        if (!app.matrix.cell(service, area).cell.applies) continue;
        cells++;
        expect(drillActionId(service.id, area.id).length).toBeLessThan(100);
        expect(app.bank.get(`drill-${service.id}-${area.id}`)?.cells[0]).toEqual({
          service: service.id,
          area: area.id,
        });
      }
    expect(cells).toBeGreaterThan(300);
  });

  it("forged ids are refused and add no card", async () => {
    const app = memoryApp();
    for (const forged of [
      "drill:ecs:ec2-guest-os-patching",
      "drill:ec2:nothing-here",
      "drill:ec2",
      `drill:ec2:${"x".repeat(200)}`,
      "drill:EC2:guest-os-patching",
    ]) {
      expect(renderPlain(await app.engine.press(forged, ann), TEXT_SYNTAX)).toMatch(
        /There is no drill|not one of ours/,
      );
    }
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM practice_cards").get()).toEqual({ n: 0 });
    expect(openPrivate(app, ann)).toBeNull();
  });

  it("typed /srm drill takes free phrasing, and says what to type when it names no single cell", async () => {
    const app = memoryApp();
    expect(await say(app, ann, "drill who patches the lambda runtime")).toContain("On AWS Lambda");
    expect(await say(app, member("bo"), "drill rds")).toContain('There is no drill for "rds"');
    expect(await say(app, member("bo"), "drill")).toContain("Name a service and an area");
    expect(openPrivate(app, member("bo"))).toBeNull();
  });
});
