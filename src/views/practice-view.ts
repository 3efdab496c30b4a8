import type { MatrixNames } from "../domain/matrix.js";
import { CONFIDENCES, type Confidence, cellItem, cellOf, type ItemRef } from "../domain/memory.js";
import type {
  Asked,
  ConfidenceNoted,
  Digest,
  MemoryStats,
  SessionStep,
  SessionStopped,
} from "../domain/practice.js";
import { cmd, say, type Text, usage } from "../domain/text.js";
import type { Action, Card, Section } from "./card.js";
import { notice } from "./card.js";
import { practiceDoneCard, practiceLeft } from "./new-cards-view.js";
import { privateQuestionCard } from "./round-view.js";

export { MAX_NEW_PER_DAY, newCardsSetCard, pathSetCard } from "./new-cards-view.js";

/** The button id of "Quiz me on this" for a cell: "drill:<service>:<area>", far under Discord's 100. */
export function drillActionId(service: string, area: string): string {
  return `drill:${service}:${area}`;
}

/** Reads a "Quiz me on this" button id back; null when it is not well formed. */
export function parseDrillActionId(id: string): { service: string; area: string } | null {
  const m = /^drill:([a-z0-9-]{1,40}):([a-z0-9-]{1,50})$/.exec(id);
  return m ? { service: m[1] as string, area: m[2] as string } : null;
}

/** The button id of a "How sure?" tap on a private round: "sure:<round>:<guess|fairly|certain>". */
export function sureActionId(roundId: number, confidence: Confidence): string {
  return `sure:${roundId}:${confidence}`;
}

/** Reads a "How sure?" button id back; null when it is not well formed. */
export function parseSureActionId(id: string): { roundId: number; confidence: Confidence } | null {
  const m = /^sure:(\d{1,12}):(guess|fairly|certain)$/.exec(id);
  return m ? { roundId: Number(m[1]), confidence: m[2] as Confidence } : null;
}

/** A lookup card with a "Quiz me on this" button for its cell. */
export function withQuizMe(card: Card, service: string, area: string): Card {
  const action: Action = { id: drillActionId(service, area), label: "Quiz me on this" };
  return { ...card, actions: [...(card.actions ?? []), action] };
}

const CONFIDENCE_LABEL: Readonly<Record<Confidence, string>> = {
  guess: "A guess",
  fairly: "Fairly sure",
  certain: "Certain",
};

/** The optional second tap after a right private answer. */
export function howSureCard(roundId: number): Card {
  return {
    accent: "neutral",
    title: "How sure were you?",
    sections: [{ text: say`A guess brings it back sooner. Or type ${usage("sure")}.` }],
    actions: CONFIDENCES.map((c) => ({ id: sureActionId(roundId, c), label: CONFIDENCE_LABEL[c] })),
  };
}

/** The name of an item as a person reads it: "Amazon EC2 · Guest OS patching", or a scenario's id. */
export function itemName(item: ItemRef, matrix: MatrixNames): string {
  const cell = cellOf(item);
  if (!cell) return `scenario ${item.id}`;
  return `${matrix.service(cell.service)?.name ?? cell.service} · ${matrix.area(cell.area)?.name ?? cell.area}`;
}

/** A day as a person reads it: "2026-03-05". */
function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** What a "How sure?" tap did. */
export function confidenceCard(noted: ConfidenceNoted, matrix: MatrixNames): Card {
  return {
    accent: "success",
    title: `Noted: ${CONFIDENCE_LABEL[noted.confidence].toLowerCase()}`,
    subtitle: noted.recall === "hard" ? "rated hard: it comes back sooner" : "rated good",
    sections: [
      { label: "Next", items: noted.cards.map((c) => `${itemName(c.item, matrix)}: ${day(c.due)}`) },
    ],
  };
}

const MODE_TITLE: Readonly<Record<SessionStep["mode"], string>> = {
  practice: "Practice",
  review: "Review your misses",
  cram: "Cram",
};

function leftText(step: Extract<SessionStep, { kind: "ask" }>): string {
  if (step.left === 0) return "the last one";
  if (step.mode === "practice") return practiceLeft(step.left - step.newLeft, step.newLeft);
  if (step.mode === "review") return `${step.left} more ${step.left === 1 ? "miss" : "misses"} after this`;
  return `${step.left} more to go`;
}

/** A session's next step: its question, or that it is over. */
export function sessionStepCard(step: SessionStep): Card {
  if (step.kind === "done") return sessionDoneCard(step);
  const card = privateQuestionCard(step.round);
  const sections: Section[] = step.earlier
    ? [
        { text: "You have this question open already: answer it first, and the session goes on." },
        ...card.sections,
      ]
    : [...card.sections];
  return {
    ...card,
    title: step.fresh ? `${MODE_TITLE[step.mode]}: a new card` : MODE_TITLE[step.mode],
    subtitle: `${card.subtitle ?? ""} · ${leftText(step)}`,
    sections,
  };
}

function sessionDoneCard(step: Extract<SessionStep, { kind: "done" }>): Card {
  const next = step.nextDue ? `Your next card is due ${day(step.nextDue)}.` : "";
  switch (step.mode) {
    case "practice":
      return practiceDoneCard(step.nextDue, step.today);
    case "review":
      return notice(
        "success",
        "No misses left",
        `Every card you missed has since been answered right. ${next}`.trim(),
      );
    case "cram":
      if (!step.nextDue)
        return notice(
          "neutral",
          "You have no cards to cram yet",
          say`Name a service, e.g. ${cmd("cram", { service: "rds" })}.`,
        );
      return notice(
        "success",
        "Crammed it all",
        `Everything in scope has been asked since the cram began. ${next}`.trim(),
      );
  }
}

/** What "Skip" did: the question is gone, and no card changed. */
export function skippedCard(): Card {
  return notice("neutral", "Skipped", "Your cards did not change. The question may come again another time.");
}

const MODE_NAME: Readonly<Record<SessionStep["mode"], string>> = {
  practice: "practice",
  review: "review",
  cram: "cram",
};

/** What /srm stop did: how many questions the session asked, and what is still due. */
export function sessionStoppedCard(s: SessionStopped): Card {
  const done = `You answered ${s.answered} ${s.answered === 1 ? "question" : "questions"}${s.skipped > 0 ? ` and skipped ${s.skipped}` : ""}.`;
  const due =
    s.dueNow > 0
      ? say`${s.dueNow} ${s.dueNow === 1 ? "card is" : "cards are"} still due: ${cmd("practice")} picks them up.`
      : s.nextDue
        ? `Nothing is due now; your next card is due ${day(s.nextDue)}.`
        : "Nothing is due.";
  return notice("success", `Stopped your ${MODE_NAME[s.mode]}`, `${done} ${due}`);
}

/** The question "Quiz me on this" asks. */
export function quizMeCard(asked: Asked): Card {
  const card = privateQuestionCard(asked.round);
  if (!asked.earlier) return { ...card, title: "Quiz me" };
  return {
    ...card,
    sections: [
      { text: "You have this question open already: answer it first, then ask again." },
      ...card.sections,
    ],
  };
}

function percent(x: number): string {
  return `${Math.round(100 * x)}%`;
}

/** The memory part of /srm stats: cards due, new cards waiting today, measured retention, recall per service. */
export function memoryStatsCard(s: MemoryStats, matrix: MatrixNames, newToday: number): Card {
  const retention =
    s.retention.reviews === 0
      ? "no reviews of learned cards in the last 30 days yet"
      : `${percent(s.retention.passed / s.retention.reviews)} of ${s.retention.reviews} reviews of learned cards in the last 30 days (the target is 90%)`;
  const sections: Section[] = [
    {
      table: {
        columns: ["Cards", "Due now", "New today"],
        rows: [[String(s.cards), String(s.due), String(newToday)]],
      },
    },
    { label: "Measured retention", text: retention },
  ];
  if (s.services.length > 0)
    sections.push({
      label: "Recall now, per service",
      table: {
        columns: ["Service", "Cards", "Recall"],
        rows: s.services.map((r) => [
          matrix.service(r.service)?.name ?? r.service,
          String(r.cards),
          percent(r.recall),
        ]),
      },
    });
  return {
    accent: "neutral",
    title: "Memory",
    sections,
    footer:
      s.due > 0 || newToday > 0
        ? say`Practise what is due and today's new cards with ${cmd("practice")}.`
        : say`Nothing is due; ${cmd("review")} asks your misses.`,
  };
}

/** The sentence a person's home starts its "Practise next" with: what is due and how many new cards wait. */
export function practiceHomeLine(due: number, newToday: number, nextDue: Date | null): Text {
  if (due > 0 || newToday > 0)
    return say`${practiceLeft(due, newToday)} today: practise with ${cmd("practice")}.`;
  return nextDue ? `Nothing is due until ${day(nextDue)}.` : "";
}

/** The weekly digest a channel receives. */
export function digestCard(d: Digest, matrix: MatrixNames): Card {
  const sections: Section[] = [];
  sections.push(
    d.weakest.length === 0
      ? { text: "Nobody here has answered enough questions of the day in the last 30 days to tell." }
      : {
          label: "Most likely forgotten",
          items: d.weakest.map(
            (w) =>
              `${itemName({ kind: "cell", id: w.cell }, matrix)}: ${percent(w.recall)} recall across ${w.members} ${w.members === 1 ? "person" : "people"}`,
          ),
        },
  );
  sections.push(
    d.lookups.length === 0
      ? { text: "No lookups this week." }
      : {
          label: "Looked up most this week",
          items: d.lookups.map(
            (l) =>
              `${itemName(cellItem(l.serviceId, l.areaId), matrix)}, asked ${l.count} ${l.count === 1 ? "time" : "times"}`,
          ),
        },
  );
  const actions = d.weakest.flatMap((w) => {
    const cell = cellOf({ kind: "cell", id: w.cell });
    return cell
      ? [
          {
            id: drillActionId(cell.service, cell.area),
            label: `Quiz me: ${itemName({ kind: "cell", id: w.cell }, matrix)}`.slice(0, 75),
          },
        ]
      : [];
  });
  return {
    accent: "neutral",
    title: `Weekly digest (${d.week})`,
    sections,
    actions,
    footer: say`Turn it off with ${cmd("settings", { name: "digest", value: "off" })}.`,
  };
}
