import { describe, expect, it } from "vitest";
import { serviceChoices } from "../../../adapters/discord/autocomplete.js";
import { type CommandOptions, cleanValue, planCommand } from "../../../adapters/discord/command-text.js";
import { discordWording } from "../../../adapters/discord/wording.js";
import { parseCommand } from "../../../src/commands/grammar.js";
import { realMatrix } from "../../support/app.js";

function options(
  subcommand: string,
  values: Record<string, string> = {},
  users: Record<string, string> = {},
): CommandOptions {
  return { subcommand, string: (n) => values[n] ?? null, user: (n) => users[n] ?? null };
}

const text = (
  command: string,
  sub: string,
  values?: Record<string, string>,
  users?: Record<string, string>,
) => planCommand(command, options(sub, values, users))?.text;

describe("slash commands as the engine's words", () => {
  it("each /srm subcommand maps onto the /srm grammar", () => {
    expect(text("srm", "lookup", { service: "ec2", area: "os-patching" })).toBe("lookup ec2 os-patching");
    expect(text("srm", "lookup", { area: "hypervisor" })).toBe("lookup hypervisor");
    expect(text("srm", "ask", { text: "who patches the rds engine" })).toBe("ask who patches the rds engine");
    expect(text("srm", "help")).toBe("help");
    expect(text("srm", "quiz")).toBe("quiz");
    expect(text("srm", "answer", { choice: "A C" })).toBe("answer A C");
    expect(text("srm", "leaderboard")).toBe("leaderboard");
    expect(text("srm", "leaderboard", { period: "month" })).toBe("leaderboard month");
    expect(text("srm", "stats")).toBe("stats");
    expect(text("srm", "stats", {}, { person: "123456789012345678" })).toBe("stats <@123456789012345678>");
    expect(text("srm", "competition-status")).toBe("competition status");
    expect(text("srm", "daily-status")).toBe("daily status");
  });

  it("each /srm-admin subcommand maps onto the admin grammar and names itself for refusals", () => {
    const admin = (sub: string, values?: Record<string, string>) =>
      planCommand("srm-admin", options(sub, values));
    expect(admin("reveal")).toMatchObject({ text: "reveal", admin: "reveal", slow: true });
    expect(admin("daily-now")).toMatchObject({ text: "daily now", admin: "daily now", slow: true });
    expect(admin("competition-start", { name: "Spring cup", length: "2w" })).toMatchObject({
      text: 'competition start "Spring cup" 2w',
      admin: "competition start",
      slow: false,
    });
    expect(admin("competition-end")?.text).toBe("competition end");
    expect(admin("daily", { schedule: "set 09:00 Europe/Berlin mon-fri" })).toMatchObject({
      text: "daily set 09:00 Europe/Berlin mon-fri",
      admin: "daily set",
      slow: true,
    });
    expect(admin("settings")?.text).toBe("settings");
    expect(admin("settings", { name: "services", value: "ec2, rds" })?.text).toBe(
      "settings services ec2, rds",
    );
  });

  it("typed words never turn a lookup or an answer into another command", () => {
    for (const sneaky of ["reveal", "daily now", "competition end", "settings difficulty hard"]) {
      expect(parseCommand(text("srm", "ask", { text: sneaky }) ?? "").kind).toBe("lookup");
      expect(parseCommand(text("srm", "lookup", { service: sneaky }) ?? "").kind).toBe("lookup");
      expect(parseCommand(text("srm", "answer", { choice: sneaky }) ?? "").kind).toBe("answer");
    }
  });

  it("a competition name with quotes, and a length typed with a space, still parse", () => {
    const plan = planCommand(
      "srm-admin",
      options("competition-start", { name: 'The "Big" Cup', length: "2 w" }),
    );
    expect(plan?.text).toBe('competition start The "Big" Cup 2w');
  });

  it("values are flattened to one line and capped", () => {
    expect(cleanValue("ec2\n\tos-patching\u0000\u001b[31m")).toBe("ec2 os-patching [31m");
    expect(cleanValue("x".repeat(1000))).toHaveLength(300);
    expect(cleanValue(null)).toBe("");
  });

  it("an unknown command or subcommand maps to nothing", () => {
    expect(planCommand("srm", options("teleport"))).toBeNull();
    expect(planCommand("other-bot", options("lookup"))).toBeNull();
    expect(planCommand("srm-admin", options("lookup"))).toBeNull();
  });
});

describe("the engine's command hints in Discord's words", () => {
  it("admin hints name /srm-admin, and the daily commands their Discord subcommands", () => {
    expect(discordWording("Reveal it with /srm reveal (round 3).")).toBe(
      "Reveal it with /srm-admin reveal (round 3).",
    );
    expect(discordWording("An admin can start one with /srm daily now.")).toBe(
      "An admin can start one with /srm-admin daily-now.",
    );
    expect(discordWording("Usage: /srm daily set <HH:MM> | status")).toBe(
      "Usage: /srm-admin daily schedule: set <HH:MM> | status",
    );
    expect(discordWording("/srm skip or /srm idk (or: i don't know)")).toBe(
      "/srm skip or /srm dont-know (or: i don't know)",
    );
    expect(discordWording("/srm daily status, /srm competition status")).toBe(
      "/srm daily-status, /srm competition-status",
    );
    expect(discordWording('Start one with /srm competition start "Name" 2w.')).toBe(
      'Start one with /srm-admin competition-start "Name" 2w.',
    );
    expect(discordWording("/srm ec2 os-patching and /srm leaderboard stay as they are")).toBe(
      "/srm ec2 os-patching and /srm leaderboard stay as they are",
    );
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
