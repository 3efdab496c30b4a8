import type { Digest } from "../domain/practice.js";
import { isoWeek } from "../domain/scoring.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Announcer, Card, ChannelRef, Clock, Logger, LookupJournal } from "../ports.js";
import type { TeamMemory } from "./team-memory.js";

/** How many weak cells and top lookups a digest lists. */
const WEAKEST = 3;
const TOP_LOOKUPS = 5;

/** The digest is due from this hour (UTC) on the Monday of each ISO week. */
const DIGEST_HOUR_UTC = 9;

/** What the weekly digest needs. */
export interface DigestDeps {
  readonly store: PracticeStore;
  readonly team: TeamMemory;
  readonly journal: LookupJournal;
  /** The digest as a card to post: rendering is the caller's, so this use case imports no view. */
  readonly digestCard: (digest: Digest) => Card;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The weekly digest for channels that asked for it: their weakest cells and the most asked lookups. */
export class WeeklyDigests {
  constructor(private readonly d: DigestDeps) {}

  /** A channel's digest as of now. */
  async build(channel: ChannelRef): Promise<Digest> {
    const now = this.d.clock.now();
    const cells = await this.d.team.forgetting(channel);
    return {
      week: isoWeek(now),
      weakest: cells.filter((f) => f.forgotten > 0).slice(0, WEAKEST),
      cells,
      lookups: await this.d.journal.mostAsked(
        channel.platform,
        channel.workspaceId,
        new Date(now.getTime() - 7 * 86_400_000),
        TOP_LOOKUPS,
      ),
    };
  }

  /**
   * Posts every digest due (once per channel per ISO week, from Monday 09:00 UTC); returns how many. A channel
   * that turned the digest on after this week's Monday 09:00 waits for the next Monday.
   */
  async sendDue(): Promise<number> {
    const now = this.d.clock.now();
    const due = digestTime(now);
    if (now < due) return 0;
    const week = isoWeek(now);
    let sent = 0;
    for (const { channel, since } of await this.d.store.digestChannels()) {
      if (since > due || this.d.announcer.serves?.(channel) === false) continue;
      if (!(await this.d.store.claimDigest(channel, week, now))) continue;
      try {
        await this.d.announcer.post(channel, this.d.digestCard(await this.build(channel)));
        sent++;
      } catch (error) {
        // Given back, so the next tick tries again; one channel's failure never stops the others.
        await this.d.store.releaseDigest(channel, week);
        this.d.logger.error("posting a weekly digest failed; it will be tried again", {
          channel: channel.channelId,
          error,
        });
      }
    }
    return sent;
  }
}

/** Monday DIGEST_HOUR_UTC:00 UTC of the ISO week of `at`. */
export function digestTime(at: Date): Date {
  const day = at.getUTCDay() || 7;
  return new Date(
    Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - (day - 1), DIGEST_HOUR_UTC),
  );
}
