import { describe, expect, it } from "vitest";
import { cardEmbeds } from "../../adapters/discord/embeds.js";
import { discordCard } from "../../adapters/discord/wording.js";
import { messageFor } from "../../adapters/slack/blocks.js";
import { lookupReply } from "../../src/views/lookup-view.js";
import { realLookup } from "../support/app.js";

const lookup = realLookup();

describe("a concept lookup on Slack and Discord", () => {
  const reply = lookupReply(lookup.lookup("penetration testing"));
  const shown = [
    "Penetration testing: Customer",
    "Attacking your own systems",
    "/srm ec2 application-code: Customer",
    "https://aws.amazon.com/security/penetration-testing/",
  ];

  it("Slack shows its name and owner, definition, example lookups and source", () => {
    const message = JSON.stringify(messageFor(reply.cards).blocks);
    for (const text of shown) expect(message).toContain(text);
  });

  it("Discord shows its name and owner, definition, example lookups and source", () => {
    const embeds = JSON.stringify(cardEmbeds(reply.cards.map(discordCard)));
    // Example lookups are written as Discord's own command.
    const onDiscord = shown.map((t) => t.replace("/srm ec2", "/srm ask text:ec2"));
    for (const text of onDiscord) expect(embeds).toContain(text);
  });
});
