import { describe, expect, it } from "vitest";
import { BLOCK_LIMITS, homeView, messageFor, renderBlocks } from "../../../adapters/slack/blocks.js";
import { clip } from "../../../adapters/slack/mrkdwn.js";
import type { Card } from "../../../src/views/card.js";

type AnyBlock = {
  type: string;
  text?: { type: string; text: string };
  elements?: { type: string; text?: { text: string } | string; action_id?: string }[];
};

const blocksOf = (cards: Card[], max: number = BLOCK_LIMITS.messageBlocks) =>
  renderBlocks(cards, max) as AnyBlock[];
const textOf = (b: AnyBlock | undefined) => b?.text?.text ?? "";

describe("Card to Block Kit", () => {
  it("puts the title (for a lookup, the owner) first as a header, then sections, buttons and the footer", () => {
    const card: Card = {
      accent: "customer",
      title: "Customer",
      subtitle: "Amazon EC2 · Guest OS patching",
      sections: [{ label: "Why", text: "You run the instance." }],
      actions: [{ id: "answer:1:A", label: "A", style: "primary" }],
      footer: "Source: seed 002.txt",
    };
    const blocks = blocksOf([card]);
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Customer", emoji: true },
    });
    expect(textOf(blocks[2])).toBe("*Why*\nYou run the instance.");
    expect(blocks[3]?.elements).toEqual([
      {
        type: "button",
        action_id: "answer:1:A",
        text: { type: "plain_text", text: "A", emoji: true },
        style: "primary",
      },
    ]);
  });

  it("escapes &, < and > so text shows as typed and cannot ping or link", () => {
    const blocks = blocksOf([
      { accent: "neutral", title: "T", sections: [{ text: "a <!channel> & b > c" }] },
    ]);
    expect(textOf(blocks[1])).toBe("a &lt;!channel&gt; &amp; b &gt; c");
  });

  it("cuts a header over 150 characters and button labels over 75, ending in an ellipsis", () => {
    const blocks = blocksOf([
      {
        accent: "neutral",
        title: "x".repeat(400),
        sections: [],
        actions: [{ id: "a", label: "y".repeat(200) }],
      },
    ]);
    expect(textOf(blocks[0])).toHaveLength(BLOCK_LIMITS.header);
    expect(textOf(blocks[0]).endsWith("…")).toBe(true);
    const label = blocks[1]?.elements?.[0]?.text as { text: string };
    expect(label.text).toHaveLength(BLOCK_LIMITS.buttonLabel);
  });

  it("splits a long list across sections at item boundaries, each within 3000 characters", () => {
    const items = Array.from({ length: 400 }, (_, i) => `person-${i} +10 (streak +2)`);
    const blocks = blocksOf([
      { accent: "success", title: "Answer: B", sections: [{ label: "Points", items }] },
    ]);
    const sections = blocks.filter((b) => b.type === "section");
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(textOf(s).length).toBeLessThanOrEqual(BLOCK_LIMITS.text);
    const joined = sections.map(textOf).join("\n");
    for (const i of [0, 199, 399]) expect(joined).toContain(`• person-${i} +10 (streak +2)`);
  });

  it("never cuts inside an escape or an emoji", () => {
    expect(clip("ab&amp;cd", 5)).toBe("ab…");
    expect(clip("ab😀cd", 4)).toBe("ab…");
    expect(clip("short", 10)).toBe("short");
  });

  it("stays within 50 blocks for a huge card, keeping its buttons and footer and saying what was left out", () => {
    const sections = Array.from({ length: 120 }, (_, i) => ({ text: `paragraph ${i}` }));
    const card: Card = {
      accent: "neutral",
      title: "Big",
      sections,
      actions: [{ id: "x", label: "X" }],
      footer: "f",
    };
    const blocks = blocksOf([card]);
    expect(blocks).toHaveLength(BLOCK_LIMITS.messageBlocks);
    expect(blocks.slice(-3).map((b) => b.type)).toEqual(["context", "actions", "context"]);
    expect(blocks.at(-3)?.elements?.[0]?.text).toMatch(/^…\d+ more parts not shown here\.$/);
    expect(homeView([card]).blocks.length).toBeLessThanOrEqual(BLOCK_LIMITS.homeBlocks);
  });

  it("spreads many buttons over actions blocks of 25 and leaves out ids Slack would refuse", () => {
    const actions = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `b${i}`, label: `${i}` })),
      { id: "b1", label: "duplicate" },
      { id: "z".repeat(300), label: "too long" },
    ];
    const blocks = blocksOf([{ accent: "neutral", title: "Buttons", sections: [], actions }]);
    const rows = blocks.filter((b) => b.type === "actions").map((b) => b.elements?.length);
    expect(rows).toEqual([25, 5]);
  });

  it("renders a table monospaced in a code block", () => {
    const table = { columns: ["Service", "Owner"], rows: [["Amazon EC2", "Customer"]] };
    const blocks = blocksOf([{ accent: "neutral", title: "Patching", sections: [{ label: "Who", table }] }]);
    expect(textOf(blocks[1])).toBe("*Who*\n```\nService     Owner\nAmazon EC2  Customer\n```");
  });

  it("gives every message the plain-text rendering as its fallback, escaped and capped", () => {
    const message = messageFor([
      { accent: "aws", title: "AWS", subtitle: "S3 · Hardware", sections: [{ text: "a & b" }] },
    ]);
    expect(message.text).toBe("AWS: S3 · Hardware\na &amp; b");
    const long = messageFor([{ accent: "neutral", title: "T", sections: [{ text: "w ".repeat(5000) }] }]);
    expect(long.text.length).toBeLessThanOrEqual(BLOCK_LIMITS.fallback);
  });

  it("puts a divider between the cards of one reply and keeps action ids unique across them", () => {
    const card: Card = { accent: "neutral", title: "Q", sections: [], actions: [{ id: "same", label: "S" }] };
    const blocks = blocksOf([card, card]);
    expect(blocks.map((b) => b.type)).toEqual(["header", "actions", "divider", "header"]);
  });
});
