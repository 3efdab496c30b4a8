import type { Grade } from "./question.js";

/** Points for a fully correct answer. */
export const BASE_POINTS = 10;

/** The most a streak adds to one answer. */
export const MAX_STREAK_BONUS = 5;

/** Bonus points for the first, second and third correct answers when a round has the speed bonus on. */
export const SPEED_BONUS = [3, 2, 1] as const;

/** Base points: all for a correct answer; for split questions, a share per duty right. */
export function basePoints(g: Grade): number {
  if (g.correct) return BASE_POINTS;
  if (g.totalParts <= 1) return 0;
  return Math.round((BASE_POINTS * g.rightParts) / g.totalParts);
}

/** A correct answer extending a streak to `streak` rounds earns one point per round after the first, capped. */
export function streakBonus(streak: number): number {
  return Math.min(Math.max(streak - 1, 0), MAX_STREAK_BONUS);
}

/** The bonus for the `order`-th correct answer (0-based) in a round with the speed bonus on. */
export function speedBonus(order: number): number {
  return SPEED_BONUS[order] ?? 0;
}

/** The leaderboard periods an instant counts towards, as stored keys. */
export function periodsOf(at: Date): { week: string; month: string } {
  return { week: `week:${isoWeek(at)}`, month: `month:${at.toISOString().slice(0, 7)}` };
}

/** ISO 8601 week of an instant in UTC, e.g. "2026-W10". */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
