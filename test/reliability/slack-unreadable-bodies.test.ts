import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../fakes/discord/wait.js";
import { blockActionsPayload, slashCommandFields } from "../fakes/slack/payloads.js";
import { SlackRequestSender } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { BotProcess, CHILD_SECRET, removeTempDb, tempDb } from "./support/bot-process.js";
import { NON_OBJECT_BODIES } from "./support/slack-hostile.js";

let api: FakeSlackWebApi;
let bot: BotProcess;
let sender: SlackRequestSender;
const dbPath = tempDb();

beforeAll(async () => {
  api = await FakeSlackWebApi.start();
  bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
  sender = new SlackRequestSender(bot.eventsUrl, CHILD_SECRET);
});

afterAll(async () => {
  sender?.close();
  await bot?.kill();
  await api?.close();
  removeTempDb(dbPath);
});

/** Slack gives up on a request after three seconds; an answer later than this is no answer. */
const ANSWER_WITHIN_MS = 5_000;

/** Sends a signed body and waits at most ANSWER_WITHIN_MS for the status. */
async function statusOf(body: string, type: string): Promise<{ status: number; body: string }> {
  return Promise.race([
    sender.send(body, type).catch((error: unknown) => ({ status: 0, body: String(error) })),
    new Promise<{ status: number; body: string }>((resolve) =>
      setTimeout(
        () => resolve({ status: 0, body: `no answer within ${ANSWER_WITHIN_MS} ms` }),
        ANSWER_WITHIN_MS,
      ),
    ),
  ]);
}

/** How many refusals the bot has logged. */
function refusals(): number {
  return bot.log.split("slack: refused a request").length - 1;
}

/** A lookup still answered after the hostile request: the bot is up and serving. */
async function stillAnswers(): Promise<void> {
  const lookup = await sender.slashCommand({
    person: { id: "UANN", name: "ann" },
    text: "ec2 os-patching",
    responseUrl: api.responseUrl("x"),
  });
  expect(lookup.body).toContain("Customer");
  expect(bot.alive).toBe(true);
}

describe("srm start given a signed Slack request Bolt cannot read", () => {
  it.each(NON_OBJECT_BODIES)(
    "a body %j (%s) is refused with 400 at once, and the bot keeps answering",
    async (body, type) => {
      const refusedBefore = refusals();
      const answered = await statusOf(body, type);
      expect(answered.status, `${answered.body}\n${bot.log.slice(-1200)}`).toBe(400);
      // The log line is written as the answer goes out; it reaches this process a moment later.
      await waitFor(() => refusals() === refusedBefore + 1, "the refusal to be logged", 2_000);
      await stillAnswers();
    },
  );

  it.each(["valueOf", "constructor", "__proto__"])(
    "a command and a click from a team named %j are refused with 400, and the bot keeps answering",
    async (team) => {
      const person = { id: "UANN", name: "ann" };
      const fields = {
        ...slashCommandFields({ person, text: "ec2", responseUrl: api.responseUrl("y") }),
        team_id: team,
      };
      const click = blockActionsPayload({
        person,
        actionId: "srm:nothing",
        responseUrl: api.responseUrl("z"),
      });
      click.team = { id: team, domain: "fake" };
      const bodies: [string, string][] = [
        [new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded"],
        [
          new URLSearchParams({ payload: JSON.stringify(click) }).toString(),
          "application/x-www-form-urlencoded",
        ],
      ];
      for (const [body, type] of bodies) {
        const answered = await statusOf(body, type);
        expect(answered.status, answered.body).toBe(400);
      }
      await stillAnswers();
    },
  );

  it("a body over 4 MiB is refused with 413, and the bot keeps answering", async () => {
    const answered = await statusOf(
      `payload=${"x".repeat(4 * 1024 * 1024 + 1)}`,
      "application/x-www-form-urlencoded",
    );
    expect(answered.status, answered.body).toBe(413);
    await stillAnswers();
  });
});
