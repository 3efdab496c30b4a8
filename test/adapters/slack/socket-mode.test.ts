import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "../../fakes/slack/eventually.js";
import { appHomeOpened } from "../../fakes/slack/payloads.js";
import type { FakeSocketMode } from "../../fakes/slack/socket-mode.js";
import { headers, SlackWorkspace } from "../../fakes/slack/workspace.js";

let slack: SlackWorkspace;
let socket: FakeSocketMode;

beforeEach(async () => {
  slack = await SlackWorkspace.start({ mode: "socket" });
  if (!slack.socket) throw new Error("no Socket Mode fake");
  socket = slack.socket;
});

afterEach(async () => {
  await slack.close();
});

describe("the Slack front end in Socket Mode", () => {
  it("connects with the app token through SLACK_API_URL and listens on no HTTP port", () => {
    const [open] = slack.api.callsOf("apps.connections.open");
    expect(open?.token).toBe("xapp-fake-app-token");
    expect(socket.connections).toBe(1);
    expect(slack.frontEnd.httpPort()).toBeNull();
  });

  it("a slash command comes in over the socket and its reply goes out in the acknowledgement", async () => {
    const envelope = socket.slashCommand({
      person: slack.person("alice"),
      text: "ec2 os-patching",
      responseUrl: slack.api.responseUrl("socket-lookup"),
    });
    const ack = await eventually("the envelope's ack", () => socket.ackOf(envelope));
    expect(ack.payload?.response_type).toBe("ephemeral");
    expect(headers(ack.payload?.blocks)[0]).toBe("Customer");
    expect(slack.api.responses).toEqual([]);
  });

  it("a click comes in as an interactive envelope and is confirmed privately", async () => {
    const daily = socket.slashCommand({
      person: slack.person("boss", { admin: true }),
      text: "daily now",
      responseUrl: slack.api.responseUrl("socket-daily"),
      channel: "C1",
    });
    const posted = await eventually("the daily command's ack", () => socket.ackOf(daily));
    expect(headers(posted.payload?.blocks)).toEqual(["Posted a question in this channel"]);
    const envelope = socket.click({
      person: slack.person("alice"),
      actionId: "answer:1:B",
      responseUrl: slack.api.responseUrl("socket-click"),
      channel: "C1",
    });
    await eventually("the click's ack", () => socket.ackOf(envelope));
    const reply = await slack.replyTo("socket-click");
    expect(headers(reply.blocks)).toEqual(["Locked in: B"]);
  });

  it("an App Home event comes in as an events_api envelope and the home is published", async () => {
    const envelope = socket.event(appHomeOpened(slack.person("alice")));
    await eventually("the event's ack", () => socket.ackOf(envelope));
    await eventually("views.publish", () => slack.api.callsOf("views.publish").length === 1);
  });
});
