import { describe, expect, it } from "vitest";
import { buttonRows } from "../../../adapters/discord/components.js";
import {
  ACCENT_COLOURS,
  cardEmbed,
  cardEmbeds,
  EMBED_LIMITS,
  embedSize,
  truncate,
} from "../../../adapters/discord/embeds.js";
import { messageContent } from "../../../adapters/discord/message-body.js";
import type { PrintedCard } from "../../../src/views/card.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { messageBodyErrors } from "../../fakes/discord/message-rules.js";

const long = (n: number, word = "word ") => word.repeat(Math.ceil(n / word.length)).slice(0, n);

/** A card far past every limit: long title, long lead, 40 labelled sections, long lists and tables. */
const huge: PrintedCard = {
  accent: "warning",
  title: long(400),
  subtitle: long(300),
  sections: [
    { text: long(5000) },
    ...Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0
        ? { label: `List ${i}`, items: Array.from({ length: 200 }, (_, j) => `person ${j} +3 (streak +1)`) }
        : i % 3 === 1
          ? {
              label: `Table ${i}`,
              table: {
                columns: ["Service", "Owner"],
                rows: Array.from({ length: 80 }, () => ["Amazon EC2", "Customer"]),
              },
            }
          : { label: long(300), text: long(2000) },
    ),
  ],
  footer: long(3000),
  actions: [],
};

describe("cards as Discord embeds", () => {
  it("every accent has its colour: AWS orange, customer blue, shared purple, grey, green, amber", () => {
    expect(ACCENT_COLOURS).toEqual({
      aws: 0xff9900,
      customer: 0x1f6feb,
      shared: 0x8250df,
      neutral: 0x8b949e,
      success: 0x2ea043,
      warning: 0xf0a020,
    });
  });

  it("a card past every limit becomes an embed Discord accepts, cut visibly rather than dropped", () => {
    const embed = cardEmbed(huge);
    expect(embed.title?.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed.title?.endsWith("…")).toBe(true);
    expect(embed.description?.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(embed.fields?.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    expect(embedSize(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed.footer?.text.length).toBeGreaterThan(0);
    expect(messageBodyErrors({ embeds: [embed] })).toEqual([]);
  });

  it("a long list keeps whole items and says how many more there were", () => {
    const embed = cardEmbed({
      accent: "success",
      title: "Answer: B",
      sections: [{ label: "Points", items: Array.from({ length: 300 }, (_, i) => `player${i} +3`) }],
    });
    const value = embed.fields?.[0]?.value ?? "";
    expect(value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(value).toMatch(/\n… and \d+ more$/);
    expect(
      value
        .split("\n")
        .slice(0, -1)
        .every((l) => /^• player\d+ \+3$/.test(l)),
    ).toBe(true);
  });

  it("a table is a code block whose rows line up, and stays closed when cut", () => {
    const embed = cardEmbed({
      accent: "neutral",
      title: "Patching",
      sections: [
        {
          table: {
            columns: ["Service", "Owner"],
            rows: Array.from({ length: 300 }, () => ["Amazon RDS", "Shared"]),
          },
        },
      ],
    });
    const description = embed.description ?? "";
    expect(description.startsWith("```\n  Service     Owner\n  Amazon RDS  Shared")).toBe(true);
    expect(description).toMatch(/```\n… and \d+ more$/);
  });

  it("a lookup reads owner first: the title is the owner, the description says what was asked", () => {
    const embed = cardEmbed({
      accent: "customer",
      title: "Customer",
      subtitle: "Amazon EC2 · Guest OS patching",
      sections: [{ label: "Why", text: "You run the guest OS." }],
      footer: "Source: seed 001",
    });
    expect(embed).toEqual({
      color: ACCENT_COLOURS.customer,
      title: "Customer",
      description: "*Amazon EC2 · Guest OS patching*",
      fields: [{ name: "Why", value: "You run the guest OS." }],
      footer: { text: "Source: seed 001" },
    });
  });

  it("several cards share the message's 6000 characters and at most 10 embeds", () => {
    const embeds = cardEmbeds(Array.from({ length: 12 }, () => huge));
    expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embeds);
    expect(embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(messageBodyErrors({ embeds })).toEqual([]);
  });

  it("cutting never splits an emoji in half", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("a😀bcd", 3)).toBe("a…");
    expect(truncate("a😀bcd", 4)).toBe("a😀…");
  });
});

describe("card actions as Discord buttons", () => {
  it("buttons come five to a row, with the action id as custom_id", () => {
    const { rows, refused } = buttonRows(
      Array.from({ length: 7 }, (_, i) => ({
        id: `answer:1:${String.fromCharCode(65 + (i % 4))}${i}`,
        label: `${i}`,
      })),
    );
    expect(refused).toEqual([]);
    expect(rows.map((r) => r.components.length)).toEqual([5, 2]);
    expect(rows[0]?.components[0]).toMatchObject({ type: 2, custom_id: "answer:1:A0", label: "0", style: 2 });
  });

  it("ids Discord would refuse are left out and reported; the rest of the message still goes", () => {
    const logger = new RecordingLogger();
    const content = messageContent(
      [
        {
          accent: "neutral",
          title: "Question",
          sections: [],
          actions: [
            { id: "answer:1:A", label: "A", style: "primary" },
            { id: "x".repeat(101), label: "too long" },
            { id: "answer:1:A", label: "again" },
            { id: "answer:1:B", label: long(120) },
          ],
        },
      ],
      logger,
    );
    expect(
      content.components.flatMap((r) => r.components.map((b) => ("custom_id" in b ? b.custom_id : null))),
    ).toEqual(["answer:1:A", "answer:1:B"]);
    expect(logger.lines.filter((l) => l.level === "warn")).toHaveLength(2);
    expect(messageBodyErrors({ ...content })).toEqual([]);
  });

  it("more than 25 actions keep the first 25", () => {
    const { rows, refused } = buttonRows(
      Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, label: `${i}` })),
    );
    expect(rows).toHaveLength(5);
    expect(refused).toHaveLength(5);
  });
});
