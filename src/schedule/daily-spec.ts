import { WEEKDAYS, type Weekday } from "../domain/daily.js";
import { echo } from "../domain/echo.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import { canonicalTimeZone, parseClock } from "./local-time.js";

/** When a daily question is revealed: at a local time, or a number of minutes after the post. */
export type RevealRule = { readonly at: string } | { readonly afterMinutes: number };

/** What `/srm daily set` asked for; null parts keep the channel's current value (or the default). */
export interface DailySpec {
  readonly postTime: string;
  readonly timeZone: string | null;
  readonly days: readonly Weekday[] | null;
  readonly reveal: RevealRule | null;
}

/** The days a schedule uses when none are given. */
export const DEFAULT_DAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri"];

/**
 * The shortest time a daily question stays open: people need a moment to read and answer it. A shorter
 * reveal is refused with this rule rather than quietly stretched.
 */
export const MIN_REVEAL_MINUTES = 15;

/** The reveal a schedule uses when none is given. */
export const DEFAULT_REVEAL: RevealRule = { afterMinutes: 8 * 60 };

const bad = (problem: string): Outcome<never> => fail({ code: "BadUsage", problem, usage: "daily set" });

/** Reads "mon-fri", "sun-thu", "mon,wed,fri", "weekdays", "daily", "sat"; null if it is not a day list. */
export function parseDays(text: string): Weekday[] | null {
  const t = text.toLowerCase();
  if (t === "weekdays") return [...DEFAULT_DAYS];
  if (t === "daily" || t === "everyday" || t === "every-day" || t === "all") return [...WEEKDAYS];
  if (t === "weekends" || t === "weekend") return ["sat", "sun"];
  const picked = new Set<Weekday>();
  for (const part of t.split(",")) {
    const range = /^([a-z]{3})-([a-z]{3})$/.exec(part);
    if (range) {
      const from = WEEKDAYS.indexOf(range[1] as Weekday);
      const to = WEEKDAYS.indexOf(range[2] as Weekday);
      if (from < 0 || to < 0) return null;
      for (let i = from; ; i = (i + 1) % 7) {
        picked.add(WEEKDAYS[i] as Weekday);
        if (i === to) break;
      }
      continue;
    }
    if (!WEEKDAYS.includes(part as Weekday)) return null;
    picked.add(part as Weekday);
  }
  return WEEKDAYS.filter((d) => picked.has(d));
}

/** Reads "6h", "90m", "1h30m" into minutes, or null. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?$/i.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** Why a reveal at a local time comes too soon after the post, or null when it leaves time to answer. */
export function revealTooSoon(postTime: string, reveal: RevealRule): string | null {
  if (!("at" in reveal)) return null;
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const gap = (minutes(reveal.at) - minutes(postTime) + 24 * 60) % (24 * 60);
  if (gap >= MIN_REVEAL_MINUTES) return null;
  const when =
    gap === 0
      ? `A reveal at ${reveal.at} is the same as the post time`
      : `A reveal at ${reveal.at} comes ${gap} minutes after the post at ${postTime}`;
  return `${when}; a question stays open at least ${MIN_REVEAL_MINUTES} minutes so people can answer`;
}

/** Reads the words after `/srm daily set`. */
export function parseDailySet(words: readonly string[]): Outcome<DailySpec> {
  const [first, ...rest] = words;
  if (!first) return bad("Say when to post the question");
  const postTime = parseClock(first);
  if (!postTime) return bad(`"${echo(first)}" is not a time of day (use 24-hour HH:MM, e.g. 09:30)`);
  let timeZone: string | null = null;
  let days: Weekday[] | null = null;
  let reveal: RevealRule | null = null;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word.toLowerCase() === "reveal") {
      const next = rest[i + 1];
      if (next?.toLowerCase() === "after") {
        const minutes = parseDuration(rest[i + 2] ?? "");
        if (minutes === null || minutes < MIN_REVEAL_MINUTES || minutes > 24 * 60)
          return bad(
            `"reveal after ${echo(rest[i + 2] ?? "")}" needs a length from ${MIN_REVEAL_MINUTES}m to 24h (a question stays open at least ${MIN_REVEAL_MINUTES} minutes so people can answer), e.g. reveal after 6h`,
          );
        reveal = { afterMinutes: minutes };
        i += 2;
        continue;
      }
      const at = parseClock(next ?? "");
      if (!at)
        return bad(`"reveal ${echo(next ?? "")}" needs a time (reveal 16:00) or a length (reveal after 6h)`);
      const tooSoon = revealTooSoon(postTime, { at });
      if (tooSoon) return bad(tooSoon);
      reveal = { at };
      i += 1;
      continue;
    }
    const parsedDays = parseDays(word);
    if (parsedDays) {
      if (parsedDays.length === 0) return bad(`"${echo(word)}" names no day`);
      days = parsedDays;
      continue;
    }
    if (word.includes("/") || /^(utc|gmt)$/i.test(word)) {
      const zone = canonicalTimeZone(word);
      if (!zone)
        return bad(
          `"${echo(word)}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, Asia/Kolkata, UTC)`,
        );
      timeZone = zone;
      continue;
    }
    return bad(`"${echo(word)}" is neither a time zone, days (mon-fri, sun-thu, mon,wed,fri) nor a reveal`);
  }
  return ok({ postTime, timeZone, days, reveal });
}
