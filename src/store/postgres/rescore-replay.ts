import { basePoints, periodsOf, speedBonus, streakBonus } from "../../domain/scoring.js";
import type { AnswerRec, RoundRec } from "../recompute.js";

/** A revealed channel round as the replay reads it: one workspace's, so without the workspace's columns. */
export type ReplayRound = Omit<RoundRec, "platform" | "workspace">;

/** An answer to a revealed channel round, in the order the replay reads them (round, then time, then id). */
export interface ReplayAnswer extends AnswerRec {
  id: number;
}

/** A person's streak in a channel after the replay. */
export interface ReplayStreak {
  current: number;
  best: number;
  lastRoundId: number;
}

/** An answer's points: [answer id, base, streak bonus, speed bonus]. */
export type AnswerPoints = [number, number, number, number];

/**
 * Replays a workspace's revealed channel rounds (in id order, a slice at a time) with their answers by the
 * same rules as a reveal: the same arithmetic as the SQLite rescoring, without touching a database.
 */
export class WorkspaceReplay {
  /** Leaderboard rows by "period|user". */
  readonly scores = new Map<string, { name: string; points: number; answered: number; correct: number }>();
  /** Streaks by channel, then user (see `finish`). */
  private readonly streaks = new Map<string, Map<string, ReplayStreak>>();
  // The previous replayed round of each channel: a streak carries over only from it. (Ending, after every
  // round, the streak of everyone who missed it walks all of a channel's people per round: minutes at a
  // million answers. Checking at the next answer, and once at the end, gives the same streaks.)
  private readonly previousRound = new Map<string, number>();

  /** Replays the next rounds with their answers (grouped by round, in round order); returns their points. */
  play(rounds: readonly ReplayRound[], answers: readonly ReplayAnswer[]): AnswerPoints[] {
    const points: AnswerPoints[] = [];
    let next = 0;
    for (const r of rounds) {
      const inChannel = this.streaks.get(r.channel) ?? new Map<string, ReplayStreak>();
      this.streaks.set(r.channel, inChannel);
      const before = this.previousRound.get(r.channel);
      this.previousRound.set(r.channel, r.id);
      const periods = periodsOf(new Date(r.opened_at));
      const keys = ["all", periods.week, periods.month];
      if (r.competition_id !== null) keys.push(`competition:${r.competition_id}`);
      let correctSoFar = 0;
      // Skip any answer of a round not replayed, take this round's.
      while (next < answers.length && (answers[next] as ReplayAnswer).round_id < r.id) next++;
      for (; next < answers.length && (answers[next] as ReplayAnswer).round_id === r.id; next++) {
        const a = answers[next] as ReplayAnswer;
        const correct = a.correct === 1;
        const prev = inChannel.get(a.user_id);
        const carried = prev && prev.lastRoundId === before ? prev.current : 0;
        const current = correct ? carried + 1 : 0;
        inChannel.set(a.user_id, { current, best: Math.max(prev?.best ?? 0, current), lastRoundId: r.id });
        const base = basePoints({ rightParts: a.right_parts, totalParts: a.total_parts, correct });
        const streak = correct ? streakBonus(current) : 0;
        const speed = correct && r.speed_bonus === 1 ? speedBonus(correctSoFar) : 0;
        if (correct) correctSoFar++;
        points.push([a.id, base, streak, speed]);
        for (const period of keys)
          this.add(`${period}|${a.user_id}`, a.display_name, base + streak + speed, correct);
      }
    }
    return points;
  }

  /** Every streak once all rounds are played: a channel round someone did not answer ended theirs there. */
  finish(): ReadonlyMap<string, ReadonlyMap<string, ReplayStreak>> {
    for (const [channel, inChannel] of this.streaks)
      for (const s of inChannel.values())
        if (s.lastRoundId !== this.previousRound.get(channel)) s.current = 0;
    return this.streaks;
  }

  private add(key: string, name: string, points: number, correct: boolean): void {
    const cell = this.scores.get(key);
    if (!cell) {
      this.scores.set(key, { name, points, answered: 1, correct: correct ? 1 : 0 });
      return;
    }
    cell.name = name;
    cell.points += points;
    cell.answered += 1;
    cell.correct += correct ? 1 : 0;
  }
}
