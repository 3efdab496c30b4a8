import { afterAll, describe, expect, it } from "vitest";
import { SlackRequestSender } from "../../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { BotProcess, CHILD_SECRET, tempDb } from "../support/bot-process.js";
import { UNANSWERED_BODIES } from "../support/slack-hostile.js";

let api: FakeSlackWebApi | undefined;
let bot: BotProcess | undefined;

afterAll(async () => {
  await bot?.kill();
  await api?.close();
});

describe("srm start given a signed request whose body is JSON null", () => {
  it.each(UNANSWERED_BODIES)(
    "%s (%s) is refused, and the bot keeps running and answering",
    async (body, type) => {
      api ??= await FakeSlackWebApi.start();
      if (!(await bot?.ready())) bot = await BotProcess.start({ dbPath: tempDb(), apiUrl: api.apiUrl });
      const running = bot as BotProcess;
      const sender = new SlackRequestSender(running.eventsUrl, CHILD_SECRET);
      const answered = await sender
        .send(body, type)
        .catch((error: unknown) => ({ status: 0, body: String(error) }));
      expect(answered.status, `${answered.body}\n${running.log.slice(-1200)}`).toBe(400);
      const person = { id: "UANN", name: "ann" };
      const lookup = await sender.slashCommand({
        person,
        text: "ec2 os-patching",
        responseUrl: api.responseUrl("x"),
      });
      expect(lookup.body).toContain("Customer");
      expect(running.alive).toBe(true);
      sender.close();
    },
  );
});
