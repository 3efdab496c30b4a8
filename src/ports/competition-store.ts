import type { ChannelRef, Platform } from "../domain/channel.js";
import type { Competition } from "../domain/competition.js";

/** Competitions, stored. */
export interface CompetitionStore {
  /** Starts a competition; the caller checks that none is active and the name is free. */
  create(
    channel: ChannelRef,
    name: string,
    startedBy: string,
    startsAt: Date,
    endsAt: Date,
  ): Promise<Competition>;
  /** The competition with this id. */
  get(id: number): Promise<Competition | undefined>;
  /** The workspace's running competition, if any. */
  active(platform: Platform, workspace: string): Promise<Competition | undefined>;
  /** A competition by name (any case). */
  byName(platform: Platform, workspace: string, name: string): Promise<Competition | undefined>;
  /** The most recently ended competition of a workspace. */
  latestEnded(platform: Platform, workspace: string): Promise<Competition | undefined>;
  /** Marks a competition ended; false if it already was. */
  end(id: number, at: Date): Promise<boolean>;
  /** Running competitions whose end time has passed. */
  due(now: Date): Promise<Competition[]>;
}
