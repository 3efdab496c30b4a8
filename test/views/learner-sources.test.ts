import { describe, expect, it } from "vitest";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { lookupJson } from "../../src/commands/lookup-json.js";
import type { Question } from "../../src/domain/question.js";
import type { AnswerRow, RoundRow } from "../../src/domain/round.js";
import { lookupReply } from "../../src/views/lookup-view.js";
import { renderPlain } from "../../src/views/plain.js";
import { privateResultCard, revealCard } from "../../src/views/round-view.js";
import { realContent, realLookup } from "../support/app.js";

/** A study-notes file name, or any wording that names them as seeds. */
const SEED = /\b\d{3}_[0-9a-f]{16}\.txt\b|\bseeds?\b/i;

function round(question: Question): RoundRow {
  return {
    id: 1,
    channel: { platform: "terminal", workspaceId: "local", channelId: "terminal" },
    kind: "channel",
    player: null,
    question,
    status: "revealed",
    speedBonus: false,
    competitionId: null,
    openedAt: new Date("2026-03-02T09:00:00Z"),
    closesAt: null,
    messageRef: null,
    choiceOrder: null,
    voidedAt: null,
  };
}

const answerRow: AnswerRow = {
  id: 1,
  roundId: 1,
  userId: "ann",
  displayName: "Ann",
  response: ["A"],
  rightParts: 0,
  totalParts: 1,
  correct: false,
  answeredAt: new Date("2026-03-02T09:05:00Z"),
  basePoints: null,
  streakBonus: null,
  speedBonus: null,
};

describe("what learners read cites AWS pages, never a study-notes file", () => {
  const { matrix, bank } = realContent();
  const lookup = realLookup();

  it("every cell's lookup, and each of its conditions, shows AWS URLs only and no seed wording", () => {
    let checked = 0;
    for (const service of matrix.services)
      for (const area of matrix.areas) {
        const { cell } = matrix.cell(service, area);
        const conditions = cell.applies ? cell.conditions : [];
        const texts = [
          `${service.id} ${area.id}`,
          ...conditions.map((c) => `${service.id} ${area.id} ${c.match[0]?.join(" ") ?? ""}`),
        ];
        for (const text of texts) {
          const result = lookup.lookup(text);
          const shown = renderPlain(lookupReply(result), TEXT_SYNTAX);
          expect(shown, text).not.toMatch(SEED);
          for (const source of lookupJson(result).sources) expect(source, text).toMatch(/^https:\/\//);
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(500);
  });

  it("every question's reveal and private result shows AWS URLs only and no seed wording", () => {
    const questions = [...bank.scenarios, ...bank.drills];
    expect(questions.length).toBeGreaterThan(100);
    for (const q of questions) {
      const reveal = renderPlain({ visibility: "private", cards: [revealCard(round(q), [])] }, TEXT_SYNTAX);
      expect(reveal, q.id).not.toMatch(SEED);
      expect(reveal, q.id).toMatch(/Sources?: https:\/\//);
      const result = { ...answerRow, response: ["A"] };
      const own = renderPlain(
        { visibility: "private", cards: [privateResultCard(round(q), result)] },
        TEXT_SYNTAX,
      );
      expect(own, q.id).not.toMatch(SEED);
    }
  });
});
