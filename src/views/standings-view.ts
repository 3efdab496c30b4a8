import type { Competition } from "../domain/competition.js";
import type { MatrixNames } from "../domain/matrix.js";
import type { Leaderboard, PersonStats, RankedRow } from "../domain/score.js";
import { cmd, say, usage } from "../domain/text.js";
import type { Card, Section } from "./card.js";

function accuracy(correct: number, answered: number): string {
  return answered === 0 ? "-" : `${Math.round((100 * correct) / answered)}%`;
}

function row(r: RankedRow): string[] {
  return [
    r.rank === 0 ? "-" : String(r.rank),
    r.displayName,
    String(r.points),
    String(r.answered),
    accuracy(r.correct, r.answered),
  ];
}

/** A leaderboard card: rank, name, points, answered, accuracy; the asker's own row below the top. */
export function leaderboardCard(lb: Leaderboard): Card {
  const sections: Section[] = [];
  if (lb.rows.length === 0) {
    sections.push({
      text:
        lb.by === "accuracy"
          ? "Nobody has answered enough questions for an accuracy ranking yet (5 or more)."
          : "No points yet in this period. Points come from revealed questions of the day.",
    });
  } else {
    sections.push({
      table: {
        columns: ["#", "Name", "Points", "Answered", "Accuracy"],
        rows: [...lb.rows.map(row), ...(lb.own ? [["…", "", "", "", ""], row(lb.own)] : [])],
      },
    });
  }
  if (lb.by === "accuracy")
    sections.push({ text: "Ranked by accuracy among people with 5 or more answers." });
  if (lb.competition && !lb.competition.endedAt)
    sections.push({ text: `Ends ${when(lb.competition.endsAt)}.` });
  return {
    accent: "neutral",
    title: `Leaderboard: ${lb.title}`,
    subtitle: `${lb.people} ${lb.people === 1 ? "person" : "people"} with points`,
    sections,
    footer: say`Also: ${usage("leaderboard")} (week, month, all, accuracy or a competition's name)`,
  };
}

/** A person's stats card. */
export function statsCard(s: PersonStats, matrix: MatrixNames): Card {
  const serviceName = (id: string) => matrix.service(id)?.name ?? id;
  const areaName = (id: string) => matrix.area(id)?.name ?? id;
  const list = (items: { id: string; answered: number; correct: number }[], name: (id: string) => string) =>
    items.length === 0
      ? "not enough answers yet"
      : items.map((c) => `${name(c.id)} ${accuracy(c.correct, c.answered)}`).join(", ");
  return {
    accent: "neutral",
    title: `Stats: ${s.displayName}`,
    sections: [
      {
        table: {
          columns: ["Answered", "Accuracy", "Streak", "Best streak", "Points", "Rank"],
          rows: [
            [
              String(s.answered),
              accuracy(s.correct, s.answered),
              String(s.currentStreak),
              String(s.bestStreak),
              String(s.points),
              s.rank === null ? "-" : String(s.rank),
            ],
          ],
        },
      },
      { label: "Strongest services", text: list(s.strongest.services, serviceName) },
      { label: "Weakest services", text: list(s.weakest.services, serviceName) },
      { label: "Strongest areas", text: list(s.strongest.areas, areaName) },
      { label: "Weakest areas", text: list(s.weakest.areas, areaName) },
    ],
    footer: say`Answered and accuracy count daily questions and ${cmd("quiz")}; points and rank count daily questions.`,
  };
}

function when(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The card announcing a new competition. */
export function competitionStartedCard(c: Competition): Card {
  return {
    accent: "success",
    title: `Competition "${c.name}" has started`,
    sections: [
      { text: `It runs until ${when(c.endsAt)}. Every question of the day opened until then counts.` },
      { text: say`Follow it with ${cmd("leaderboard", { period: c.name })}.` },
    ],
  };
}

/** The status of the running competition, with the leaders so far. */
export function competitionStatusCard(c: Competition, leaders: readonly RankedRow[], now: Date): Card {
  const hours = Math.max(0, Math.round((c.endsAt.getTime() - now.getTime()) / 3_600_000));
  const left = hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hours`;
  return {
    accent: "neutral",
    title: `Competition "${c.name}"`,
    subtitle: `ends ${when(c.endsAt)} (${left} left)`,
    sections: [
      leaders.length === 0
        ? { text: "No points yet." }
        : {
            label: "Leading",
            items: leaders.slice(0, 3).map((r) => `${r.rank}. ${r.displayName}: ${r.points} points`),
          },
    ],
  };
}

const MEDALS = ["🥇", "🥈", "🥉"];

/** The end-of-competition announcement with the final standings and the top three. */
export function competitionEndedCard(c: Competition, standings: readonly RankedRow[]): Card {
  const top = standings.filter((r) => r.rank <= 3);
  return {
    accent: "success",
    title: `Competition "${c.name}" is over`,
    sections:
      standings.length === 0
        ? [{ text: "Nobody scored this time." }]
        : [
            {
              label: "Top three",
              items: top.map(
                (r) => `${MEDALS[r.rank - 1] ?? ""} ${r.rank}. ${r.displayName}: ${r.points} points`,
              ),
            },
            {
              table: {
                columns: ["#", "Name", "Points", "Answered", "Accuracy"],
                rows: standings.map(row),
              },
            },
          ],
    footer: say`Final standings: ${cmd("leaderboard", { period: c.name })}`,
  };
}
