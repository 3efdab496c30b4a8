import { echo, echoWords } from "../domain/echo.js";
import { OWNER_LABEL, type Service } from "../domain/matrix.js";
import { cmd, say } from "../domain/text.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { COMPARED, parseServiceList } from "../knowledge/service-list.js";
import { compareImage } from "../pictures/card-image.js";
import { type Layer, stackAreas } from "../pictures/stack.js";
import type { Card, Reply, Section } from "../views/card.js";

function ownerWord(holder: Layer["holder"]): string {
  return holder === null ? "Does not apply" : OWNER_LABEL[holder];
}

/** "A, B and C" */
function joined(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The comparison of services' stacks: a table in text, the layers where the owner moves, and the picture. */
function compareCard(matrix: OwnershipMatrix, services: readonly Service[]): Card {
  const areas = [...stackAreas(matrix)].reverse();
  const holders = areas.map((area) =>
    services.map((s): Layer["holder"] => {
      const { cell } = matrix.cell(s, area);
      return cell.applies ? cell.owner : null;
    }),
  );
  const moves: string[] = [];
  areas.forEach((area, i) => {
    const row = holders[i] ?? [];
    if (new Set(row).size < 2) return;
    const byOwner = new Map<string, string[]>();
    row.forEach((h, k) => {
      const list = byOwner.get(ownerWord(h)) ?? [];
      list.push((services[k] as Service).name);
      byOwner.set(ownerWord(h), list);
    });
    moves.push(
      `${area.name}: ${[...byOwner].map(([owner, names]) => `${owner} on ${joined(names)}`).join("; ")}`,
    );
  });
  const sections: Section[] = [
    {
      label: moves.length > 0 ? "Where the line moves" : "The line does not move",
      ...(moves.length > 0
        ? { items: moves }
        : {
            text: "Every layer from physical security up to customer data has the same owner on these services.",
          }),
    },
    {
      table: {
        columns: ["Layer", ...services.map((s) => s.name)],
        rows: areas.map((a, i) => [a.name, ...(holders[i] ?? []).map(ownerWord)]),
      },
    },
    {
      text: say`Ask "${cmd("ask", { text: "<service> <area>" })}" for the why, the exceptions and the source.`,
    },
  ];
  return {
    accent: "neutral",
    title: services.map((s) => s.name).join(" vs "),
    subtitle: "who secures each layer",
    sections,
    image: compareImage(matrix, services),
  };
}

/** The reply to "/srm compare ec2 rds lambda": the comparison, or what to type instead. */
export function compareReply(matrix: OwnershipMatrix, text: string): Reply {
  const list = parseServiceList(matrix, text);
  const usage = say`Name ${COMPARED.fewest} to ${COMPARED.most} services, e.g. "${cmd("compare", { services: "ec2 rds lambda" })}" or "${cmd("compare", { services: "ec2 vs fargate" })}".`;
  let card: Card;
  if (list.ok) {
    const read = compareCard(matrix, list.services);
    card =
      list.corrections.length > 0
        ? {
            ...read,
            sections: [
              {
                text: `Did you mean that? I read ${list.corrections.map((c) => `"${echo(c.from)}" as "${c.to}"`).join(", ")}.`,
              },
              ...read.sections,
            ],
          }
        : read;
  } else if (list.problem === "unknown")
    card = {
      accent: "warning",
      title: `I don't know ${echoWords(list.unknown)} as a service`,
      sections: [
        ...(list.suggestions.length > 0
          ? [{ label: "Did you mean", items: list.suggestions.map((s) => s) }]
          : []),
        { text: usage },
      ],
    };
  else if (list.problem === "area")
    card = {
      accent: "warning",
      title: `${list.area} is an area, not a service`,
      sections: [{ text: "A comparison draws services' stacks." }, { text: usage }],
    };
  else
    card = {
      accent: "warning",
      title:
        list.problem === "too-few"
          ? "A comparison needs at least two services"
          : `That names ${list.services.length} services; a comparison draws at most ${COMPARED.most}`,
      sections: [
        ...(list.services.length > 0
          ? [{ text: `I read ${joined(list.services.map((s) => s.name))}.` }]
          : []),
        { text: usage },
      ],
    };
  return { visibility: "private", cards: [card] };
}
