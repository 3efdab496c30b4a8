import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordingLogger } from "../fakes/announcer.js";
import { blockActionsPayload, slashCommandFields } from "../fakes/slack/payloads.js";
import { headers, SlackWorkspace } from "../fakes/slack/workspace.js";
import { report, Tally } from "./support/figures.js";
import { scaled } from "./support/scale.js";
import { fuzzSlack } from "./support/slack-fuzzing.js";

const figures = new Tally();
afterAll(() => report("Slack payload fuzz (signed, through Bolt's HTTP receiver)", figures.figures()));

describe("hostile Slack payloads through the real Bolt receiver", () => {
  it(
    "signed commands and clicks with holes, wrong types, huge text and forged buttons never break the bot or a score",
    async () => {
      const tally = await fuzzSlack(2);
      for (const [k, v] of Object.entries(tally.figures())) figures.add(k, v);
    },
    scaled(40_000),
  );
});

/** What every slash command from Slack carries, and the bot cannot do without. */
const REQUIRED_FIELDS = ["team_id", "user_id", "channel_id", "text"] as const;

let slack: SlackWorkspace;

beforeAll(async () => {
  slack = await SlackWorkspace.start();
});

afterAll(async () => {
  await slack?.close();
});

/** Failures srm-bot logged at its boundary: each is an unexpected error, not a refusal. */
function failures(): string[] {
  return (slack.logger as RecordingLogger).lines
    .filter((l) => l.level === "error")
    .map((l) => `${l.message}: ${String(l.fields?.error)}`);
}

describe("Slack requests with a field missing or of the wrong type", () => {
  it.each(REQUIRED_FIELDS)(
    "a signed /srm without %s is answered or refused clearly, and nothing fails",
    async (field) => {
      const fields: Record<string, string> = slashCommandFields({
        person: slack.person("ann"),
        text: "ec2 os-patching",
        responseUrl: slack.api.responseUrl(`r-${field}`),
      });
      delete fields[field];
      const ack = await slack.sender.send(
        new URLSearchParams(fields).toString(),
        "application/x-www-form-urlencoded",
      );
      const reply =
        ack.body === ""
          ? await slack.replyTo(`r-${field}`)
          : (JSON.parse(ack.body) as Record<string, unknown>);
      expect(headers(reply.blocks)[0]).not.toBe("Something went wrong on our side");
      expect(failures()).toEqual([]);
    },
  );

  it.each([null, undefined, { id: "UANN" }, ""])(
    "a signed click whose user id is %j is refused clearly, and nothing fails",
    async (id) => {
      await slack.ask(slack.person("boss", { admin: true }), "daily now");
      const payload = blockActionsPayload({
        person: slack.person("ann"),
        actionId: "answer:1:A",
        responseUrl: slack.api.responseUrl(`c-${String(id)}`),
      });
      if (id === undefined) delete (payload.user as Record<string, unknown>).id;
      else (payload.user as Record<string, unknown>).id = id;
      await slack.sender.send(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
      );
      const reply = await slack.replyTo(`c-${String(id)}`);
      expect(headers(reply.blocks)[0]).not.toMatch(/^Locked in|Something went wrong/);
      expect(slack.app.db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
      expect(failures()).toEqual([]);
    },
  );
});
