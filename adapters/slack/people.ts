import { RecentMap } from "../../src/domain/recent-map.js";
import type { Actor, Logger } from "../../src/ports.js";
import type { SlackClients } from "./clients.js";
import { WorkQueue } from "./work-queue.js";

/** How long a person's admin flag is trusted before Slack is asked again. */
const REMEMBER_MS = 10 * 60_000;
/** Past this many people, expired entries are swept out. */
const SWEEP_AT = 10_000;

/** What srm-bot needs to know about a Slack user beyond the payload. */
interface Profile {
  readonly admin: boolean;
  readonly name: string | null;
}

interface Entry {
  readonly at: number;
  readonly profile: Promise<Profile>;
}

/** How many users.info calls may wait on Slack at once; more would only queue inside the client. */
const LOOKUPS_AT_ONCE = 4;

/**
 * Who is clicking or typing: ids from the payload, the admin flag from `users.info`, cached per user (an admin command asks afresh). Give it
 * a client of its own: the WebClient pauses all its calls while one waits out a 429, and a rate-limited
 * users.info must not hold up channel posts.
 */
export class SlackPeople {
  private readonly cache = new Map<string, Entry>();
  /** The last profile Slack gave for each person, used when Slack cannot answer now. */
  private readonly known = new RecentMap<string, Profile>(SWEEP_AT);
  private readonly lookups = new WorkQueue(LOOKUPS_AT_ONCE);

  constructor(
    /** Clients of their own (see above), one per workspace in the multi-workspace mode. */
    private readonly clients: SlackClients,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The actor for a Slack user. `nameFromPayload` is the user name Slack sent with the request; without
   * one (App Home events carry none) the profile's name is used.
   */
  async actor(teamId: string, userId: string, nameFromPayload?: string): Promise<Actor> {
    const { profile: pending, asked } = this.profile(teamId, userId);
    const profile = await pending;
    return {
      platform: "slack",
      workspaceId: teamId,
      userId,
      displayName: nameFromPayload || profile.name || userId,
      platformAdmin: profile.admin,
      // An admin command asks Slack again unless this very request just did: a remembered flag would let a
      // person demoted in Slack keep admin rights for up to REMEMBER_MS.
      confirmAdmin: asked ? async () => profile.admin : () => this.askedAfresh(teamId, userId),
    };
  }

  /** Whether Slack says now that the person administers the workspace; the answer is remembered. */
  private async askedAfresh(teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const profile = this.lookUp(key, teamId, userId);
    this.cache.set(key, { at: this.now(), profile });
    return (await profile).admin;
  }

  /**
   * The actor for a button press. No button is an admin action, so a press whose payload names the person
   * costs no users.info call: a thousand people answering one question would otherwise make a thousand
   * calls, far past that method's rate limit, and their answers would wait on it. The admin flag is the
   * one already known for the person, else false (the safe side).
   */
  async presser(teamId: string, userId: string, nameFromPayload?: string): Promise<Actor> {
    if (!nameFromPayload) return this.actor(teamId, userId);
    const cached = this.cache.get(`${teamId}:${userId}`);
    const admin = cached && this.now() - cached.at < REMEMBER_MS ? (await cached.profile).admin : false;
    return {
      platform: "slack",
      workspaceId: teamId,
      userId,
      displayName: nameFromPayload,
      platformAdmin: admin,
    };
  }

  /** The person's profile, and whether this call asked Slack for it (rather than finding it remembered). */
  private profile(teamId: string, userId: string): { profile: Promise<Profile>; asked: boolean } {
    const key = `${teamId}:${userId}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < REMEMBER_MS) return { profile: cached.profile, asked: false };
    if (this.cache.size >= SWEEP_AT) this.sweep(now);
    // The promise itself is cached, so a burst of clicks from one person asks Slack once.
    const profile = this.lookUp(key, teamId, userId);
    this.cache.set(key, { at: now, profile });
    return { profile, asked: true };
  }

  private async lookUp(key: string, teamId: string, userId: string): Promise<Profile> {
    try {
      const client = await this.clients.forTeam(teamId);
      const { user } = await this.lookups.run(() => client.users.info({ user: userId }));
      const profile = {
        admin: user?.is_admin === true || user?.is_owner === true,
        name: user?.profile?.display_name || user?.real_name || user?.name || null,
      };
      this.known.set(key, profile);
      return profile;
    } catch (error) {
      // The last profile Slack gave stands in; not knowing at all means not an admin: the safe side. The
      // failure is forgotten so the next request asks again.
      this.cache.delete(key);
      const last = this.known.get(key);
      this.logger.warn(
        last
          ? "could not read a Slack user's profile; using the one read before"
          : "could not read a Slack user's profile; treating them as a non-admin for now",
        { user: userId, error },
      );
      return last ?? { admin: false, name: null };
    }
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.cache) if (now - entry.at >= REMEMBER_MS) this.cache.delete(key);
  }
}
