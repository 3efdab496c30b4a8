import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { TerminalAnnouncer, TerminalFrontEnd } from "../../../adapters/terminal/terminal.js";
import { memoryApp, sink } from "../../support/app.js";

async function session(lines: string[]) {
  const app = memoryApp();
  const input = new PassThrough();
  const output = sink();
  const announcer = new TerminalAnnouncer(output);
  const router = app.announcer;
  // The terminal's channel messages go to its own output, as in `srm start`.
  router.post = (channel, card) => announcer.post(channel, card);
  router.update = (channel, ref, card) => announcer.update(channel, ref, card);
  const done = new TerminalFrontEnd({ engine: app.engine, input, output }).run();
  input.end(`${lines.join("\n")}\n`);
  await done;
  return { app, text: output.text() };
}

describe("the terminal front end", () => {
  it("answers /srm lookups as text, owner first", async () => {
    const { text } = await session(["/srm ec2 os-patching"]);
    expect(text).toMatch(/\nCustomer: Amazon EC2 · Guest OS patching\n/);
    expect(text).toContain("Source");
  });

  it("accepts commands without the /srm prefix and shows help", async () => {
    const { text } = await session(["rds", "/srm help"]);
    expect(text).toContain("Amazon RDS: who owns what");
    expect(text).toContain("/srm ec2 os-patching");
  });

  it("/as switches the acting person, and each lookup is counted by what it recognised, not by who or what was typed", async () => {
    const { app, text } = await session(["/srm s3 bucket policy", "/as bob", "/whoami", "/srm patching"]);
    expect(text).toContain("Now acting as bob.");
    expect(text).toContain("You are acting as bob.");
    await app.engine.idle();
    const rows = app.db.prepare("SELECT * FROM lookups ORDER BY id").all();
    expect(rows).toMatchObject([
      { status: "answer", service_id: "s3" },
      { status: "overview", service_id: null },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/bob|bucket policy|patching/);
  });

  it("a bad /as and an unknown terminal command get usage, and the session carries on", async () => {
    const { text } = await session(["/as", "/frobnicate", "/srm hypervisor"]);
    expect(text).toContain("Usage: /as <name>");
    expect(text).toContain("Unknown terminal command /frobnicate");
    expect(text).toContain("AWS: Every service · Hypervisor and virtualization");
  });

  it("/quit ends the session", async () => {
    const { text } = await session(["/quit", "/srm rds"]);
    expect(text).not.toContain("Amazon RDS");
  });

  it("a whole round: the owner posts, others answer with /as, the owner reveals, the leaderboard shows both", async () => {
    const probe = memoryApp();
    await probe.engine.handle({
      text: "daily now",
      actor: {
        platform: "terminal",
        workspaceId: "local",
        userId: "you",
        displayName: "you",
        platformAdmin: true,
      },
      channel: { platform: "terminal", workspaceId: "local", channelId: "terminal" },
    });
    const q = JSON.parse(
      (probe.db.prepare("SELECT question_json FROM rounds").get() as { question_json: string }).question_json,
    );
    const right = q.choices.find((c: { correct: boolean }) => c.correct).key as string;
    const wrong = q.choices.find((c: { correct: boolean }) => !c.correct).key as string;
    const { text } = await session([
      "/srm daily now",
      "/as alice",
      `/answer ${right}`,
      `/answer ${wrong}`,
      "/as bob",
      `/srm answer ${wrong}`,
      "/srm reveal",
      "/as you",
      "/srm reveal",
      "/srm leaderboard",
    ]);
    expect(text).toContain("[#terminal] Question of the day");
    expect(text).toContain(`Locked in: ${right}`);
    expect(text).toContain(`You already answered ${right}`);
    expect(text).toContain("/srm reveal is for admins");
    expect(text).toContain(`Answer: ${right}`);
    expect(text).toMatch(/1\s+alice\s+10\s+1\s+100%/);
    expect(text).toMatch(/2\s+bob\s+0\s+1\s+0%/);
  });
});
