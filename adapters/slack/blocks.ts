import type { types } from "@slack/bolt";
import { SLACK_SYNTAX } from "../../src/commands/index.js";
import {
  type Action,
  type Card,
  type CardImage,
  type Picker,
  type PrintedCard,
  type PrintedSection,
  printCard,
} from "../../src/views/card.js";
import { renderPlain, renderTable } from "../../src/views/plain.js";

/** Slack has one `/srm` command: its syntax is the text grammar's. */
export { SLACK_SYNTAX };

import { chunkLines, clip, escapeMrkdwn } from "./mrkdwn.js";

type Block = types.KnownBlock;

/** Slack's Block Kit limits that srm-bot's cards can reach. */
export const BLOCK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in an App Home view. */
  homeBlocks: 100,
  /** Characters in a section's or a context element's text. */
  text: 3000,
  /** Characters in an image block's alt text. */
  altText: 2000,
  /** Characters in a header. */
  header: 150,
  /** Characters in a button's label. */
  buttonLabel: 75,
  /** Characters in an action_id; a longer one would make Slack refuse the whole message. */
  actionId: 255,
  /** Characters in a select option's value and text. */
  optionValue: 150,
  optionText: 75,
  /** Buttons in one actions block. */
  buttonsPerBlock: 25,
  /** Characters of the plain `text` fallback kept (notifications and screen readers). */
  fallback: 3000,
  /** Characters of text in all of a message's blocks: Slack is reported to refuse past about 13,200. */
  messageText: 12_000,
} as const;

/** A message as Slack takes it: Block Kit blocks and the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** The Slack file id each uploaded picture has, or undefined for a picture not uploaded. */
export type UploadedFiles = (image: CardImage) => string | undefined;

/**
 * Renders cards as one message: blocks within the message limits, and a plain-text fallback. A card's
 * picture shows as an image block when it was uploaded (its file id in `uploaded`); the text is there either way.
 */
export function messageFor(cards: readonly Card[], uploaded?: UploadedFiles): SlackMessage {
  return {
    text: clip(
      escapeMrkdwn(renderPlain({ visibility: "private", cards: [...cards] }, SLACK_SYNTAX)),
      BLOCK_LIMITS.fallback,
    ),
    blocks: renderBlocks(cards, BLOCK_LIMITS.messageBlocks, BLOCK_LIMITS.messageText, uploaded),
  };
}

/** Renders cards as an App Home view (which allows twice the blocks of a message). */
export function homeView(cards: readonly Card[]): types.HomeView {
  return { type: "home", blocks: renderBlocks(cards, BLOCK_LIMITS.homeBlocks) };
}

/** One card in three parts: the head and tail are always kept, the body is cut first when space runs out. */
interface CardParts {
  readonly head: Block[];
  readonly body: Block[];
  readonly tail: Block[];
}

/**
 * Renders cards as Block Kit within `maxBlocks`: per card the title as a header (for a lookup, the owner:
 * the first thing the eye meets), the subtitle, the sections, the buttons, and the footer as context.
 * When there are too many blocks, section blocks are dropped from the end and a note says how many.
 */
export function renderBlocks(
  cards: readonly Card[],
  maxBlocks: number,
  maxText = Number.POSITIVE_INFINITY,
  uploaded?: UploadedFiles,
): Block[] {
  const seenActionIds = new Set<string>();
  const parts = cards.map((card) => cardParts(printCard(card, SLACK_SYNTAX), seenActionIds, uploaded));
  const dividers = Math.max(0, parts.length - 1);
  const fixed = parts.reduce((n, p) => n + p.head.length + p.tail.length, dividers);
  const bodies = parts.reduce((n, p) => n + p.body.length, 0);
  // Room for the bodies; when something must go, each card keeps one block for its "not shown" note.
  let room = fixed + bodies <= maxBlocks ? bodies : Math.max(0, maxBlocks - fixed - parts.length);
  // Room for the bodies' text, after the heads, the tails and a note per card.
  let textRoom = parts.reduce((n, p) => n - textOf([...p.head, ...p.tail]) - NOTE_ROOM, maxText);
  const blocks: Block[] = [];
  parts.forEach((p, i) => {
    if (i > 0) blocks.push({ type: "divider" });
    const kept: Block[] = [];
    for (const b of p.body.slice(0, room)) {
      if (textOf([b]) > textRoom) break;
      textRoom -= textOf([b]);
      kept.push(b);
    }
    room -= kept.length;
    blocks.push(...p.head, ...kept);
    const dropped = p.body.length - kept.length;
    if (dropped > 0)
      blocks.push(context(`…${dropped} more ${dropped === 1 ? "part" : "parts"} not shown here.`));
    blocks.push(...p.tail);
  });
  // Only reachable with more cards than a message can hold: a valid, shorter message beats a refused one.
  return blocks.slice(0, maxBlocks);
}

/** Characters kept free for a card's "not shown" note. */
const NOTE_ROOM = 100;

/** The characters of text in blocks, as Slack counts them against a message's limit. */
function textOf(blocks: readonly Block[]): number {
  let n = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const x of node) walk(x);
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) {
        if (k === "text" && typeof v === "string") n += v.length;
        else if (typeof v === "object") walk(v);
      }
  };
  walk(blocks);
  return n;
}

function cardParts(card: PrintedCard, seenActionIds: Set<string>, uploaded?: UploadedFiles): CardParts {
  const head: Block[] = [header(card.title)];
  if (card.subtitle) head.push(section(`*${escapeMrkdwn(card.subtitle)}*`));
  const fileId = card.image ? uploaded?.(card.image) : undefined;
  const tail: Block[] = [
    ...(card.image && fileId
      ? [
          {
            type: "image" as const,
            slack_file: { id: fileId },
            alt_text: clip(card.image.alt, BLOCK_LIMITS.altText),
          },
        ]
      : []),
    ...(card.picker ? pickerBlocks(card.picker, seenActionIds) : []),
    ...actionBlocks(card.actions ?? [], seenActionIds),
  ];
  if (card.footer) tail.push(context(escapeMrkdwn(card.footer)));
  return { head, body: card.sections.flatMap(sectionBlocks), tail };
}

function header(title: string): Block {
  const text = clip(title.trim() === "" ? "srm-bot" : title, BLOCK_LIMITS.header);
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

function section(mrkdwn: string): types.SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: clip(mrkdwn, BLOCK_LIMITS.text) } };
}

function context(mrkdwn: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(mrkdwn, BLOCK_LIMITS.text) }] };
}

/** A card section as one or more section blocks: long text is split at line ends, never dropped silently. */
function sectionBlocks(s: PrintedSection): Block[] {
  const label = s.label ? [`*${escapeMrkdwn(s.label)}*`] : [];
  if ("text" in s)
    return chunkLines([...label, ...escapeMrkdwn(s.text).split("\n")], BLOCK_LIMITS.text).map(section);
  if ("items" in s)
    return chunkLines([...label, ...s.items.map((i) => `• ${escapeMrkdwn(i)}`)], BLOCK_LIMITS.text).map(
      section,
    );
  // A table reads best monospaced; every chunk is its own fenced block so each one renders alone.
  const fence = "```";
  const rows = renderTable(s.table).map((r) => escapeMrkdwn(r.replace(/^ {2}/, "")));
  const chunks = chunkLines(rows, BLOCK_LIMITS.text - 2 * (fence.length + 1) - (label[0]?.length ?? 0) - 1);
  return chunks.map((c, i) => section([...(i === 0 ? label : []), `${fence}\n${c}\n${fence}`].join("\n")));
}

/**
 * A picker as Block Kit: each menu a section (its text stays readable after a choice) with a static_select
 * whose option values are the engine's ids, then the submit button.
 */
function pickerBlocks(picker: Picker, seen: Set<string>): Block[] {
  const menus: Block[] = picker.menus
    .filter((m) => m.id !== "" && m.id.length <= BLOCK_LIMITS.actionId && !seen.has(m.id))
    .map((m) => {
      seen.add(m.id);
      const select: types.StaticSelect = {
        type: "static_select",
        action_id: m.id,
        placeholder: { type: "plain_text", text: "Choose", emoji: true },
        options: m.options
          .filter((o) => o.id.length <= BLOCK_LIMITS.optionValue)
          .map((o) => ({
            text: { type: "plain_text", text: clip(o.label, BLOCK_LIMITS.optionText), emoji: true },
            value: o.id,
          })),
      };
      return { ...section(escapeMrkdwn(m.placeholder)), accessory: select };
    });
  return [section(`*${escapeMrkdwn(picker.label)}*`), ...menus, ...actionBlocks([picker.submit], seen)];
}

/** Buttons, 25 to a block; an id Slack would refuse (too long, or used twice in one message) is left out. */
function actionBlocks(actions: readonly Action[], seen: Set<string>): Block[] {
  const buttons: types.Button[] = [];
  for (const a of actions) {
    if (a.id === "" || a.id.length > BLOCK_LIMITS.actionId || seen.has(a.id)) continue;
    seen.add(a.id);
    const label = clip(a.label.trim() === "" ? "?" : a.label, BLOCK_LIMITS.buttonLabel);
    buttons.push({
      type: "button",
      action_id: a.id,
      text: { type: "plain_text", text: label, emoji: true },
      ...(a.style ? { style: a.style } : {}),
    });
  }
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += BLOCK_LIMITS.buttonsPerBlock)
    blocks.push({ type: "actions", elements: buttons.slice(i, i + BLOCK_LIMITS.buttonsPerBlock) });
  return blocks;
}
