import {
  EXAM_IDS,
  EXAM_NAME,
  EXAM_QUESTIONS,
  type ExamFailure,
  type ExamId,
  type ExamReport,
  type ExamRow,
  type ExamStep,
  PASS_MARK,
  type Tally,
} from "../domain/exam.js";
import type { MatrixNames } from "../domain/matrix.js";
import { type Question, responseLabel } from "../domain/question.js";
import { cmd, say, type Text } from "../domain/text.js";
import { multiRule } from "./answer-rules.js";
import { type Action, type Card, notice, privateReply, type Reply, type Section } from "./card.js";
import { flagActionId } from "./flag-ids.js";
import { learnerSources } from "./lookup-view.js";
import { failureCard } from "./messages.js";
import { itemName } from "./practice-view.js";
import { answerText } from "./round-view.js";

/** What a mock exam use case returned: its next step, or an expected failure. */
export type ExamResult =
  | { readonly ok: true; readonly value: ExamStep }
  | { readonly ok: false; readonly failure: ExamFailure };

/** The private reply to a mock exam command or button. */
export function examReply(result: ExamResult, matrix: MatrixNames): Reply {
  if (!result.ok) return privateReply(failureCard(result.failure));
  const step = result.value;
  switch (step.kind) {
    case "choose":
      return privateReply(examChoiceCard());
    case "abandoned":
      return privateReply(abandonedCard(step.exam));
    case "report":
      return privateReply(examReportCard(step.report, matrix));
    case "question": {
      const q = step.exam.questions[step.position]?.question;
      const card = q ? [examQuestionCard(step.exam, step.position, q)] : [];
      return step.saved === null
        ? privateReply(...card)
        : privateReply(savedCard(step.saved, step.exam.questions.length), ...card);
    }
  }
}

/** A pressed exam button: start an exam, or answer question `position` of exam `examId` (null: leave it blank). */
export type ExamAction =
  | { readonly kind: "start"; readonly exam: ExamId }
  | {
      readonly kind: "answer";
      readonly examId: number;
      readonly position: number;
      readonly key: string | null;
    };

/** The button id of an exam answer: "exam:<exam>:<position>:<A-D|blank>". */
function examAnswerActionId(examId: number, position: number, key: string | null): string {
  return `exam:${examId}:${position}:${key ?? "blank"}`;
}

/** Reads an exam button id back; null when it is not one. */
export function parseExamActionId(id: string): ExamAction | null {
  const start = /^exam-start:(clf-c02|saa-c03|scs-c02)$/.exec(id);
  if (start) return { kind: "start", exam: start[1] as ExamId };
  const m = /^exam:(\d{1,12}):(\d{1,3}):([A-D]|blank)$/.exec(id);
  if (!m) return null;
  return {
    kind: "answer",
    examId: Number(m[1]),
    position: Number(m[2]),
    key: m[3] === "blank" ? null : (m[3] as string),
  };
}

const SHORT: Readonly<Record<ExamId, string>> = {
  "clf-c02": "CLF-C02",
  "saa-c03": "SAA-C03",
  "scs-c02": "SCS-C02",
};

/** `/srm exam` with no exam named: the three, with their pass marks. */
function examChoiceCard(): Card {
  return {
    accent: "neutral",
    title: "Which mock exam?",
    sections: [
      {
        items: EXAM_IDS.map((e) => `${EXAM_NAME[e]}: pass mark ${PASS_MARK[e]} of 1,000`),
      },
      {
        text: say`${String(EXAM_QUESTIONS.default)} questions unless you say otherwise (${cmd("exam", { action: "saa-c03", value: "40" })}), one at a time, with no feedback until the end, as in the real exam. Only you see it.`,
      },
    ],
    actions: EXAM_IDS.map((e) => ({ id: `exam-start:${e}`, label: SHORT[e] })),
  };
}

/** One exam question, with nothing about earlier answers. */
function examQuestionCard(exam: ExamRow, position: number, q: Question): Card {
  const sections: Section[] = [];
  if (q.scenario) sections.push({ text: q.scenario });
  sections.push({ text: q.prompt }, { items: q.choices.map((c) => `${c.key}. ${c.text}`) });
  if (q.type === "multi")
    sections.push({
      text: say`${multiRule(q)} Type your letters: ${cmd("exam", { action: "answer", value: "A C" })}.`,
    });
  const actions: Action[] =
    q.type === "single"
      ? q.choices.map((c) => ({ id: examAnswerActionId(exam.id, position, c.key), label: c.key }))
      : [];
  actions.push({ id: examAnswerActionId(exam.id, position, null), label: "Leave blank" });
  return {
    accent: "neutral",
    title: `Mock exam ${SHORT[exam.exam]}`,
    subtitle: `question ${position + 1} of ${exam.questions.length} · no feedback until the end`,
    sections,
    actions,
    footer: say`${cmd("exam", { action: "resume" })} shows this again; ${cmd("exam", { action: "abandon" })} ends the exam without counting it`,
  };
}

/** The note that an exam answer was saved, before the next question. */
function savedCard(answered: number, total: number): Card {
  return notice("neutral", `Answer saved (${answered} of ${total})`);
}

/** What /srm exam abandon did. */
function abandonedCard(exam: ExamRow): Card {
  return notice(
    "neutral",
    `Abandoned your ${SHORT[exam.exam]} mock exam`,
    say`You had answered ${String(exam.answers.length)} of ${String(exam.questions.length)}. Nothing of it counts in your stats or cards. Start another with ${cmd("exam", { action: exam.exam })}.`,
  );
}

/** How many misses get a Flag button: Discord takes at most 25 buttons in a message, and fewer reads better. */
const MAX_FLAG_BUTTONS = 10;

/** How many missed questions the report spells out; the rest are named by count. */
const MISSES_SHOWN = 15;

function tallyRows(tallies: readonly Tally[], name: (id: string) => string): string[][] {
  return tallies.map((t) => [name(t.id), `${t.right} of ${t.total}`]);
}

/** The end of a mock exam: score against the pass mark, results by service and area, misses, cards made due. */
function examReportCard(r: ExamReport, matrix: MatrixNames): Card {
  const misses: Text[] = r.misses.slice(0, MISSES_SHOWN).map((m) => {
    const given =
      m.response.length === 0 ? "left blank" : `you answered ${responseLabel(m.question, m.response)}`;
    const source = learnerSources(m.question.sources)[0] ?? "";
    return `Question ${m.position + 1}: ${m.question.prompt} (${given}; the answer is ${answerText(m.question)}) ${m.question.explanation} Source: ${source}`;
  });
  if (r.misses.length > MISSES_SHOWN)
    misses.push(say`and ${String(r.misses.length - MISSES_SHOWN)} more: ${cmd("review")} asks them`);
  const sections: Section[] = [
    {
      text: `${r.right} of ${r.total} right. The real exam reports a scaled score from 100 to 1,000 that is not a percentage of questions right (AWS equates it across exam forms); this score is your share right laid on the same range, as a yardstick only.`,
    },
    {
      label: "By service",
      table: {
        columns: ["Service", "Right"],
        rows: tallyRows(r.byService, (id) => matrix.service(id)?.name ?? id),
      },
    },
    {
      label: "By area",
      table: { columns: ["Area", "Right"], rows: tallyRows(r.byArea, (id) => matrix.area(id)?.name ?? id) },
    },
  ];
  if (misses.length > 0) sections.push({ label: "Missed", items: misses });
  if (r.cardsDue.length > 0)
    sections.push({
      label: "Cards your misses made due",
      items: r.cardsDue.map((c) => `${itemName(c.item, matrix)}: due ${c.due.toISOString().slice(0, 10)}`),
    });
  // A miss is a private result like any other: its question can be flagged.
  const flags = r.misses
    .slice(0, MISSES_SHOWN)
    .flatMap((m) =>
      m.roundId === null ? [] : [{ id: flagActionId(m.roundId), label: `Flag question ${m.position + 1}` }],
    )
    .slice(0, MAX_FLAG_BUTTONS);
  return {
    accent: r.passed ? "success" : "warning",
    title: `${SHORT[r.exam]} mock exam: ${r.scaled} of 1,000 (${r.passed ? "reaches" : "below"} the pass mark of ${r.passMark})`,
    subtitle: r.passed ? "passed" : "not passed yet",
    sections,
    actions: flags,
    footer: say`Counted in your stats and cards, never in a channel's points. ${cmd("review")} asks your misses.`,
  };
}
