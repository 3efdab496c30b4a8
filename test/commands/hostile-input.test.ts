import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { memoryApp, person, terminalChannel } from "../support/app.js";

const app = memoryApp();

function run(text: string) {
  return app.engine.handle({ text, actor: person("eve"), channel: terminalChannel });
}

describe("any text after /srm gets an answer and never throws", () => {
  const inputs: [string, string][] = [
    ["10 kB of words", "ec2 ".repeat(2560)],
    ["10 kB without spaces", "x".repeat(10_240)],
    ["emoji", "🔥🔥 who patches 🐧 ec2 🙂"],
    ["SQL", "'; DROP TABLE lookups; --"],
    ["control characters", "ec2\u0000\u0007\u001b[31m os\r\n patching\t"],
    ["right-to-left and combining marks", "\u202eec2 pa\u0301tching"],
    ["only punctuation", "?!?!...---"],
    ["lone surrogate", "ec2 \ud800 os"],
    ["unicode look-alikes", "ｅｃ２ ｏｓ ｐａｔｃｈｉｎｇ"],
  ];
  it.each(inputs)("%s", async (_name, text) => {
    const reply = await run(`/srm ${text}`);
    expect(reply.cards.length).toBeGreaterThan(0);
    expect(renderPlain(reply, TEXT_SYNTAX).length).toBeGreaterThan(0);
  });

  it("a question that is too long is refused with how to ask instead", async () => {
    expect(renderPlain(await run(`/srm ${"ec2 ".repeat(2560)}`), TEXT_SYNTAX)).toContain(
      "That question is too long",
    );
  });

  it("a SQL fragment is never stored, and the table is still there", async () => {
    await run("/srm '; DROP TABLE lookups; --");
    await app.engine.idle();
    const rows = app.db.prepare("SELECT * FROM lookups ORDER BY id").all();
    expect(rows.at(-1)).toMatchObject({ status: "unknown", service_id: null, area_id: null });
    expect(JSON.stringify(rows)).not.toContain("DROP");
  });

  it("full-width letters are read as their plain forms", async () => {
    expect(renderPlain(await run("/srm ｅｃ２ ｏｓ ｐａｔｃｈｉｎｇ"), TEXT_SYNTAX)).toMatch(
      /^Customer: Amazon EC2/,
    );
  });

  it("random strings from every Unicode plane never throw", async () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      const length = next() % 80;
      let text = "";
      for (let j = 0; j < length; j++) text += String.fromCodePoint(next() % 0x30000);
      await expect(run(text)).resolves.toBeDefined();
    }
  });
});
