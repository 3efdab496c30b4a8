import { describe, expect, it } from "vitest";
import { logText } from "../../../adapters/slack/bolt-logger.js";
import { deliveryKey } from "../../../adapters/slack/deliveries.js";
import { blockActionsPayload, eventCallback, slashCommandFields } from "../../fakes/slack/payloads.js";

const alice = { id: "UALICE", name: "alice" };

describe("telling a Slack retry from a new request", () => {
  it("keys a command by its trigger_id, a click by who clicked what and when, an event by its event_id", () => {
    const command = slashCommandFields({ person: alice, text: "rds", responseUrl: "u", triggerId: "tr-1" });
    expect(deliveryKey(command)).toBe("command:tr-1");
    const click = blockActionsPayload({
      person: alice,
      actionId: "answer:1:A",
      responseUrl: "u",
      actionTs: "17.01",
    });
    expect(deliveryKey(click)).toBe("click:UALICE:answer:1:A:17.01");
    expect(deliveryKey(eventCallback({ type: "app_home_opened" }, "Ev1"))).toBe("event:Ev1");
    expect(deliveryKey({ type: "url_verification" })).toBeNull();
    expect(deliveryKey("not an object")).toBeNull();
  });

  it("a second click on the same button is a new request, not a retry", () => {
    const first = blockActionsPayload({
      person: alice,
      actionId: "answer:1:A",
      responseUrl: "u",
      actionTs: "17.01",
    });
    const second = blockActionsPayload({
      person: alice,
      actionId: "answer:1:A",
      responseUrl: "u",
      actionTs: "17.02",
    });
    expect(deliveryKey(first)).not.toBe(deliveryKey(second));
  });
});

describe("what Bolt logs through srm-bot", () => {
  it("never carries a Slack token", () => {
    const line = logText([
      "failed with",
      new Error("bad token xoxb-123-456-abc"),
      { appToken: "xapp-1-A1-99" },
    ]);
    expect(line).toBe('failed with Error: bad token [redacted] {"appToken":"[redacted]"}');
  });
});
