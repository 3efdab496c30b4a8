import { type DailySchedule, WEEKDAYS, type Weekday } from "../domain/daily.js";
import { echo } from "../domain/echo.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import { cmd, say, type Text, usage } from "../domain/text.js";
import type { DailyStore } from "../ports/daily-store.js";
import type { Actor, ChannelRef, Clock } from "../ports.js";
import type { ChannelHealth } from "../schedule/channel-health.js";
import { type DailyPlanner, revealInstant } from "../schedule/daily-planner.js";
import { DEFAULT_DAYS, DEFAULT_REVEAL, parseDailySet, revealTooSoon } from "../schedule/daily-spec.js";
import {
  addDays,
  isKnownTimeZone,
  localParts,
  parseClock,
  parseLocalDate,
  weekdayOf,
} from "../schedule/local-time.js";
import { type Card, notice } from "../views/card.js";

/** What `/srm daily` can be asked to do. */
export type DailyAction = "now" | "set" | "status" | "off" | "skip" | "pause" | "resume" | "leaderboard";

/** A refusal of a `/srm daily` command, with that command's usage. */
const usageOf =
  (command: string) =>
  (problem: Text): Outcome<never> =>
    fail({ code: "BadUsage", problem, usage: command });
const setUsage = usageOf("daily set");
const dailyUsage = usageOf("daily");

/** The `/srm daily` commands other than `now`: setting, showing and pausing a channel's schedule. */
export class DailyCommands {
  constructor(
    private readonly store: DailyStore,
    private readonly planner: DailyPlanner,
    private readonly clock: Clock,
    /** Channels the platform refused for good: shown in the status, lifted by resume. */
    private readonly health?: ChannelHealth,
  ) {}

  /** Runs one `/srm daily <action>` other than `now` (which posts, and so belongs to the rounds). */
  async run(
    actor: Actor,
    channel: ChannelRef,
    action: Exclude<DailyAction, "now">,
    args: readonly string[],
  ): Promise<Outcome<Card>> {
    // Setting a time and turning the schedule off need no zone; the rest read the stored one.
    const stored = action === "set" || action === "off" ? undefined : await this.store.get(channel);
    if (stored && !isKnownTimeZone(stored.timeZone)) return ok(unknownZoneCard(stored));
    switch (action) {
      case "set":
        return await this.set(actor, channel, args);
      case "off":
        return await this.off(channel);
      case "skip":
        return await this.skip(channel, args);
      case "pause":
        return await this.pause(channel, args, false);
      case "resume":
        return await this.pause(channel, args, true);
      case "leaderboard":
        return await this.leaderboard(channel, args);
      case "status":
        return await this.status(channel);
    }
  }

  /** `/srm daily set ...` */
  async set(actor: Actor, channel: ChannelRef, words: readonly string[]): Promise<Outcome<Card>> {
    const spec = parseDailySet(words);
    if (!spec.ok) return spec;
    const current = await this.store.get(channel);
    if (!spec.value.timeZone && current && !isKnownTimeZone(current.timeZone))
      return setUsage(
        say`This channel's time zone "${current.timeZone}" is no longer known: give one, e.g. ${cmd("daily set", { schedule: `${spec.value.postTime} Europe/Berlin` })}`,
      );
    const reveal = spec.value.reveal ?? current?.reveal ?? DEFAULT_REVEAL;
    const tooSoon = revealTooSoon(spec.value.postTime, reveal);
    if (tooSoon) return setUsage(`${tooSoon}. Give a later reveal in the same command`);
    const schedule: DailySchedule = {
      channel,
      postTime: spec.value.postTime,
      timeZone: spec.value.timeZone ?? current?.timeZone ?? "UTC",
      days: spec.value.days ?? current?.days ?? DEFAULT_DAYS,
      reveal,
      pausedUntil: current?.pausedUntil ?? null,
      leaderboard: current?.leaderboard ?? null,
      enabled: true,
      activeFrom: this.clock.now(),
      updatedBy: actor.userId,
    };
    await this.store.put(schedule);
    const card = await this.statusCard(schedule, "Daily question scheduled");
    const kept = [
      ...(spec.value.timeZone === null ? [`time zone ${schedule.timeZone}`] : []),
      ...(spec.value.days === null ? [`days ${formatDays(schedule.days)}`] : []),
      ...(spec.value.reveal === null ? [`reveal ${revealText(schedule)}`] : []),
    ];
    if (kept.length === 0) return ok(card);
    const change = kept.length === 1 ? "To change it, name it" : "To change one, name it";
    const text = say`${kept.join(", ")}. ${change} in ${cmd("daily set")}.`;
    const note = { label: current ? "Kept from the earlier schedule" : "Defaults used", text };
    return ok({ ...card, sections: [note, ...card.sections] });
  }

  /** `/srm daily status` */
  async status(channel: ChannelRef): Promise<Outcome<Card>> {
    const s = await this.store.get(channel);
    if (!s?.enabled)
      return ok(
        notice(
          "neutral",
          "No daily question in this channel",
          say`An admin can set one: ${usage("daily set")}`,
        ),
      );
    if (!isKnownTimeZone(s.timeZone)) return ok(unknownZoneCard(s));
    return ok(await this.statusCard(s, "Daily question"));
  }

  /** `/srm daily off` */
  async off(channel: ChannelRef): Promise<Outcome<Card>> {
    const s = await this.store.get(channel);
    if (!s?.enabled) return ok(notice("neutral", "The daily question was already off here"));
    await this.store.put({ ...s, enabled: false });
    return ok(
      notice(
        "success",
        "Daily question turned off",
        "An open question still takes answers until it is revealed.",
      ),
    );
  }

  /** `/srm daily skip <date>` */
  async skip(channel: ChannelRef, words: readonly string[]): Promise<Outcome<Card>> {
    const s = await this.store.get(channel);
    if (!s) return dailyUsage("This channel has no daily schedule yet");
    const date = this.dateArg(words[0] ?? "", s.timeZone);
    if (!date)
      return dailyUsage(`"${echo(words[0] ?? "")}" is not a date (use YYYY-MM-DD, today or tomorrow)`);
    const off = offAnyway(s, date, await this.store.isSkipped(channel, date));
    if (off) {
      const card = await this.statusCard(s, `Nothing to skip on ${date}`);
      return ok({
        ...card,
        sections: [{ text: `No question is posted that day anyway: ${off}.` }, ...card.sections],
      });
    }
    await this.store.addSkip(channel, date);
    return ok(await this.statusCard(s, `No question on ${date}`));
  }

  /** `/srm daily pause until <date>` and `/srm daily resume` */
  async pause(channel: ChannelRef, words: readonly string[], resume: boolean): Promise<Outcome<Card>> {
    const s = await this.store.get(channel);
    if (!s) return dailyUsage("This channel has no daily schedule yet");
    if (resume) {
      await this.health?.resume(channel);
      const resumed = { ...s, pausedUntil: null, enabled: true };
      await this.store.put(resumed);
      return ok(await this.statusCard(resumed, "Daily question resumed"));
    }
    if ((words[0] ?? "").toLowerCase() !== "until")
      return usageOf("daily pause")(
        say`Say until when: ${cmd("daily pause", { until: "until 2027-01-04" })}`,
      );
    const date = this.dateArg(words[1] ?? "", s.timeZone);
    if (!date) return usageOf("daily pause")(`"${echo(words[1] ?? "")}" is not a date (use YYYY-MM-DD)`);
    if (date <= localParts(this.clock.now(), s.timeZone).date)
      return dailyUsage(`${date} is not after today`);
    const paused = { ...s, pausedUntil: date };
    await this.store.put(paused);
    return ok(await this.statusCard(paused, `Paused; posting resumes on ${date}`));
  }

  /** `/srm daily leaderboard <day> <HH:MM>` or `off` */
  async leaderboard(channel: ChannelRef, words: readonly string[]): Promise<Outcome<Card>> {
    const s = await this.store.get(channel);
    if (!s) return dailyUsage("This channel has no daily schedule yet");
    if ((words[0] ?? "").toLowerCase() === "off") {
      const off = { ...s, leaderboard: null };
      await this.store.put(off);
      return ok(await this.statusCard(off, "Weekly leaderboard post turned off"));
    }
    const day = (words[0] ?? "").toLowerCase().slice(0, 3) as Weekday;
    const time = parseClock(words[1] ?? "");
    if (!WEEKDAYS.includes(day) || !time)
      return usageOf("daily leaderboard")(
        say`Give a weekday and a time, e.g. ${cmd("daily leaderboard", { when: "fri 16:00" })}`,
      );
    const next = { ...s, leaderboard: { day, time }, activeFrom: s.activeFrom };
    await this.store.put(next);
    return ok(await this.statusCard(next, "Weekly leaderboard post scheduled"));
  }

  private dateArg(word: string, timeZone: string): string | null {
    const today = localParts(this.clock.now(), timeZone).date;
    if (word.toLowerCase() === "today") return today;
    if (word.toLowerCase() === "tomorrow") return addDays(today, 1);
    return parseLocalDate(word);
  }

  /** Why the platform's refusal paused this channel, and how to resume. */
  private async refusedSection(channel: ChannelRef): Promise<{ label: string; text: Text }[]> {
    const pause = await this.health?.pauseOf(channel);
    if (!pause) return [];
    return [
      {
        label: "Paused: the platform refuses srm-bot here",
        text: say`Since ${pause.pausedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (${pause.reason}). Nothing is posted until an admin adds the bot back to this channel and runs ${cmd("daily resume")}.`,
      },
    ];
  }

  private async statusCard(s: DailySchedule, title: string): Promise<Card> {
    const local = (d: Date) => {
      const p = localParts(d, s.timeZone);
      return `${p.weekday.charAt(0).toUpperCase()}${p.weekday.slice(1)} ${p.date} ${p.time}`;
    };
    const next = s.enabled ? await this.planner.next(s) : null;
    const open = await this.planner.openRound(s);
    const reveal = revealText(s);
    const today = localParts(this.clock.now(), s.timeZone).date;
    const skips = await this.store.skipsFrom(s.channel, today);
    return {
      accent: "neutral",
      title,
      subtitle: `${s.postTime} ${s.timeZone}, ${formatDays(s.days)}; reveal ${reveal}`,
      sections: [
        ...(open
          ? [
              {
                label: "Open question",
                text: open.closesAt
                  ? `revealed ${local(open.closesAt)} (${s.timeZone})`
                  : say`revealed when an admin runs ${cmd("reveal")}`,
              },
            ]
          : []),
        {
          label: "Next post",
          text: next
            ? `${local(next.postAt)} (${s.timeZone})`
            : s.enabled
              ? "none in the next two weeks"
              : "off",
        },
        ...(next
          ? [
              {
                label: "Next reveal",
                text: `${local(revealInstant(s, next.localDate, next.postAt))} (${s.timeZone})`,
              },
            ]
          : []),
        ...(s.pausedUntil ? [{ label: "Paused", text: `posting resumes on ${s.pausedUntil}` }] : []),
        ...(await this.refusedSection(s.channel)),
        ...(skips.length > 0 ? [{ label: "Skipped", text: skips.join(", ") }] : []),
        ...(s.leaderboard
          ? [{ label: "Weekly leaderboard", text: `${s.leaderboard.day} ${s.leaderboard.time}` }]
          : []),
      ],
      footer:
        "Streaks count only the days this channel has a question: holidays and days off never break one.",
    };
  }
}

/** What `/srm daily` shows for a schedule whose stored time zone this machine does not know. */
function unknownZoneCard(s: DailySchedule): Card {
  return notice(
    "warning",
    `This channel's time zone "${s.timeZone}" is not known here`,
    say`No daily question is posted until it is set again: ${cmd("daily set", { schedule: `${s.postTime} <zone>` })}, e.g. ${cmd("daily set", { schedule: `${s.postTime} Europe/Berlin` })}.`,
  );
}

/** "at 16:00" or "6h after the post". */
function revealText(s: DailySchedule): string {
  return "at" in s.reveal ? `at ${s.reveal.at}` : `${formatMinutes(s.reveal.afterMinutes)} after the post`;
}

/** Why a schedule posts nothing on a local date anyway (not one of its days, paused, skipped), or null. */
function offAnyway(s: DailySchedule, date: string, skipped: boolean): string | null {
  if (!s.enabled) return "the daily question is off in this channel";
  const day = weekdayOf(date);
  if (!s.days.includes(day))
    return `${FULL_DAY[day]} is not one of this channel's days (${formatDays(s.days)})`;
  if (s.pausedUntil !== null && date < s.pausedUntil) return `posting is paused until ${s.pausedUntil}`;
  if (skipped) return "it is skipped already";
  return null;
}

const FULL_DAY: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

function formatMinutes(m: number): string {
  return m % 60 === 0 ? `${m / 60}h` : m > 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${m}m`;
}

/** "mon-fri", "sun-thu", or "mon, wed, fri". */
export function formatDays(days: readonly Weekday[]): string {
  if (days.length === 7) return "every day";
  const idx = days.map((d) => WEEKDAYS.indexOf(d));
  for (let start = 0; start < 7; start++) {
    const run = Array.from({ length: idx.length }, (_, k) => (start + k) % 7);
    if (run.every((i) => idx.includes(i)) && idx.length > 2)
      return `${WEEKDAYS[run[0] as number]}-${WEEKDAYS[run.at(-1) as number]}`;
  }
  return days.join(", ");
}
