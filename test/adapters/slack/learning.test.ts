import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../fakes/slack/eventually.js";
import { appHomeOpened, type FakePerson } from "../../fakes/slack/payloads.js";
import { blockText, headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;

beforeEach(async () => {
  slack = await SlackWorkspace.start();
});

afterEach(async () => {
  await slack.close();
});

function buttonsOf(blocks: unknown): string[] {
  return (blocks as { type: string; elements?: { action_id: string }[] }[])
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));
}

/** Clicks a button of a private reply; resolves to the reply Bolt posts to the response_url. */
async function click(person: FakePerson, actionId: string): Promise<Record<string, unknown>> {
  const replyId = `click-${person.id}-${Math.random()}`;
  const ack = await slack.sender.click({ person, actionId, responseUrl: slack.api.responseUrl(replyId) });
  expect(ack.status).toBe(200);
  return slack.replyTo(replyId);
}

describe("learning on Slack", () => {
  it("App Home on day one counts today's new cards", async () => {
    await slack.sender.event(appHomeOpened(slack.person("alice")));
    const call = await eventually("the home view", () => slack.api.callsOf("views.publish")[0]);
    expect(blockText((call.args.view as { blocks: unknown[] }).blocks)).toContain(
      "10 new cards today: practise with /srm practice.",
    );
  });

  it("/srm exam asks privately with buttons, and a click saves the answer without saying if it was right", async () => {
    const alice = slack.person("alice");
    const started = await slack.ask(alice, "exam clf-c02 5");
    expect(started).toMatchObject({ response_type: "ephemeral" });
    expect(headers(started.blocks)).toEqual(["Mock exam CLF-C02"]);
    const buttons = buttonsOf(started.blocks);
    expect(buttons).toContain("exam:1:0:blank");
    const saved = await click(alice, buttons[0] as string);
    expect(headers(saved.blocks)).toEqual(["Answer saved (1 of 5)", "Mock exam CLF-C02"]);
    expect(blockText(saved.blocks)).not.toMatch(/Right!|Not quite|Counted as a miss/);
  });

  it("the Flag button under a reveal offers the reasons, and a reason thanks the person privately", async () => {
    const boss = slack.person("boss", { admin: true });
    const alice = slack.person("alice");
    await slack.ask(boss, "daily now", { channel: "C1" });
    await slack.ask(boss, "reveal", { channel: "C1" });
    const reveal = await eventually("the reveal", () => slack.api.lastMessageIn("C1"));
    expect(buttonsOf(reveal.blocks)).toEqual(["flag:1"]);
    const reasons = await click(alice, "flag:1");
    expect(headers(reasons.blocks)).toEqual(["What is wrong with this question?"]);
    expect(buttonsOf(reasons.blocks)).toContain("flag:1:ambiguous");
    const thanked = await click(alice, "flag:1:ambiguous");
    expect(thanked).toMatchObject({ response_type: "ephemeral" });
    expect(headers(thanked.blocks)).toEqual(["Thank you: your flag is noted"]);
  });
});
