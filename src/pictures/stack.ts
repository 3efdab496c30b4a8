import type { Area, Owner, Service } from "../domain/matrix.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { COMPARED } from "../knowledge/service-list.js";
import { HOLDER_FILL, HOLDER_INK, HOLDER_WORD, type Holder, holderKey, MUTED } from "./palette.js";
import { type Box, legend, lines, type OwnedBox, open, type Picture, rect, text } from "./svg.js";
import { textWidth, wrapText } from "./text.js";

/** One layer of a service's stack and who owns it there. */
export interface Layer {
  readonly area: Area;
  readonly holder: Holder;
}

/** The lowest and the highest layer of the stack a course draws: from the data centre up to your data. */
const BOTTOM = "physical-security";
const TOP = "customer-data";

/** The stack's part of a list in the matrix's area order: from physical security up to customer data. */
function stackPart<T>(list: readonly T[], areaOf: (item: T) => Area): readonly T[] {
  const from = list.findIndex((x) => areaOf(x).id === BOTTOM);
  const to = list.findIndex((x) => areaOf(x).id === TOP);
  if (from < 0 || to < from) throw new Error(`the matrix has no areas from ${BOTTOM} up to ${TOP}`);
  return list.slice(from, to + 1);
}

/** The areas of the stack, bottom first: the matrix's areas from physical security up to customer data. */
export function stackAreas(matrix: OwnershipMatrix): readonly Area[] {
  return stackPart(matrix.areas, (a) => a);
}

/** A service's layers, bottom first, each with its owner on that service. */
export function stackLayers(matrix: OwnershipMatrix, service: Service): Layer[] {
  return stackAreas(matrix).map((area) => {
    const { cell } = matrix.cell(service, area);
    return { area, holder: cell.applies ? cell.owner : null };
  });
}

/** The layers among a service's rows of every area (a lookup's answer), bottom first. */
export function layersOfRows(
  rows: readonly { readonly area: Area; readonly owner: Owner | null }[],
): Layer[] {
  return stackPart(rows, (r) => r.area).map((r) => ({ area: r.area, holder: r.owner }));
}

const TIER_WORD = { iaas: "IaaS", paas: "PaaS", serverless: "serverless" } as const;

function tierLine(service: Service): string {
  return service.tier ? `${TIER_WORD[service.tier]} · who secures each layer` : "who secures each layer";
}

/** The words of one service's stack, top first, as a screen reader would read the picture. */
function stackAlt(service: Service, layers: readonly Layer[]): string {
  const top = [...layers].reverse();
  return `Responsibility stack of ${service.name}, from customer data at the top down to physical security: ${top
    .map((l) => `${l.area.name}, ${HOLDER_WORD[holderKey(l.holder)]}`)
    .join("; ")}.`;
}

const PAD = 24;
const ROW = 46;
const GAP = 4;
const LABEL = 21;

/** One service's stack: a bar per layer, data centre at the bottom, coloured by owner, with a legend. */
export function stackPicture(service: Service, layers: readonly Layer[]): Picture {
  const width = 720;
  const top = 104;
  const parts: string[] = [];
  const boxes: OwnedBox[] = [];
  const titleLines = wrapText(service.name, 30, width - 2 * PAD, 1, true);
  parts.push(text(PAD, 50, titleLines[0] ?? service.name, { size: 30, bold: true }));
  parts.push(text(PAD, 82, tierLine(service), { size: 19, fill: MUTED }));
  [...layers].reverse().forEach((layer, i) => {
    const key = holderKey(layer.holder);
    const box: Box = { x: PAD, y: top + i * (ROW + GAP), width: width - 2 * PAD, height: ROW };
    boxes.push({ label: layer.area.name, holder: layer.holder, box });
    const owner = HOLDER_WORD[key];
    const ownerWidth = textWidth(owner, LABEL, true);
    const room = box.width - 32 - ownerWidth - 24;
    parts.push(rect(box, HOLDER_FILL[key], 6));
    parts.push(
      lines(box.x + 16, box.y + ROW / 2, wrapText(layer.area.name, LABEL, room, 1), {
        size: LABEL,
        fill: HOLDER_INK[key],
      }),
    );
    parts.push(
      lines(box.x + box.width - 16, box.y + ROW / 2, [owner], {
        size: LABEL,
        bold: true,
        anchor: "end",
        fill: HOLDER_INK[key],
      }),
    );
  });
  const legendY = top + layers.length * (ROW + GAP) + 26;
  parts.push(legend(PAD, legendY, 19).svg);
  const height = legendY + 30;
  return {
    svg: `${open(width, height)}${parts.join("")}</svg>`,
    width,
    height,
    boxes,
    alt: stackAlt(service, layers),
  };
}

const LABEL_COLUMN = 250;
const COLUMN = 160;

/** Several services' stacks side by side, one column each, so the line between AWS and customer shows moving. */
export function comparePicture(matrix: OwnershipMatrix, services: readonly Service[]): Picture {
  if (services.length < COMPARED.fewest || services.length > COMPARED.most)
    throw new RangeError(`a comparison draws ${COMPARED.fewest} to ${COMPARED.most} services`);
  const areas = [...stackAreas(matrix)].reverse();
  const width = Math.max(720, PAD * 2 + LABEL_COLUMN + services.length * COLUMN);
  const column = (width - PAD * 2 - LABEL_COLUMN) / services.length;
  const parts: string[] = [];
  const boxes: OwnedBox[] = [];
  parts.push(text(PAD, 46, "Who secures each layer", { size: 28, bold: true }));
  const headTop = 66;
  const headHeight = 52;
  services.forEach((s, c) => {
    const middle = PAD + LABEL_COLUMN + c * column + column / 2;
    const name = wrapText(s.name, 18, column - 12, 2, true);
    parts.push(lines(middle, headTop + headHeight / 2, name, { size: 18, bold: true, anchor: "middle" }));
  });
  const top = headTop + headHeight + 8;
  areas.forEach((area, r) => {
    const y = top + r * (ROW + GAP);
    parts.push(lines(PAD, y + ROW / 2, wrapText(area.name, 18, LABEL_COLUMN - 12, 2), { size: 18 }));
    services.forEach((s, c) => {
      const { cell } = matrix.cell(s, area);
      const holder: Holder = cell.applies ? cell.owner : null;
      const key = holderKey(holder);
      const box: Box = {
        x: Math.round(PAD + LABEL_COLUMN + c * column + 3),
        y,
        width: Math.round(column - 6),
        height: ROW,
      };
      boxes.push({ label: `${s.name}: ${area.name}`, holder, box });
      parts.push(rect(box, HOLDER_FILL[key], 5));
      const word = holder === null ? "n/a" : HOLDER_WORD[key];
      parts.push(
        lines(box.x + box.width / 2, y + ROW / 2, [word], {
          size: 18,
          bold: true,
          anchor: "middle",
          fill: HOLDER_INK[key],
        }),
      );
    });
  });
  const legendY = top + areas.length * (ROW + GAP) + 26;
  parts.push(legend(PAD, legendY, 19, "Does not apply (n/a)").svg);
  const height = legendY + 30;
  const alt = compareAlt(matrix, services, areas);
  return { svg: `${open(width, height)}${parts.join("")}</svg>`, width, height, boxes, alt };
}

/** The words of a comparison: the services, then only the layers whose owner differs between them. */
function compareAlt(matrix: OwnershipMatrix, services: readonly Service[], areas: readonly Area[]): string {
  const moved = areas.filter((a) => new Set(services.map((s) => cellHolder(matrix, s, a))).size > 1);
  const names = services.map((s) => s.name).join(", ");
  if (moved.length === 0)
    return `Responsibility stacks of ${names} side by side: every layer from physical security up to customer data has the same owner.`;
  const rows = moved.map(
    (a) =>
      `${a.name}: ${services.map((s) => `${HOLDER_WORD[holderKey(cellHolder(matrix, s, a))]} on ${s.name}`).join(", ")}`,
  );
  return `Responsibility stacks of ${names} side by side. The owner differs at ${rows.join("; ")}. Every other layer is the same on all of them.`;
}

function cellHolder(matrix: OwnershipMatrix, service: Service, area: Area): Holder {
  const { cell } = matrix.cell(service, area);
  return cell.applies ? cell.owner : null;
}
