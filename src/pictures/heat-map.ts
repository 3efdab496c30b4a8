import { INK, MUTED } from "./palette.js";
import { type Box, lines, type OwnedBox, open, type Picture, rect, text } from "./svg.js";
import { textWidth, wrapText } from "./text.js";

/** One cell of a team's memory: its mean recall and how many members have met it. */
export interface RecallCell {
  readonly service: string;
  readonly area: string;
  readonly recall: number;
  readonly members: number;
}

/** Recall bands, lowest first: the colour of a cell and the words for it. */
export const RECALL_BANDS = [
  { below: 0.5, fill: "#cf222e", ink: "#ffffff", words: "under 50%" },
  { below: 0.7, fill: "#fb8f44", ink: INK, words: "50–69%" },
  { below: 0.85, fill: "#eac54f", ink: INK, words: "70–84%" },
  { below: Number.POSITIVE_INFINITY, fill: "#2da44e", ink: "#ffffff", words: "85% or more" },
] as const;

/** The fill of a cell no member has met. */
export const UNMET_FILL = "#eaeef2";

/** The band a recall falls in. */
function recallBand(recall: number): (typeof RECALL_BANDS)[number] {
  return RECALL_BANDS.find((b) => recall < b.below) ?? RECALL_BANDS[3];
}

/** How many services and areas a heat map shows: the most forgotten ones, so it stays readable in a chat. */
const MOST = { services: 8, areas: 7 } as const;

const PAD = 24;
const LABELS = 220;
const COLUMN = 124;
const ROW = 44;
const GAP = 4;

/**
 * A team's recall by service (rows) and area (columns), each cell coloured by its recall band, the weakest
 * cells outlined and marked, so a team lead sees where the team is weak at a glance.
 */
export function heatMapPicture(
  title: string,
  cells: readonly RecallCell[],
  weakest: readonly { service: string; area: string }[],
  names: { service: (id: string) => string; area: (id: string) => string },
): Picture {
  const forgotten = (pick: (c: RecallCell) => string) => {
    const sums = new Map<string, number>();
    for (const c of cells) sums.set(pick(c), (sums.get(pick(c)) ?? 0) + (1 - c.recall) * c.members);
    return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  };
  const services = forgotten((c) => c.service).slice(0, MOST.services);
  const areas = forgotten((c) => c.area).slice(0, MOST.areas);
  const isWeak = (s: string, a: string) => weakest.some((w) => w.service === s && w.area === a);
  const width = Math.max(700, PAD * 2 + LABELS + areas.length * COLUMN);
  const parts: string[] = [text(PAD, 46, title, { size: 26, bold: true })];
  parts.push(
    text(PAD, 74, "Recall by service and area; ! and an outline mark the weakest", {
      size: 16,
      fill: MUTED,
    }),
  );
  const headTop = 90;
  const headHeight = 64;
  areas.forEach((a, i) => {
    const middle = PAD + LABELS + i * COLUMN + COLUMN / 2;
    parts.push(
      lines(middle, headTop + headHeight / 2, wrapText(names.area(a), 13, COLUMN - 8, 3, true), {
        size: 13,
        bold: true,
        anchor: "middle",
      }),
    );
  });
  const top = headTop + headHeight + 6;
  const boxes: OwnedBox[] = [];
  const marks: string[] = [];
  services.forEach((s, r) => {
    const y = top + r * (ROW + GAP);
    parts.push(lines(PAD, y + ROW / 2, wrapText(names.service(s), 16, LABELS - 12, 2), { size: 16 }));
    areas.forEach((a, c) => {
      const box: Box = { x: PAD + LABELS + c * COLUMN + 3, y, width: COLUMN - 6, height: ROW };
      const cell = cells.find((x) => x.service === s && x.area === a);
      if (!cell) {
        parts.push(rect(box, UNMET_FILL, 5));
        parts.push(
          lines(box.x + box.width / 2, y + ROW / 2, ["–"], { size: 16, anchor: "middle", fill: MUTED }),
        );
        return;
      }
      const band = recallBand(cell.recall);
      parts.push(rect(box, band.fill, 5));
      const weak = isWeak(s, a);
      boxes.push({ label: `${s}/${a}`, holder: null, box });
      const words = `${weak ? "! " : ""}${Math.round(cell.recall * 100)}%`;
      parts.push(
        lines(box.x + box.width / 2, y + ROW / 2, [words], {
          size: 17,
          bold: true,
          anchor: "middle",
          fill: band.ink,
        }),
      );
      if (weak)
        marks.push(
          `<rect x="${box.x + 2}" y="${box.y + 2}" width="${box.width - 4}" height="${box.height - 4}" rx="4" fill="none" stroke="${INK}" stroke-width="4"/>`,
        );
    });
  });
  const legendY = top + services.length * (ROW + GAP) + 24;
  let x = PAD;
  for (const band of RECALL_BANDS) {
    parts.push(rect({ x, y: legendY - 9, width: 18, height: 18 }, band.fill, 3));
    parts.push(text(x + 24, legendY + 6, band.words, { size: 16 }));
    x += 24 + textWidth(band.words, 16) + 22;
  }
  parts.push(rect({ x, y: legendY - 9, width: 18, height: 18 }, UNMET_FILL, 3));
  parts.push(text(x + 24, legendY + 6, "not met yet", { size: 16 }));
  const height = legendY + 28;
  const weakWords = weakest
    .map((w) => {
      const c = cells.find((x) => x.service === w.service && x.area === w.area);
      return `${names.service(w.service)} · ${names.area(w.area)}${c ? ` ${Math.round(c.recall * 100)}%` : ""}`;
    })
    .join("; ");
  const alt = `Heat map of the team's recall across ${services.length} services and ${areas.length} areas.${weakWords ? ` Weakest: ${weakWords}.` : ""}`;
  return { svg: `${open(width, height)}${parts.join("")}${marks.join("")}</svg>`, width, height, boxes, alt };
}
