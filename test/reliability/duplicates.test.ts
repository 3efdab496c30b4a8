import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { scoreDifferences } from "../../src/store/recompute.js";
import { eventually } from "../fakes/slack/eventually.js";
import { type FakePerson, uniqueTs } from "../fakes/slack/payloads.js";
import { SlackRequestSender } from "../fakes/slack/request-sender.js";
import { blockText, headers, SIGNING_SECRET, type SlackWorkspace } from "../fakes/slack/workspace.js";
import { report, Tally } from "./support/figures.js";
import { workspaceWithRound } from "./support/slack-round.js";

let slack: SlackWorkspace;
let boss: FakePerson;
const tally = new Tally();

beforeEach(async () => {
  ({ slack, boss } = await workspaceWithRound());
});

afterEach(async () => {
  await slack.close();
});

afterAll(() => report("duplicates and races (Slack, in process)", tally.figures()));

const count = (sql: string, ...args: unknown[]) =>
  (slack.app.db.prepare(sql).get(...args) as { n: number }).n;

/** One click by `person` on answer `key`, answered at response_url `replyId`. */
function click(
  person: FakePerson,
  key: string,
  replyId: string,
  actionTs: string,
  retryNum?: number,
  sender = slack.sender,
) {
  return sender.click(
    {
      person,
      actionId: `answer:1:${key}`,
      responseUrl: slack.api.responseUrl(replyId),
      channel: "C1",
      actionTs,
    },
    retryNum === undefined ? {} : { retryNum },
  );
}

describe("duplicates and races", () => {
  it("the same click delivered five times at once is answered once and counted once", async () => {
    const ann = slack.person("ann");
    const ts = uniqueTs();
    const acks = await Promise.all(Array.from({ length: 5 }, () => click(ann, "A", "five", ts)));
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await slack.replyTo("five");
    await slack.app.engine.idle();
    expect(slack.api.responsesTo("five")).toHaveLength(1);
    expect(count("SELECT COUNT(*) AS n FROM answers WHERE user_id = ?", ann.id)).toBe(1);
    tally.add("duplicate deliveries dropped", 4);
  });

  it("Slack's retries of a click and of a command (X-Slack-Retry-Num 1 to 3) are answered once", async () => {
    const bo = slack.person("bo");
    const ts = uniqueTs();
    await click(bo, "B", "retried", ts);
    for (const n of [1, 2, 3]) expect((await click(bo, "B", "retried", ts, n)).status).toBe(200);
    await slack.replyTo("retried");
    const trigger = `${uniqueTs()}.trigger`;
    const command = (retryNum?: number) =>
      slack.sender.slashCommand(
        {
          person: boss,
          text: "daily now",
          responseUrl: slack.api.responseUrl("cmd"),
          channel: "C2",
          triggerId: trigger,
        },
        retryNum === undefined ? {} : { retryNum },
      );
    await command();
    for (const n of [1, 2, 3]) await command(n);
    await slack.app.engine.idle();
    expect(slack.api.responsesTo("retried")).toHaveLength(1);
    expect(count("SELECT COUNT(*) AS n FROM answers WHERE user_id = ?", bo.id)).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM rounds WHERE channel = 'C2'")).toBe(1);
    expect(slack.api.callsOf("chat.postMessage").filter((c) => c.args.channel === "C2")).toHaveLength(1);
    tally.add("Slack retries dropped", 6);
  });

  it("five presses by one person lock the first answer, and each later press is told it stands", async () => {
    const cy = slack.person("cy");
    await click(cy, "C", "first", uniqueTs());
    expect(headers((await slack.replyTo("first")).blocks)).toEqual(["Locked in: C"]);
    for (const [i, key] of ["A", "B", "D", "A"].entries()) {
      await click(cy, key, `again-${i}`, uniqueTs());
      expect(headers((await slack.replyTo(`again-${i}`)).blocks)).toEqual(["You already answered C"]);
    }
    const stored = slack.app.db.prepare("SELECT response FROM answers WHERE user_id = ?").all(cy.id);
    expect(stored).toEqual([{ response: '["C"]' }]);
  });

  it("500 people clicking within the same second are each confirmed once and counted once, and the scores are exact", async () => {
    const people = Array.from({ length: 500 }, (_, i) => slack.person(`p${String(i).padStart(3, "0")}`));
    const keys = ["A", "B", "C", "D"];
    // One connection each, as 500 people's clicks reach Slack and Slack's deliveries reach the bot at once.
    const crowd = new SlackRequestSender(
      `http://127.0.0.1:${slack.frontEnd.httpPort()}/slack/events`,
      SIGNING_SECRET,
      500,
    );
    const started = performance.now();
    const acks = await Promise.all(
      people.map((p, i) => click(p, keys[i % 4] as string, `crowd-${p.id}`, uniqueTs(), undefined, crowd)),
    );
    crowd.close();
    const acknowledgedIn = performance.now() - started;
    expect(acks.every((a) => a.status === 200)).toBe(true);
    for (const [i, p] of people.entries())
      expect(headers((await slack.replyTo(`crowd-${p.id}`)).blocks)).toEqual([`Locked in: ${keys[i % 4]}`]);
    expect(count("SELECT COUNT(*) AS n FROM answers")).toBe(500);
    expect(count("SELECT COUNT(DISTINCT user_id) AS n FROM answers")).toBe(500);
    await eventually("the count to reach 500", () =>
      blockText(slack.api.lastMessageIn("C1")?.blocks).includes("500 answered"),
    );
    await slack.ask(boss, "reveal", { channel: "C1" });
    await slack.app.engine.idle();
    expect(count("SELECT COUNT(*) AS n FROM answers WHERE base_points IS NULL")).toBe(0);
    expect(scoreDifferences(slack.app.db)).toEqual([]);
    tally.add("people clicking at once", 500);
    tally.add("ms until the 500th acknowledgement", Math.round(acknowledgedIn));
  }, 60_000);
});
