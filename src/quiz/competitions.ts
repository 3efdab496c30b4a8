import type { Competition } from "../domain/competition.js";
import { echo } from "../domain/echo.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import type { CompetitionStore } from "../ports/competition-store.js";
import type { Actor, ChannelRef, Clock } from "../ports.js";

const DAY = 86_400_000;

/** The longest a competition may run. */
export const MAX_COMPETITION_DAYS = 366;

const bad = (problem: string) => fail<never>({ code: "BadUsage", problem, usage: "competition start" });

/**
 * Reads the text after `/srm competition start`: `"Name with spaces" 2w` or `Name 2026-12-31` (the last
 * word is the length), into the command's two arguments.
 */
export function readCompetitionStart(text: string): { name: string; length: string } | { problem: string } {
  const trimmed = text.trim();
  const quoted = /^["“']([^"”']+)["”']\s+(.+)$/.exec(trimmed);
  if (quoted) return { name: (quoted[1] as string).trim(), length: (quoted[2] as string).trim() };
  const parts = trimmed.split(/\s+/);
  if (parts.length < 2) return { problem: "Give the competition a name and a length" };
  const length = parts.pop() as string;
  return { name: parts.join(" "), length };
}

/** A competition's name and length checked, and its end worked out from now. */
export function competitionPlan(
  name: string,
  length: string,
  now: Date,
): Outcome<{ name: string; endsAt: Date }> {
  const trimmed = name
    .trim()
    .replace(/^["“']|["”']$/g, "")
    .trim();
  if (trimmed.length === 0 || trimmed.length > 60) return bad("A competition name has 1 to 60 characters");
  const when = length.replace(/\s+/g, "");
  const endsAt = parseEnd(when, now);
  if (!endsAt) return bad(`"${echo(when)}" is neither a duration nor a date`);
  if (endsAt.getTime() <= now.getTime())
    return bad(`The end (${endsAt.toISOString().slice(0, 10)}) is not in the future`);
  if (endsAt.getTime() - now.getTime() > MAX_COMPETITION_DAYS * DAY)
    return bad(`A competition runs at most ${MAX_COMPETITION_DAYS} days`);
  return ok({ name: trimmed, endsAt });
}

function parseEnd(when: string, now: Date): Date | null {
  const duration = /^(\d{1,4})\s*(h|d|w)$/i.exec(when);
  if (duration) {
    const n = Number(duration[1]);
    const unit = (duration[2] as string).toLowerCase();
    const ms = unit === "h" ? 3_600_000 : unit === "d" ? DAY : 7 * DAY;
    return new Date(now.getTime() + n * ms);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(when);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
    // The whole end day counts: the competition ends at midnight UTC after it.
    return new Date(day.getTime() + DAY);
  }
  return null;
}

/** Starting, ending and reading competitions. */
export class Competitions {
  constructor(
    private readonly store: CompetitionStore,
    private readonly clock: Clock,
  ) {}

  /** Starts a named competition in the workspace; one runs at a time. */
  async start(
    actor: Actor,
    channel: ChannelRef,
    name: string,
    length: string,
  ): Promise<Outcome<Competition>> {
    const now = this.clock.now();
    const parsed = competitionPlan(name, length, now);
    if (!parsed.ok) return parsed;
    const running = await this.store.active(actor.platform, actor.workspaceId);
    if (running) return fail({ code: "CompetitionRunning", name: running.name });
    if (await this.store.byName(actor.platform, actor.workspaceId, parsed.value.name))
      return fail({ code: "CompetitionNameTaken", name: parsed.value.name });
    return ok(await this.store.create(channel, parsed.value.name, actor.userId, now, parsed.value.endsAt));
  }

  /** Ends the running competition now. */
  async endNow(actor: Actor): Promise<Outcome<Competition>> {
    const running = await this.store.active(actor.platform, actor.workspaceId);
    if (!running) return fail({ code: "NoCompetition" });
    await this.store.end(running.id, this.clock.now());
    return ok((await this.store.get(running.id)) as Competition);
  }

  /** The running competition. */
  async current(actor: Actor): Promise<Outcome<Competition>> {
    const running = await this.store.active(actor.platform, actor.workspaceId);
    return running ? ok(running) : fail({ code: "NoCompetition" });
  }

  /** Ends every due competition `ready` accepts; returns those it ended (each once, even across processes). */
  async endDue(ready: (c: Competition) => Promise<boolean> | boolean = () => true): Promise<Competition[]> {
    const now = this.clock.now();
    const ended: Competition[] = [];
    for (const c of await this.store.due(now))
      if ((await ready(c)) && (await this.store.end(c.id, now)))
        ended.push((await this.store.get(c.id)) as Competition);
    return ended;
  }
}
