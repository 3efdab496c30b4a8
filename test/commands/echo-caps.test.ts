import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { memoryApp, person, terminalChannel } from "../support/app.js";

const app = memoryApp();

async function run(text: string): Promise<string> {
  return renderPlain(
    await app.engine.handle({ text, actor: person("eve"), channel: terminalChannel }),
    TEXT_SYNTAX,
  );
}

describe("words a person typed are quoted back short and once", () => {
  it("an unknown word typed three times is quoted once", async () => {
    const reply = await run("/srm frobnicate frobnicate ec2 frobnicate");
    expect(reply.match(/frobnicate/g)).toHaveLength(1);
  });

  it("a pasted key-like string is cut to 40 characters with an ellipsis", async () => {
    const pasted = "AKIAIOSFODNN7EXAMPLE".repeat(4);
    const reply = await run(`/srm ec2 ${pasted}`);
    expect(reply).not.toContain(pasted.toLowerCase());
    expect(reply).toContain(`"${pasted.toLowerCase().slice(0, 39)}…"`);
  });

  it("many unknown words are counted, not all repeated", async () => {
    const reply = await run("/srm ec2 alpha bravo charlie delta echo foxtrot golf");
    expect(reply).toContain('"alpha", "bravo", "charlie", "delta", "echo" and 2 more');
    expect(reply).not.toContain("golf");
  });

  it("stats about an unknown long name and a bad competition length are quoted short", async () => {
    const long = "y".repeat(90);
    expect(await run(`/srm stats ${long}`)).toContain(`No stats for "${"y".repeat(39)}…" yet`);
    const admin = person("root", true);
    const reply = renderPlain(
      await app.engine.handle({
        text: `competition start "Cup" ${long}`,
        actor: admin,
        channel: terminalChannel,
      }),
      TEXT_SYNTAX,
    );
    expect(reply).toContain(`"${"y".repeat(39)}…" is neither a duration nor a date`);
  });

  it("a bad setting value is quoted short and without markup", async () => {
    const admin = person("root", true);
    const long = `<@U123>*${"x".repeat(80)}`;
    const reply = renderPlain(
      await app.engine.handle({
        text: `settings difficulty ${long}`,
        actor: admin,
        channel: terminalChannel,
      }),
      TEXT_SYNTAX,
    );
    expect(reply).not.toContain("<@U123>");
    expect(reply).not.toContain("x".repeat(41));
    expect(reply).toMatch(/"u123 x+…" is not a difficulty/);
  });
});
