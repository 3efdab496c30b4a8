import { WEEKDAYS, type Weekday } from "../domain/daily.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a time zone. */
export interface LocalParts {
  readonly date: string;
  readonly time: string;
  readonly weekday: Weekday;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What the clock on the wall reads at `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: (parts.weekday ?? "Mon").toLowerCase().slice(0, 3) as Weekday,
    year,
    month,
    day,
    hour,
    minute,
    second: Number(parts.second),
  };
}

/** The offset of a time zone from UTC at an instant, in milliseconds (UTC+2 is 7,200,000). */
function offsetAt(t: number, timeZone: string): number {
  const p = localParts(new Date(t), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a wall-clock time occurs on a local date. A time skipped by a spring-forward change is
 * moved forward by the gap (02:30 becomes 03:30), and a time that occurs twice on a fall-back day is
 * taken once: so such a day neither loses nor doubles its post.
 */
export function instantOf(localDate: string, time: string, timeZone: string): Date {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offset either side of a change gives two candidates; the one whose wall clock reads back right wins.
  const a = wall - offsetAt(wall, timeZone);
  const b = wall - offsetAt(a, timeZone);
  const reads = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return p.date === localDate && p.time === time;
  };
  if (reads(a) && reads(b)) return new Date(Math.min(a, b));
  if (reads(a)) return new Date(a);
  if (reads(b)) return new Date(b);
  // Skipped by a spring-forward change: the later candidate is the same moment moved forward by the gap.
  return new Date(Math.max(a, b));
}

/**
 * Whether a local date happens at all in a time zone. Samoa went from 2011-12-29 straight to 2011-12-31: no
 * wall clock there ever read 2011-12-30, and `instantOf` moves every time of it onto the next day.
 */
export function dateExists(localDate: string, timeZone: string): boolean {
  return ["00:00", "12:00", "23:59"].some(
    (time) => localParts(instantOf(localDate, time, timeZone), timeZone).date === localDate,
  );
}

/** The local date `days` after (or before) a local date. */
export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The weekday of a local date. */
export function weekdayOf(localDate: string): Weekday {
  const [y, m, d] = localDate.split("-").map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7] as Weekday;
}

let zones: Map<string, string> | undefined;

/** The canonical spelling of an IANA time zone ("europe/berlin" -> "Europe/Berlin"), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  zones ??= new Map(
    [...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC"].map((z) => [z.toLowerCase(), z] as const),
  );
  const known = zones.get(name.toLowerCase());
  if (known) return known;
  try {
    // Aliases the list leaves out (e.g. "Asia/Calcutta") are still accepted by Intl.
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether this machine's time zone data knows a zone: a stored one may have been dropped, or written by hand. */
export function isKnownTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** A valid local date "YYYY-MM-DD", or null. */
export function parseLocalDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
    ? text
    : null;
}

/** A valid 24-hour "HH:MM" (also "9:30"), normalized to two digits, or null. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? `${String(h).padStart(2, "0")}:${m[2]}` : null;
}
