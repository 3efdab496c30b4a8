import type { Competition } from "../domain/competition.js";
import { echo } from "../domain/echo.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import type { CellAccuracy, Leaderboard, PersonStats, RankedRow, ScoreRow } from "../domain/score.js";
import { isoWeek } from "../domain/scoring.js";
import type { CompetitionStore } from "../ports/competition-store.js";
import type { ScoreStore } from "../ports/score-store.js";
import type { Actor, Clock } from "../ports.js";

/** How many rows a leaderboard shows before the asker's own row. */
export const LEADERBOARD_SIZE = 10;

/** Answers needed before a person appears in an accuracy ranking. */
export const MIN_ANSWERS_FOR_ACCURACY = 5;

/** Leaderboards and stats. */
export class Standings {
  constructor(
    private readonly scores: ScoreStore,
    private readonly competitions: CompetitionStore,
    private readonly clock: Clock,
  ) {}

  /** `/srm leaderboard [week|month|all|accuracy|<competition>]` */
  async leaderboard(actor: Actor, args: readonly string[]): Promise<Outcome<Leaderboard>> {
    let words = args.map((a) => a.toLowerCase());
    const by = words.includes("accuracy") ? "accuracy" : "points";
    words = words.filter((w) => w !== "accuracy");
    const which = args
      .filter((a) => a.toLowerCase() !== "accuracy")
      .join(" ")
      .trim();
    const now = this.clock.now();
    let period: string;
    let title: string;
    let competition: Competition | null = null;
    const key = words.join(" ");
    if (key === "" || key === "week") {
      period = `week:${isoWeek(now)}`;
      title = `This week (${isoWeek(now)})`;
    } else if (key === "month") {
      period = `month:${now.toISOString().slice(0, 7)}`;
      title = `This month (${now.toISOString().slice(0, 7)})`;
    } else if (key === "all" || key === "all-time" || key === "alltime") {
      period = "all";
      title = "All time";
    } else {
      const name = stripQuotes(which);
      competition =
        (key === "competition" || key === "comp"
          ? ((await this.competitions.active(actor.platform, actor.workspaceId)) ??
            (await this.competitions.latestEnded(actor.platform, actor.workspaceId)))
          : await this.competitions.byName(actor.platform, actor.workspaceId, name)) ?? null;
      if (!competition) return fail({ code: "UnknownCompetition", name });
      period = `competition:${competition.id}`;
      title = `Competition "${competition.name}"${competition.endedAt ? " (final)" : ""}`;
    }
    const { platform, workspaceId } = actor;
    const raw =
      by === "points"
        ? await this.scores.top(platform, workspaceId, period, LEADERBOARD_SIZE)
        : await this.scores.topByAccuracy(
            platform,
            workspaceId,
            period,
            MIN_ANSWERS_FOR_ACCURACY,
            LEADERBOARD_SIZE,
          );
    const rows = rankRows(raw, by);
    let own: RankedRow | null = null;
    if (!rows.some((r) => r.userId === actor.userId)) {
      const mine = await this.scores.row(platform, workspaceId, period, actor.userId);
      if (mine && by === "points")
        own = { ...mine, rank: await this.scores.rankOf(platform, workspaceId, period, mine.points) };
      else if (mine) own = { ...mine, rank: 0 };
    }
    return ok({
      title,
      by,
      rows,
      own,
      people: await this.scores.people(platform, workspaceId, period),
      competition,
    });
  }

  /** The final standings of a competition (top three first). */
  async finalStandings(c: Competition): Promise<RankedRow[]> {
    return rankRows(
      await this.scores.top(c.platform, c.workspace, `competition:${c.id}`, LEADERBOARD_SIZE),
      "points",
    );
  }

  /** `/srm stats [person]` */
  async stats(actor: Actor, about: string | null): Promise<Outcome<PersonStats>> {
    const { platform, workspaceId } = actor;
    let userId = actor.userId;
    let displayName = actor.displayName;
    if (about) {
      const name = about.replace(/^@/, "").replace(/^<@([\w]+)(\|[^>]*)?>$/, "$1");
      const found = await this.scores.findPerson(platform, workspaceId, name);
      if (!found)
        return fail({
          code: "BadUsage",
          // A mention stays whole so the platform can show the person; anything else typed is quoted short.
          problem: `No stats for "${/^<@!?\w{1,25}(\|[^>]{0,80})?>$/.test(about) ? about : echo(about)}" yet`,
          usage: "stats",
        });
      userId = found.userId;
      displayName = found.displayName;
    }
    const totals = await this.scores.totals(platform, workspaceId, userId);
    const streaks = await this.scores.streaksOf(platform, workspaceId, userId);
    const all = await this.scores.row(platform, workspaceId, "all", userId);
    const accuracy = await this.scores.accuracy(platform, workspaceId, userId);
    const ranked = (list: CellAccuracy[]) =>
      list
        .filter((c) => c.answered >= 2)
        .sort(
          (a, b) =>
            b.correct / b.answered - a.correct / a.answered ||
            b.answered - a.answered ||
            a.id.localeCompare(b.id),
        );
    const services = ranked(accuracy.services);
    const areas = ranked(accuracy.areas);
    return ok({
      displayName,
      answered: totals.answered,
      correct: totals.correct,
      currentStreak: streaks.current,
      bestStreak: streaks.best,
      points: all?.points ?? 0,
      rank: all ? await this.scores.rankOf(platform, workspaceId, "all", all.points) : null,
      strongest: { services: strongestOf(services), areas: strongestOf(areas) },
      weakest: { services: weakestOf(services), areas: weakestOf(areas) },
    });
  }
}

/** Standard competition ranking: equal scores share a rank, the next rank skips. */
export function rankRows(rows: readonly ScoreRow[], by: "points" | "accuracy"): RankedRow[] {
  const value = (r: ScoreRow) => (by === "points" ? r.points : r.correct / r.answered);
  let rank = 0;
  return rows.map((r, i) => {
    if (i === 0 || value(r) !== value(rows[i - 1] as ScoreRow)) rank = i + 1;
    return { ...r, rank };
  });
}

/** The best half of a ranked list, at most three. */
function strongestOf<T>(ranked: readonly T[]): T[] {
  return ranked.slice(0, Math.min(3, Math.ceil(ranked.length / 2)));
}

/** The worst of what is not among the strongest, at most three, worst first. */
function weakestOf<T>(ranked: readonly T[]): T[] {
  const rest = ranked.slice(Math.min(3, Math.ceil(ranked.length / 2)));
  return rest.slice(-3).reverse();
}

function stripQuotes(s: string): string {
  return s.replace(/^["'“”]+|["'“”]+$/g, "").trim();
}
