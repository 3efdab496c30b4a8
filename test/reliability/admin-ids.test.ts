import { afterAll, describe, expect, it } from "vitest";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { BotProcess, removeTempDb, tempDb } from "./support/bot-process.js";
import { report } from "./support/figures.js";

let api: FakeSlackWebApi | undefined;
const dbPath = tempDb();

afterAll(async () => {
  await api?.close();
  removeTempDb(dbPath);
});

/** SRM_ADMINS lists that look right to an operator and match no one; the message each start refuses with. */
const NEVER_MATCH: [string, RegExp][] = [
  ['"U012ABCDEF","U034GHIJKL"', /SRM_ADMINS: ""U012ABCDEF"" is in quotes/],
  ["<@U012ABCDEF>", /SRM_ADMINS: "<@U012ABCDEF>" is a mention/],
  ["U012ABCDEF\u200b", /SRM_ADMINS: "U012ABCDEF\\u\{200B\}" contains an invisible character \(U\+200B\)/],
];

describe("SRM_ADMINS that can never match anyone", () => {
  it("srm start refuses each at once, naming the entry (invisible characters shown) and the fix, and never calls Slack", async () => {
    api = await FakeSlackWebApi.start();
    const fake = api;
    for (const [admins, message] of NEVER_MATCH) {
      // A start that succeeds (the list accepted) is stopped at once, and reads as "started".
      const outcome = await BotProcess.start({
        dbPath,
        apiUrl: fake.apiUrl,
        settings: { SRM_ADMINS: admins },
      }).then(
        async (bot) => {
          await bot.kill();
          return "started";
        },
        (error: Error) => error.message,
      );
      expect(outcome, admins).toMatch(/"code":1/);
      expect(outcome, admins).toMatch(message);
      expect(outcome, admins).toMatch(/comma-separated ids such as SRM_ADMINS=U012ABCDEF,/);
    }
    expect(fake.calls).toEqual([]);
    report("SRM_ADMINS refused at start", { "lists refused": NEVER_MATCH.length, "Slack calls": 0 });
  }, 120_000);
});
