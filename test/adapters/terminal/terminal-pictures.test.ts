import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  TERMINAL_CHANNEL,
  TerminalAnnouncer,
  TerminalFrontEnd,
} from "../../../adapters/terminal/terminal.js";
import { heatMapImage } from "../../../src/pictures/card-image.js";
import { decode, pixel } from "../../pictures/png-pixels.js";
import { memoryApp, realMatrix, sink } from "../../support/app.js";

async function session(lines: string[], pictures: string) {
  const app = memoryApp();
  const input = new PassThrough();
  const output = sink();
  const done = new TerminalFrontEnd({ engine: app.engine, input, output, pictures }).run();
  input.end(`${lines.join("\n")}\n`);
  await done;
  return output.text();
}

describe("pictures in the terminal", () => {
  it("/srm rds prints the stack as text and saves its picture, saying where", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "srm-term-")), "pictures");
    const text = await session(["/srm rds"], folder);
    expect(text).toContain("Amazon RDS: who owns what");
    const path = join(folder, "stack-rds.png");
    expect(text).toContain(`Picture: ${path}`);
    const png = decode(readFileSync(path));
    expect(png.width).toBe(720);
    // Physical security, the bottom layer, is AWS's: orange.
    expect(pixel(png, 31, png.height - 60 - 23)).toBe("#ff9900");
  });

  it("a lookup with no picture saves nothing", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "srm-term-")), "pictures");
    const text = await session(["/srm ec2 os-patching"], folder);
    expect(text).not.toContain("Picture:");
    expect(existsSync(folder)).toBe(false);
  });

  it("a picture that cannot be saved is reported and the text answer still comes", async () => {
    const parent = mkdtempSync(join(tmpdir(), "srm-term-"));
    const blocker = join(parent, "not-a-folder");
    writeFileSync(blocker, "a file where the folder should be");
    chmodSync(blocker, 0o444);
    const text = await session(["/srm rds"], join(blocker, "pictures"));
    expect(text).toContain("Amazon RDS: who owns what");
    expect(text).toMatch(/The picture could not be saved to .*stack-rds\.png/);
  });
});

describe("the digest's heat map in the terminal", () => {
  it("a channel post with a picture is printed in full and its picture saved, saying where", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "srm-term-")), "pictures");
    const output = sink();
    const announcer = new TerminalAnnouncer(output, folder);
    const image = heatMapImage(
      "Team recall, 2026-W11",
      [{ cell: "kms/key-management", recall: 0.3, members: 2 }],
      [{ cell: "kms/key-management" }],
      realMatrix(),
    );
    await announcer.post(TERMINAL_CHANNEL, {
      accent: "neutral",
      title: "Weekly digest (2026-W11)",
      sections: [{ text: "Most likely forgotten" }],
      ...(image ? { image } : {}),
    });
    const path = join(folder, "team-recall.png");
    expect(output.text()).toContain("Weekly digest (2026-W11)");
    expect(output.text()).toContain(`Picture: ${path}`);
    expect(decode(readFileSync(path)).width).toBeGreaterThanOrEqual(700);
  });
});
