import { type APIEmbed, AttachmentBuilder, type RawFile } from "discord.js";
import type { Card } from "../../src/views/card.js";

/** Discord's limit on an attachment's description (its alt text). */
const DESCRIPTION_MAX = 1024;

/** Whether any card of a reply carries a picture. */
export function hasPictures(cards: readonly Card[]): boolean {
  return cards.some((c) => c.image);
}

/**
 * A message's pictures as attachments (each with its alt text as the description) and its embeds with each
 * card's picture shown inside that card's embed through `attachment://name`. Embeds follow the cards in
 * order; a card whose embed did not fit has its picture attached all the same.
 */
export function withPictures(
  embeds: readonly APIEmbed[],
  cards: readonly Card[],
): { embeds: APIEmbed[]; files: AttachmentBuilder[] } {
  const files: AttachmentBuilder[] = [];
  const shown = embeds.map((e) => ({ ...e }));
  cards.forEach((card, i) => {
    if (!card.image) return;
    files.push(
      new AttachmentBuilder(Buffer.from(card.image.png), {
        name: card.image.name,
        description: card.image.alt.slice(0, DESCRIPTION_MAX),
      }),
    );
    const embed = shown[i];
    if (embed) embed.image = { url: `attachment://${card.image.name}` };
  });
  return { embeds: shown, files };
}

/** A card's picture as REST files (for a channel post through the REST manager) and the embed showing it. */
export function pictureFiles(
  embeds: readonly APIEmbed[],
  card: Card,
): {
  embeds: APIEmbed[];
  files: { raw: RawFile[]; attachments: { id: number; filename: string; description: string }[] };
} {
  if (!card.image) return { embeds: [...embeds], files: { raw: [], attachments: [] } };
  const { name, png, alt } = card.image;
  return {
    embeds: embeds.map((e, i) => (i === 0 ? { ...e, image: { url: `attachment://${name}` } } : e)),
    files: {
      raw: [{ key: "files[0]", name, data: Buffer.from(png), contentType: "image/png" }],
      attachments: [{ id: 0, filename: name, description: alt.slice(0, DESCRIPTION_MAX) }],
    },
  };
}
