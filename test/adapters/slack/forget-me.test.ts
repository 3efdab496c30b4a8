import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakePerson } from "../../fakes/slack/payloads.js";
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

async function click(person: FakePerson, actionId: string): Promise<Record<string, unknown>> {
  const replyId = `click-${person.id}-${Math.random()}`;
  const ack = await slack.sender.click({ person, actionId, responseUrl: slack.api.responseUrl(replyId) });
  expect(ack.status).toBe(200);
  return slack.replyTo(replyId);
}

describe("/srm forget me on Slack", () => {
  it("asks in an ephemeral reply; Forget me deletes the person's answers and the channel is told nothing", async () => {
    const alice = slack.person("alice");
    await slack.ask(alice, "quiz", { channel: "C1" });
    await slack.ask(alice, "answer A", { channel: "C1" });
    const posted = slack.api.callsOf("chat.postMessage").length;

    const asked = await slack.ask(alice, "forget me", { channel: "C1" });
    expect(asked).toMatchObject({ response_type: "ephemeral" });
    expect(headers(asked.blocks)).toEqual(["Forget everything srm-bot keeps about you here?"]);
    expect(blockText(asked.blocks)).toContain("/srm forget me confirm");
    expect(buttonsOf(asked.blocks)).toEqual(["forget:confirm"]);

    const done = await click(alice, "forget:confirm");
    expect(done).toMatchObject({ response_type: "ephemeral" });
    expect(headers(done.blocks)).toEqual(["Forgotten"]);
    expect(blockText(done.blocks)).toContain("Deleted: 1 answer, 1 private question");
    const again = await slack.ask(alice, "forget me confirm", { channel: "C1" });
    expect(headers(again.blocks)).toEqual(["Nothing was deleted"]);
    expect(slack.api.callsOf("chat.postMessage").length).toBe(posted);
  });
});
