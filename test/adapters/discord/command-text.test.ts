import { describe, expect, it } from "vitest";
import { serviceChoices } from "../../../adapters/discord/autocomplete.js";
import { type CommandOptions, cleanValue, planCommand } from "../../../adapters/discord/command-text.js";
import { commandBodies } from "../../../adapters/discord/commands.js";
import { DISCORD_SYNTAX } from "../../../adapters/discord/wording.js";
import { cmd, printText, say, usage } from "../../../src/domain/text.js";
import { realMatrix } from "../../support/app.js";

function options(
  group: string | null,
  subcommand: string,
  values: Record<string, string> = {},
  users: Record<string, string> = {},
): CommandOptions {
  return {
    group,
    subcommand,
    string: (n) => values[n] ?? null,
    integer: () => null,
    user: (n) => users[n] ?? null,
  };
}

const plan = (
  top: string,
  group: string | null,
  sub: string,
  values?: Record<string, string>,
  users?: Record<string, string>,
) => {
  const p = planCommand(top, options(group, sub, values, users));
  return p === null ? null : { command: p.command.name, args: p.args };
};

describe("slash commands passed straight to the registry's commands", () => {
  it("each /srm subcommand reaches its command with its typed options as arguments", () => {
    expect(plan("srm", null, "lookup", { service: "ec2", area: "os-patching" })).toEqual({
      command: "lookup",
      args: { service: "ec2", area: "os-patching" },
    });
    expect(plan("srm", null, "ask", { text: "who patches the rds engine" })).toEqual({
      command: "ask",
      args: { text: "who patches the rds engine" },
    });
    expect(plan("srm", null, "practice")).toEqual({ command: "practice", args: {} });
    expect(plan("srm", null, "cram", { service: "rds" })).toEqual({
      command: "cram",
      args: { service: "rds" },
    });
    expect(plan("srm", null, "sure", { level: "certain" })).toEqual({
      command: "sure",
      args: { level: "certain" },
    });
    expect(plan("srm", null, "stats", {}, { person: "123456789012345678" })).toEqual({
      command: "stats",
      args: { person: "<@123456789012345678>" },
    });
    expect(plan("srm", "competition", "status")).toEqual({ command: "competition status", args: {} });
    expect(plan("srm", "daily", "status")).toEqual({ command: "daily status", args: {} });
  });

  it("each /srm-admin subcommand reaches its admin command", () => {
    expect(plan("srm-admin", null, "reveal")).toEqual({ command: "reveal", args: {} });
    expect(plan("srm-admin", "daily", "now")).toEqual({ command: "daily now", args: {} });
    expect(plan("srm-admin", "daily", "set", { schedule: "09:00 Europe/Berlin mon-fri" })).toEqual({
      command: "daily set",
      args: { schedule: "09:00 Europe/Berlin mon-fri" },
    });
    expect(plan("srm-admin", "competition", "start", { name: 'The "Big" Cup', length: "2w" })).toEqual({
      command: "competition start",
      args: { name: 'The "Big" Cup', length: "2w" },
    });
  });

  it("a command under the other top-level command, or an unknown one, maps to nothing", () => {
    expect(planCommand("srm", options(null, "teleport"))).toBeNull();
    expect(planCommand("other-bot", options(null, "lookup"))).toBeNull();
    expect(planCommand("srm-admin", options(null, "lookup"))).toBeNull();
    expect(planCommand("srm", options(null, "reveal"))).toBeNull();
  });

  it("values are flattened to one line and capped", () => {
    expect(cleanValue("ec2\n\tos-patching\u0000\u001b[31m")).toBe("ec2 os-patching [31m");
    expect(cleanValue("x".repeat(1000))).toHaveLength(300);
    expect(cleanValue(null)).toBe("");
  });
});

describe("the definitions Discord registers", () => {
  it("stay within Discord's limits: 25 subcommands and groups per command, 100-character descriptions", () => {
    for (const body of commandBodies()) {
      const options = body.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      for (const o of options) {
        expect(o.description.length).toBeLessThanOrEqual(100);
        if ("options" in o && o.options) {
          expect(o.options.length).toBeLessThanOrEqual(25);
          for (const inner of o.options) expect(inner.description.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });
});

describe("commands named in replies, in Discord's syntax", () => {
  it("admin commands name /srm-admin, groups their subcommand, and arguments their option names", () => {
    const print = (t: Parameters<typeof printText>[0]) => printText(t, DISCORD_SYNTAX);
    expect(print(say`Reveal it with ${cmd("reveal")} (round 3).`)).toBe(
      "Reveal it with /srm-admin reveal (round 3).",
    );
    expect(print(say`An admin can start one with ${cmd("daily now")}.`)).toBe(
      "An admin can start one with /srm-admin daily now.",
    );
    expect(print(say`${cmd("practice")} or ${cmd("daily status")}`)).toBe(
      "/srm practice or /srm daily status",
    );
    expect(print(say`${cmd("ask", { text: "ec2 os-patching" })}`)).toBe("/srm ask text:ec2 os-patching");
    expect(print(say`Usage: ${usage("sure")}`)).toBe("Usage: /srm sure level:guess|fairly|certain");
  });
});

describe("autocomplete from the ownership matrix", () => {
  it("prefers ids and names that start with what was typed, then aliases, and stays within 25", () => {
    const matrix = realMatrix();
    expect(serviceChoices(matrix, "ec")[0]?.value).toBe("ec2");
    expect(serviceChoices(matrix, "vm").map((c) => c.name)).toContain('Amazon EC2 (ec2): "vm"');
    expect(serviceChoices(matrix, "").length).toBeLessThanOrEqual(25);
    expect(serviceChoices(matrix, "zzzz")).toEqual([]);
    for (const c of serviceChoices(matrix, "a")) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });
});
