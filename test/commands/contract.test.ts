import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandBodies } from "../../adapters/discord/commands.js";
import { TerminalFrontEnd } from "../../adapters/terminal/terminal.js";
import { type Command, reachable } from "../../src/commands/command.js";
import { REGISTRY, TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Platform } from "../../src/ports.js";
import { embedText, type RunningBot, replyEmbeds, startBot } from "../adapters/discord/harness.js";
import { blockText, SlackWorkspace } from "../fakes/slack/workspace.js";
import { memoryApp, sink } from "../support/app.js";

/** The arguments a command needs to be reached: its examples, and each required argument's first choice. */
function sample(c: Command): Record<string, string> {
  return Object.fromEntries(
    c.args
      .filter((a) => a.required || a.example !== undefined)
      .map((a) => [a.name, a.example ?? a.choices?.[0] ?? "x"]),
  );
}

/** Each command as a person types it in the text grammar (the terminal, Slack's /srm). */
function typed(c: Command): string {
  const printed = TEXT_SYNTAX.command({ command: c.name, args: sample(c) });
  // A lookup printed bare ("/srm ec2") is read as a question in one's own words: the same lookup, by the
  // fallback. Reaching the lookup command itself takes its word.
  return c.bare && !c.fallback ? printed.replace(/^\/srm /, `/srm ${c.name} `) : printed;
}

/** How many times a command ran, whatever it answered (a refusal counts: the command was reached). */
const ran = (metrics: { value(name: string, labels: Record<string, string>): number }, c: Command) =>
  metrics.value("srm_commands_total", { command: c.name });

/** Commands a front end cannot reach must say why; every other one is tested below. */
function reachableOn(platform: Platform): Command[] {
  for (const c of REGISTRY.commands)
    if (!reachable(c, platform)) expect(c.unreachable?.[platform]?.length, c.name).toBeGreaterThan(10);
  return REGISTRY.commands.filter((c) => reachable(c, platform));
}

describe("every command in the registry is reachable from every front end", () => {
  it("the terminal: each command typed as text runs that command", async () => {
    const app = memoryApp();
    const terminal = new TerminalFrontEnd({
      engine: app.engine,
      input: new PassThrough(),
      output: sink(),
    });
    for (const c of reachableOn("terminal")) {
      const before = ran(app.metrics, c);
      const answer = await terminal.handleLine(typed(c));
      expect(ran(app.metrics, c), `${typed(c)}\n${answer}`).toBe(before + 1);
    }
  });

  describe("Slack", () => {
    let slack: SlackWorkspace;
    beforeAll(async () => {
      slack = await SlackWorkspace.start({ admins: ["UBOSS"] });
    });
    afterAll(async () => slack.close());

    it("each command typed after /srm runs that command, and no reply names a command Slack lacks", async () => {
      const boss = slack.person("boss");
      const shown: string[] = [];
      for (const c of reachableOn("slack")) {
        const before = ran(slack.app.metrics, c);
        const { ack } = await slack.command(boss, typed(c).replace(/^\/srm /, ""));
        expect(ack.status, c.name).toBe(200);
        if (ack.body !== "") shown.push(blockText(JSON.parse(ack.body).blocks ?? []));
        expect(ran(slack.app.metrics, c), typed(c)).toBe(before + 1);
      }
      // A command named in a reply is typed the way Slack takes it: its first word is a command or a lookup.
      for (const mention of shown.join("\n").matchAll(/\/srm ([a-z-]+) ([a-z-]+)/g)) {
        const name = `${mention[1]} ${mention[2]}`;
        if (REGISTRY.group(mention[1] as string).length > 0)
          expect(REGISTRY.byName(name), name).toBeDefined();
      }
    });
  });

  describe("Discord", () => {
    let bot: RunningBot;
    beforeAll(async () => {
      bot = await startBot();
    });
    afterAll(async () => bot.stop());

    it("each command is a registered slash command that runs it, and replies name only Discord's commands", async () => {
      const registered = new Set<string>();
      for (const body of commandBodies())
        for (const o of body.options ?? []) {
          if ("options" in o && o.options?.some((s) => s.type === 1))
            for (const s of o.options) registered.add(`/${body.name} ${o.name} ${s.name}`);
          else registered.add(`/${body.name} ${o.name}`);
        }
      const boss = bot.fake.person("boss", { manageGuild: true });
      const shown: string[] = [];
      for (const c of reachableOn("discord")) {
        const top = c.admin === true ? "srm-admin" : "srm";
        expect(registered, c.name).toContain(`/${top} ${c.name}`);
        const before = ran(bot.app.metrics, c);
        const embeds = await replyEmbeds(bot, bot.fake.command(boss, top, c.name, sample(c)));
        shown.push(...embeds.map(embedText));
        expect(ran(bot.app.metrics, c), c.name).toBe(before + 1);
      }
      // Every command a reply mentions is one Discord has, spelt as Discord registered it.
      const mentions = [...shown.join("\n").matchAll(/\/(srm(?:-admin)?) ([a-z-]+)(?: ([a-z-]+))?/g)];
      expect(mentions.length).toBeGreaterThan(20);
      for (const [, top, first, second] of mentions) {
        const one = `/${top} ${first}`;
        const two = `${one} ${second}`;
        expect(registered.has(two) || registered.has(one), two).toBe(true);
      }
    });
  });
});

describe("commands named in the code", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : n.endsWith(".ts") ? [p] : [];
    });
  const root = join(import.meta.dirname, "../..");

  it("every cmd(...) and usage(...) in src/ names a command or group in the registry", () => {
    const unknown: string[] = [];
    for (const file of sources(join(root, "src")))
      for (const m of readFileSync(file, "utf8").matchAll(/\b(cmd|usage)\("([^"]+)"/g)) {
        const name = m[2] as string;
        if (!REGISTRY.byName(name) && REGISTRY.group(name).length === 0) unknown.push(`${file}: ${name}`);
      }
    expect(unknown).toEqual([]);
  });

  it("no text in src/ spells a command as /srm ... itself (outside comments)", () => {
    const spelt: string[] = [];
    for (const file of sources(join(root, "src")))
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) return;
          if (/["'`][^"'`]*\/srm [a-z]/.test(line)) spelt.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    expect(spelt).toEqual([]);
  });
});
