import { stableHash } from "../domain/hash.js";
import { type ApplicableCell, type Area, OWNER_LABEL, type Owner, type Service } from "../domain/matrix.js";
import { CHOICE_KEYS, type Choice, type Question } from "../domain/question.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";

/** The services a contrast drill prefers to set side by side: the exam's classic ladder. */
const LADDER = [
  "ec2",
  "rds",
  "lambda",
  "ecs-fargate",
  "s3",
  "dynamodb",
  "eks-nodes-ec2",
  "elastic-beanstalk",
];

/** The most contrast drills generated per area and owner. */
const CONTRASTS_PER_OWNER = 3;

function ownerPhrase(owner: Owner): string {
  if (owner === "aws") return "AWS";
  if (owner === "customer") return "The customer";
  return "Shared: AWS and the customer each have a part";
}

function applicable(matrix: OwnershipMatrix, service: Service, area: Area): ApplicableCell | null {
  const { cell } = matrix.cell(service, area);
  return cell.applies ? cell : null;
}

/** "On <service>, who is responsible for <area>?" for every cell that applies. */
export function ownershipDrills(matrix: OwnershipMatrix): Question[] {
  const drills: Question[] = [];
  for (const service of matrix.services) {
    for (const area of matrix.areas) {
      const cell = applicable(matrix, service, area);
      if (!cell) continue;
      const choices: Choice[] = (["aws", "customer", "shared"] as const).map((owner, i) => ({
        key: CHOICE_KEYS[i] as string,
        text: ownerPhrase(owner),
        correct: owner === cell.owner,
        why: owner === cell.owner ? cell.why : wrongOwnerWhy(matrix, service, area, owner, cell),
      }));
      drills.push({
        id: `drill-${service.id}-${area.id}`,
        origin: "drill",
        type: "single",
        difficulty: area.default ? "easy" : cell.conditions.length > 0 ? "hard" : "medium",
        prompt: `On ${service.name}, who is responsible for ${area.name.charAt(0).toLowerCase()}${area.name.slice(1)}?`,
        choices,
        duties: [],
        explanation: `${OWNER_LABEL[cell.owner]}.${cell.inPractice ? ` In practice: ${sentence(cell.inPractice)}` : ""} AWS: ${cell.aws} Customer: ${cell.customer}`,
        sources: cell.sources,
        cells: [{ service: service.id, area: area.id }],
      });
    }
  }
  return drills;
}

/** How a wrong answer is named when it is refuted: "Not AWS", "Not the customer", "Not shared". */
const NOT: Record<Owner, string> = { aws: "Not AWS", customer: "Not the customer", shared: "Not shared" };

/** Whose a duty is, as a sentence says it. */
const WHOSE: Record<Exclude<Owner, "shared">, string> = { aws: "AWS's", customer: "the customer's" };

/** An area's name inside a sentence: "guest OS patching", but "IAM users" keeps its capitals. */
function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? `${name.charAt(0).toLowerCase()}${name.slice(1)}` : name;
}

/** A cell's part as a sentence that ends with a full stop. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * Why a wrong owner is wrong here, from the cell's two parts (never the right answer's own words), and a
 * neighbouring service where that owner would be right.
 */
function wrongOwnerWhy(
  matrix: OwnershipMatrix,
  service: Service,
  area: Area,
  owner: Owner,
  cell: ApplicableCell,
): string {
  const what = inSentence(area.name);
  const aws = sentence(cell.aws);
  const customer = sentence(cell.customer);
  let why: string;
  if (cell.owner === "shared") {
    why =
      owner === "aws"
        ? `Not AWS alone: on ${service.name}, the customer has a part in ${what} too. The customer's part: ${customer}`
        : `Not the customer alone: on ${service.name}, AWS has a part in ${what} too. AWS's part: ${aws}`;
  } else {
    const right = cell.owner;
    const other = right === "aws" ? "customer" : "aws";
    const rightPart = right === "aws" ? aws : customer;
    const otherPart = other === "aws" ? aws : customer;
    const otherName = other === "aws" ? "AWS" : "The customer";
    // A headline with an In practice line is the plain answer, not the whole duty: say so, not "alone".
    const lead =
      owner === "shared" && cell.inPractice
        ? `Not shared: on ${service.name}, ${what} is ${WHOSE[right]} as the plain question means it. In practice: ${sentence(cell.inPractice)}`
        : owner === "shared"
          ? `Not shared: on ${service.name}, this duty (${what}) is ${WHOSE[right]} alone.`
          : `${NOT[owner]}: on ${service.name}, this duty (${what}) is ${WHOSE[right]}, not ${WHOSE[other]}.`;
    const otherLine = /^(nothing|none)\b/i.test(otherPart)
      ? `${otherName} has no part in it: ${otherPart}`
      : `What ${otherName === "AWS" ? "AWS" : "the customer"} does around it does not carry the duty: ${otherPart}`;
    why = `${lead} ${right === "aws" ? "AWS" : "The customer"} does the work: ${rightPart} ${otherLine}`;
  }
  const neighbour = matrix.services.find(
    (s) => s !== service && s.kind === service.kind && applicable(matrix, s, area)?.owner === owner,
  );
  return neighbour ? `${why} That answer would be right on ${neighbour.name}.` : why;
}

/** "On which of these services is <area> the customer's alone?" across services whose owners differ. */
export function contrastDrills(matrix: OwnershipMatrix): Question[] {
  const drills: Question[] = [];
  const services = [...matrix.services].filter((s) => s.kind === "service").sort((a, b) => rank(a) - rank(b));
  for (const area of matrix.areas) {
    const owned = services.flatMap((s) => {
      const cell = applicable(matrix, s, area);
      return cell ? [{ service: s, cell }] : [];
    });
    for (const owner of ["customer", "aws"] as const) {
      const targets = owned.filter((o) => o.cell.owner === owner).slice(0, CONTRASTS_PER_OWNER);
      const others = owned.filter((o) => o.cell.owner !== owner);
      if (others.length < 3) continue;
      for (const target of targets) {
        const id = `contrast-${area.id}-${owner}-${target.service.id}`;
        const picked = [target, ...others.slice(0, 3)].sort(
          (a, b) => stableHash(id + a.service.id) - stableHash(id + b.service.id),
        );
        const whom = owner === "aws" ? "AWS's alone" : "the customer's alone";
        drills.push({
          id,
          origin: "contrast",
          type: "single",
          difficulty: "medium",
          prompt: `On which of these services is ${area.name.charAt(0).toLowerCase()}${area.name.slice(1)} ${whom}?`,
          choices: picked.map((p, i) => ({
            key: CHOICE_KEYS[i] as string,
            text: p.service.name,
            correct: p === target,
            why:
              p === target
                ? `${p.service.name}: ${OWNER_LABEL[p.cell.owner]}. ${p.cell.why}`
                : `Not ${p.service.name}: there this duty is ${p.cell.owner === "shared" ? "shared between AWS and the customer" : WHOSE[p.cell.owner]}, not ${whom}. ${sentence(p.cell.why)}`,
          })),
          duties: [],
          explanation: `The owner of ${area.name.toLowerCase()} moves with the service: ${picked
            .map((p) => `${p.service.name} ${OWNER_LABEL[p.cell.owner]}`)
            .join(", ")}.`,
          sources: [...new Set(picked.flatMap((p) => p.cell.sources))],
          cells: picked.map((p) => ({ service: p.service.id, area: area.id })),
        });
      }
    }
  }
  return drills;
}

function rank(s: Service): number {
  const i = LADDER.indexOf(s.id);
  return i === -1 ? LADDER.length : i;
}
