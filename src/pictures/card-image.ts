import type { MatrixNames, Service } from "../domain/matrix.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import type { CardImage, Reply } from "../views/card.js";
import { heatMapPicture } from "./heat-map.js";
import { PictureRenderer } from "./render.js";
import type { Layer } from "./stack.js";
import { comparePicture, stackPicture } from "./stack.js";
import type { Picture } from "./svg.js";

/**
 * The process's rendered pictures. A picture is a pure function of its SVG, which is a pure function of the
 * content, so one cache serves every front end and every reply without any of them holding a renderer.
 */
const rendered = new PictureRenderer();

function image(picture: Picture, name: string): CardImage {
  return { png: rendered.png(picture.svg).bytes, alt: picture.alt, name };
}

/** A file name from service ids: lowercase letters, digits and dashes only. */
function fileName(parts: readonly string[]): string {
  return `${parts.map((p) => p.replace(/[^a-z0-9-]/g, "")).join("-")}.png`;
}

/** The picture of one service's stack, for a card. */
export function stackImage(service: Service, layers: readonly Layer[]): CardImage {
  return image(stackPicture(service, layers), fileName(["stack", service.id]));
}

/** The picture of services side by side, for a card. */
export function compareImage(matrix: OwnershipMatrix, services: readonly Service[]): CardImage {
  return image(comparePicture(matrix, services), fileName(["compare", ...services.map((s) => s.id)]));
}

/** The heat map of a team's recall by service and area, the weakest cells marked, for the weekly digest. */
export function heatMapImage(
  title: string,
  cells: readonly { cell: string; recall: number; members: number }[],
  weakest: readonly { cell: string }[],
  matrix: MatrixNames,
): CardImage | undefined {
  const split = (cell: string) => {
    const [service = "", area = ""] = cell.split("/");
    return { service, area };
  };
  const known = cells.map((c) => ({ ...split(c.cell), recall: c.recall, members: c.members }));
  if (known.length === 0) return undefined;
  const picture = heatMapPicture(
    title,
    known,
    weakest.map((w) => split(w.cell)),
    {
      service: (id) => matrix.service(id)?.name ?? id,
      area: (id) => matrix.area(id)?.name ?? id,
    },
  );
  return image(picture, "team-recall.png");
}

/** A reply whose first card carries a picture (when there is one): the text stays as it was. */
export function withImage(reply: Reply, image: CardImage | undefined): Reply {
  const [first, ...rest] = reply.cards;
  if (!image || !first) return reply;
  return { ...reply, cards: [{ ...first, image }, ...rest] };
}
