import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { heatMapPicture, RECALL_BANDS, UNMET_FILL } from "../../src/pictures/heat-map.js";
import { PictureRenderer } from "../../src/pictures/render.js";
import { renderCard } from "../../src/views/plain.js";
import { answerOpen } from "../practice/support.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { member, playRound, say } from "../support/people.js";
import { decode, pixel } from "./png-pixels.js";

const names = { service: (id: string) => id.toUpperCase(), area: (id: string) => `area ${id}` };
const renderer = new PictureRenderer();

describe("the team's recall as a heat map", () => {
  const cells = [
    { service: "kms", area: "keys", recall: 0.31, members: 4 },
    { service: "kms", area: "access", recall: 0.62, members: 4 },
    { service: "ec2", area: "keys", recall: 0.78, members: 3 },
    { service: "ec2", area: "patching", recall: 0.93, members: 5 },
  ];

  it("colours each cell by its recall band, greys cells nobody met, and outlines the weakest", () => {
    const picture = heatMapPicture("Team recall", cells, [{ service: "kms", area: "keys" }], names);
    const png = decode(renderer.png(picture.svg).bytes);
    expect([png.width, png.height]).toEqual([picture.width, picture.height]);
    const box = (label: string) => {
      const b = picture.boxes.find((x) => x.label === label)?.box;
      if (!b) throw new Error(`no cell ${label}`);
      return b;
    };
    const inside = (label: string) => {
      const b = box(label);
      return pixel(png, b.x + 9, b.y + b.height / 2);
    };
    expect(inside("kms/keys")).toBe(RECALL_BANDS[0].fill);
    expect(inside("kms/access")).toBe(RECALL_BANDS[1].fill);
    expect(inside("ec2/keys")).toBe(RECALL_BANDS[2].fill);
    expect(inside("ec2/patching")).toBe(RECALL_BANDS[3].fill);
    // The weakest cell wears a dark outline along its edge; the others do not.
    const weak = box("kms/keys");
    expect(pixel(png, weak.x + 2, weak.y + weak.height / 2)).toBe("#1b1f24");
    const other = box("kms/access");
    expect(pixel(png, other.x + 2, other.y + other.height / 2)).toBe(RECALL_BANDS[1].fill);
    // ec2 was never asked about "access": an unmet cell, grey, a column right of ec2/keys... by layout order.
    const unmetX = other.x + 9;
    const unmetY = box("ec2/keys").y + box("ec2/keys").height / 2;
    expect(pixel(png, unmetX, unmetY)).toBe(UNMET_FILL);
    expect(picture.alt).toContain("Weakest: KMS · area keys 31%");
  });

  it("the weekly digest carries the heat map, the weakest cell marked, beside its text", async () => {
    const clock = new ManualClock(new Date("2026-03-04T12:00:00Z"));
    const app = memoryApp({}, clock);
    const admin = member("admin", { admin: true });
    await playRound(app, ["ann"], []);
    for (const who of [member("ann"), member("bob")]) {
      await say(app, who, "drill kms key management");
      await answerOpen(app, who, false);
      await say(app, who, "drill lambda runtime");
      await answerOpen(app, who, true);
    }
    await say(app, admin, "settings digest on");
    clock.set("2026-03-09T09:00:00Z");
    await app.engine.tick();
    const digest = app.announcer.messages.find((m) => m.card.title.startsWith("Weekly digest"))?.card;
    expect(renderCard(digest ?? { accent: "neutral", title: "", sections: [] }, TEXT_SYNTAX)).toContain(
      "Most likely forgotten",
    );
    expect(digest?.image?.name).toBe("team-recall.png");
    expect(digest?.image?.alt).toMatch(
      /^Heat map of the team's recall .* Weakest: AWS KMS · Key management \d+%/,
    );
    const png = decode(digest?.image?.png ?? new Uint8Array());
    expect(png.width).toBeGreaterThanOrEqual(640);
  });
});
