import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { SlackAnnouncer } from "../../adapters/slack/announcer.js";
import { oneWorkspace } from "../../adapters/slack/clients.js";
import { SlackPictures } from "../../adapters/slack/pictures.js";
import { heatMapImage } from "../../src/pictures/card-image.js";
import type { Card } from "../../src/views/card.js";
import { RecordingLogger } from "../fakes/announcer.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { decode } from "../pictures/png-pixels.js";
import { realMatrix } from "../support/app.js";
import { startBot } from "./discord/harness.js";

/** A digest card with its heat map, as the weekly digest posts it. */
function digestCard(): Card {
  const image = heatMapImage(
    "Team recall, 2026-W11",
    [
      { cell: "kms/key-management", recall: 0.3, members: 2 },
      { cell: "lambda/runtime-patching", recall: 0.9, members: 2 },
    ],
    [{ cell: "kms/key-management" }],
    realMatrix(),
  );
  if (!image) throw new Error("no heat map");
  return {
    accent: "neutral",
    title: "Weekly digest (2026-W11)",
    sections: [{ text: "Most likely forgotten" }],
    image,
  };
}

describe("the digest's heat map in channel posts", () => {
  it("Slack: the picture is uploaded and shown in the channel message's image block, beside the text", async () => {
    const api = await FakeSlackWebApi.start();
    try {
      const client = new webApi.WebClient("xoxb-fake", { slackApiUrl: api.apiUrl });
      const announcer = new SlackAnnouncer(oneWorkspace(client), new SlackPictures(new RecordingLogger()));
      await announcer.post({ platform: "slack", workspaceId: "T", channelId: "CDIGEST" }, digestCard());
      const message = api.lastMessageIn("CDIGEST");
      const image = (
        (message?.blocks ?? []) as { type: string; slack_file?: { id: string }; alt_text?: string }[]
      ).find((b) => b.type === "image");
      expect(image?.alt_text).toContain("Weakest: AWS KMS · Key management 30%");
      const file = api.files.get(image?.slack_file?.id ?? "");
      expect(file?.filename).toBe("team-recall.png");
      expect(decode(file?.bytes ?? Buffer.alloc(0)).width).toBeGreaterThanOrEqual(700);
      expect(message?.text).toContain("Most likely forgotten");
      // The same picture again in the same workspace is not uploaded again; another workspace gets its own file.
      const card = digestCard();
      await announcer.post({ platform: "slack", workspaceId: "T", channelId: "CDIGEST" }, card);
      await announcer.post({ platform: "slack", workspaceId: "T2", channelId: "COTHER" }, card);
      expect(api.callsOf("files.getUploadURLExternal")).toHaveLength(2);
      const idIn = (channel: string) =>
        ((api.lastMessageIn(channel)?.blocks ?? []) as { type: string; slack_file?: { id: string } }[]).find(
          (b) => b.type === "image",
        )?.slack_file?.id;
      expect(idIn("COTHER")).not.toBe(idIn("CDIGEST"));
    } finally {
      await api.close();
    }
  });

  it("Discord: the picture is attached to the channel message and shown in its embed", async () => {
    const bot = await startBot();
    try {
      // The front end's own announcer, on its client's REST manager: what the digest posts through.
      const announcer = bot.frontEnd.announcer;
      const channel = { platform: "discord" as const, workspaceId: "g", channelId: bot.fake.quiz.id };
      const { ref } = await announcer.post(channel, digestCard());
      const message = bot.fake.rest.channelMessages(bot.fake.quiz.id).find((m) => m.id === ref);
      expect(message?.embeds[0]?.image?.url).toBe("attachment://team-recall.png");
      const [attachment] = message?.attachments ?? [];
      expect(attachment?.filename).toBe("team-recall.png");
      expect(attachment?.description).toMatch(/^Heat map of the team's recall/);
      expect(
        decode(bot.fake.rest.attachments.bytes.get(attachment?.id ?? "") ?? Buffer.alloc(0)).width,
      ).toBeGreaterThanOrEqual(700);
    } finally {
      await bot.stop();
    }
  });
});
